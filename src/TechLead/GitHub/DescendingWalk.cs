namespace TechLead.GitHub;

/// <summary>A stretch (From, To] of a list ordered by time that is stored, plus the ids stored at exactly From.</summary>
internal sealed record CoveredRange(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long> AtFrom)
{
    public bool Contains(DateTimeOffset time, long id) => (time > From && time <= To) || (time == From && AtFrom.Contains(id));
}

/// <summary>
/// The cursor of a list GitHub only sorts newest-first (pull requests and issues by <c>updated</c>): the time
/// ranges already stored. A walk from the top stores what is not covered and stops where a covered range
/// reaches the backfill floor; a walk cut short (crash, time budget) leaves a gap that the next walk fills,
/// skipping what is already covered, so nothing is lost and nothing stored twice.
/// </summary>
internal sealed record CoveredRanges(IReadOnlyList<CoveredRange> Ranges)
{
    public static readonly CoveredRanges Empty = new([]);

    public bool Contains(DateTimeOffset time, long id) => Ranges.Any(r => r.Contains(time, id));

    /// <summary>Everything from <paramref name="time"/> down to the floor is stored.</summary>
    public bool CoversDownToFloor(DateTimeOffset time, DateTimeOffset floor) => Ranges.Any(r => r.From <= floor && time > r.From && time <= r.To);

    /// <summary>One range, down to the floor: the list's first page answered 304 means nothing needs reading.</summary>
    public bool IsComplete(DateTimeOffset floor) => Ranges.Count(r => r.To > floor) == 1 && Ranges.Single(r => r.To > floor).From <= floor;

    /// <summary>Ranges wholly older than the floor no longer matter (the floor moves forward with time).</summary>
    public CoveredRanges Prune(DateTimeOffset floor) => new(Ranges.Where(r => r.To > floor).ToList());

    public CoveredRanges Add(CoveredRange added, DateTimeOffset floor)
    {
        var merged = new List<CoveredRange>();
        foreach (var range in Ranges.Append(added).Where(r => r.To > floor).OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To)
            {
                var last = merged[^1];
                var atFrom = last.From == range.From ? last.AtFrom.Union(range.AtFrom).ToList() : last.AtFrom;
                merged[^1] = new CoveredRange(last.From, range.To > last.To ? range.To : last.To, atFrom);
            }
            else
            {
                merged.Add(range);
            }
        }

        return new CoveredRanges(merged);
    }
}

/// <summary>How a walk ended: nothing changed (304), done, or stopped by the time budget; and what it stored.</summary>
internal sealed record WalkOutcome(bool NotModified, bool Complete, IReadOnlySet<long> Processed);

/// <summary>Walks a newest-first list page by page (Link headers), storing each page before its cursor moves.</summary>
internal static class DescendingWalk
{
    public static async Task<WalkOutcome> RunAsync<T>(
        RepositorySyncContext context,
        string resource,
        Uri firstPage,
        Func<T, (DateTimeOffset Time, long Id)?> keyOf,
        Func<IReadOnlyList<T>, CancellationToken, Task> storeAsync,
        CancellationToken cancellationToken)
    {
        var floor = context.Floor;
        var cursor = await context.Cursors.GetAsync<CoveredRanges>(context.Repository, resource, cancellationToken);
        var covered = (cursor?.State ?? CoveredRanges.Empty).Prune(floor);
        if (covered.Ranges.Count == 0 && cursor is { ETag: not null, State.Ranges.Count: > 0 })
        {
            // A complete walk (only those keep an ETag) whose newest item has since fallen below the moving floor
            // still covers the whole list above it: keep asking with its ETag, so an idle repository gets a 304.
            covered = new CoveredRanges([new CoveredRange(floor, floor.AddTicks(1), [])]);
        }

        var page = await context.Session.Rest.GetAsync<List<T>>(firstPage, covered.IsComplete(floor) ? cursor?.ETag : null, cancellationToken);
        var processed = new HashSet<long>();
        if (page.NotModified)
        {
            return new WalkOutcome(true, true, processed);
        }

        var firstPageETag = page.ETag;
        DateTimeOffset? top = null;
        DateTimeOffset? low = null;
        var atLow = new List<long>();
        while (true)
        {
            var reachedEnd = page.Next is null;
            var toStore = new List<T>();
            foreach (var item in page.Body ?? [])
            {
                if (keyOf(item) is not { } key)
                {
                    context.Skipped(resource, "an item without a time or number", null);
                    continue;
                }

                var (time, id) = key;
                top ??= time;
                if (time <= floor || covered.CoversDownToFloor(time, floor))
                {
                    reachedEnd = true;
                    break;
                }

                if (low is null || time < low)
                {
                    (low, atLow) = (time, []);
                }

                if (time == low)
                {
                    atLow.Add(id);
                }

                if (!covered.Contains(time, id) && processed.Add(id))
                {
                    toStore.Add(item);
                }
            }

            if (toStore.Count > 0)
            {
                await storeAsync(toStore, cancellationToken);
            }

            // Only now that the page is stored does the cursor move past it. An empty list covers nothing past the
            // floor: our clock may run ahead of GitHub's, so it never stands in for GitHub's times.
            var newest = top is { } first && first > floor ? first : floor.AddTicks(1);
            covered = covered.Add(reachedEnd || low is null ? new CoveredRange(floor, newest, []) : new CoveredRange(low.Value, newest, atLow), floor);
            var complete = covered.IsComplete(floor);
            await context.Cursors.SetAsync(context.Repository, resource, covered, complete ? firstPageETag : null, cancellationToken);
            if (reachedEnd)
            {
                return new WalkOutcome(false, complete, processed);
            }

            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(resource);
                return new WalkOutcome(false, false, processed);
            }

            page = await context.Session.Rest.GetAsync<List<T>>(page.Next!, null, cancellationToken);
        }
    }
}
