using System.Globalization;
using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Workflow runs on the default branch, in <c>created</c> windows, oldest window first. GitHub returns at most
/// 1,000 runs for one query however many pages there are, so a window whose <c>total_count</c> is above that is
/// halved until each half fits. A window is stored in one go, then the cursor moves past it. The cursor stays a
/// day behind the newest run (re-runs of a recent run are picked up) and never passes a run still in progress;
/// when nothing changed, the same open-ended query is answered 304.
/// </summary>
internal sealed class WorkflowRunSync : IRepositorySyncStep
{
    public const string Resource = "workflow runs";

    public string Name => Resource;

    public string Permission => "Actions: read";

    private const int MaxResultsPerQuery = 1000;
    private static readonly TimeSpan RerunWindow = TimeSpan.FromDays(1);
    private static readonly TimeSpan GiveUpOnRunning = TimeSpan.FromDays(2);

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var cursor = await context.Cursors.GetAsync<WorkflowRunsCursor>(context.Repository, GitHubResources.WorkflowRuns, cancellationToken);
        // A position whose answer was stored with its ETag stays put, even once the backfill floor has passed it:
        // moving it to the new floor would change the query every run, and an idle repository would never get a 304.
        var settled = cursor is not null && cursor.State.ETagSince == cursor.State.Since;
        var since = cursor is null ? context.Floor : settled || cursor.State.Since >= context.Floor ? cursor.State.Since : context.Floor;
        var etag = cursor is not null && cursor.State.ETagSince == since ? cursor.ETag : null;

        // A pass that moves the cursor is followed by one for the new position, so an idle next run is a 304.
        // Runs the first pass stored unchanged are not stored again by the second.
        var stored = new HashSet<(long Id, long Attempt, string? Status, DateTimeOffset UpdatedAt)>();
        for (var pass = 0; pass < 2; pass++)
        {
            var walk = new Walk(context, since, stored);
            var first = await walk.GetAsync(since, null, null, etag, cancellationToken);
            if (first.NotModified)
            {
                return;
            }

            if (!await walk.RangeAsync(since, null, first, cancellationToken))
            {
                return;
            }

            var next = walk.NextSince();
            await context.Cursors.SetAsync(context.Repository, GitHubResources.WorkflowRuns, new WorkflowRunsCursor(next, next == since ? since : null),
                next == since ? first.ETag : null, cancellationToken);
            if (next == since)
            {
                return;
            }

            (since, etag) = (next, null);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Where the next run starts listing, and the since-value its stored ETag belongs to.</summary>
    private sealed record WorkflowRunsCursor(DateTimeOffset Since, DateTimeOffset? ETagSince);

    private sealed class Walk(RepositorySyncContext context, DateTimeOffset since, HashSet<(long Id, long Attempt, string? Status, DateTimeOffset UpdatedAt)> stored)
    {
        private DateTimeOffset? _newest;
        private DateTimeOffset? _oldestRunning;

        public async Task<RestPage<WorkflowRunsResponse>> GetAsync(DateTimeOffset from, DateTimeOffset? to, Uri? page, string? etag, CancellationToken cancellationToken)
        {
            var repository = context.Repository;
            var created = to is null ? $">={Time(from)}" : $"{Time(from)}..{Time(to.Value)}";
            var uri = page ?? new Uri(
                $"repos/{repository.Owner}/{repository.Name}/actions/runs?branch={Uri.EscapeDataString(context.DefaultBranch)}&created={Uri.EscapeDataString(created)}&exclude_pull_requests=true&per_page=100",
                UriKind.Relative);
            return await context.Session.Rest.GetAsync<WorkflowRunsResponse>(uri, etag, cancellationToken);
        }

        /// <summary>Stores every run created in [from, to] (to = open-ended); false when the time budget stopped it.</summary>
        public async Task<bool> RangeAsync(DateTimeOffset from, DateTimeOffset? to, RestPage<WorkflowRunsResponse> first, CancellationToken cancellationToken)
        {
            var end = to ?? Seconds(context.Now);
            if (first.Body!.TotalCount > MaxResultsPerQuery && end - from >= TimeSpan.FromSeconds(2))
            {
                var middle = Seconds(from + ((end - from) / 2));
                return await SplitAsync(from, middle, cancellationToken)
                    && await SplitAsync(middle.AddSeconds(1), to, cancellationToken);
            }

            var runs = new List<WorkflowRun>();
            var page = first;
            while (true)
            {
                runs.AddRange(page.Body!.WorkflowRuns ?? []);
                if (page.Next is null)
                {
                    break;
                }

                if (context.Session.Budget.IsExhausted)
                {
                    context.StoppedEarly(Resource);
                    return false;
                }

                page = await GetAsync(from, to, page.Next, null, cancellationToken);
            }

            await StoreAsync(runs, cancellationToken);
            if (to is not null)
            {
                // A closed window is stored: the next run may start after it (unless a run in it is still going).
                var next = Earliest(to.Value.AddSeconds(1), _oldestRunning);
                await context.Cursors.SetAsync(context.Repository, GitHubResources.WorkflowRuns, new WorkflowRunsCursor(next, null), null, cancellationToken);
            }

            return true;
        }

        public DateTimeOffset NextSince()
        {
            var afterReruns = _newest is null || Seconds(_newest.Value - RerunWindow) < since ? since : Seconds(_newest.Value - RerunWindow);
            return Earliest(afterReruns, _oldestRunning);
        }

        private async Task<bool> SplitAsync(DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
        {
            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(Resource);
                return false;
            }

            return await RangeAsync(from, to, await GetAsync(from, to, null, null, cancellationToken), cancellationToken);
        }

        private async Task StoreAsync(List<WorkflowRun> runs, CancellationToken cancellationToken)
        {
            var records = runs
                .Where(run => stored.Add((run.Id, run.RunAttempt, run.Status.StringValue, run.UpdatedAt)))
                .Select(run => context.MapOrSkip(Resource, $"workflow run {run.Id}", () => GitHubRecordMapper.WorkflowRun(context.Repository, run)))
                .OfType<WorkflowRunRecord>()
                .ToList();
            foreach (var run in runs.Where(r => r.CreatedAt != default))
            {
                _newest = _newest is null || run.CreatedAt > _newest ? run.CreatedAt : _newest;
                if (run.Status.StringValue != "completed" && context.Now - run.CreatedAt < GiveUpOnRunning)
                {
                    _oldestRunning = Earliest(Seconds(run.CreatedAt), _oldestRunning);
                }
            }

            await context.StoreAsync(new ActivityBatch { WorkflowRuns = records }, cancellationToken);
        }

        private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset? b) => b is not null && b < a ? b.Value : a;
    }
}
