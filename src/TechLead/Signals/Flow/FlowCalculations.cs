using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.Flow;

/// <summary>
/// Pull request flow and review load. Size, review and staleness signals look at people's PRs (bots' dependency
/// updates have their own tech-debt signal); throughput counts both and says how many were bots'.
/// </summary>
internal static class FlowCalculations
{
    private const string C = SignalCategories.Flow;

    public static IEnumerable<SignalValue> Compute(SignalContext context) =>
    [
        Merged(context),
        SignalShapes.Distribution(context,
            new SignalMeta("pr_size_lines", "PR size (lines)", C, SignalUnits.Lines,
                "Lines added plus deleted per PR merged in the week (median and p90), bots' PRs left out.", SignalSources.Flow,
                "Size says nothing about difficulty; large PRs take longer to review well."),
            "PR", w => HumanMergedIn(context, w).Select(p => (double)(p.Additions + p.Deletions)).ToList()),
        SignalShapes.Distribution(context,
            new SignalMeta("pr_size_files", "PR size (files)", C, SignalUnits.Files,
                "Files changed per PR merged in the week (median and p90), bots' PRs left out.", SignalSources.Flow),
            "PR", w => HumanMergedIn(context, w).Select(p => (double)p.ChangedFiles).ToList()),
        SignalShapes.Distribution(context,
            new SignalMeta("time_to_first_review", "Time to first review", C, SignalUnits.Hours,
                "Time from a PR being ready for review to its first review by someone other than the author, for PRs merged in the week (median and p90).", SignalSources.Flow,
                context.Weeks.ExcludeWeekends ? "Weekends are excluded." : null),
            "PR", w => HumanMergedIn(context, w)
                .Select(p => SignalContext.CountedReviewAt(p) is { } review ? context.Weeks.Hours(SignalContext.ReadyAt(p), review) : (double?)null)
                .OfType<double>().ToList()),
        SignalShapes.Distribution(context,
            new SignalMeta("review_rounds", "Review rounds", C, SignalUnits.Rounds,
                "Review rounds per reviewed PR merged in the week (median and p90).", SignalSources.Flow,
                "Many rounds can mean unclear requirements, a large PR or a healthy discussion: ask."),
            "PR", w => HumanMergedIn(context, w).Where(p => SignalContext.CountedReviewAt(p) is not null)
                .Select(p => (double)Math.Max(1, p.ReviewRounds)).ToList()),
        OpenPullRequests(context),
        StalePullRequests(context),
        SignalShapes.Share(context,
            new SignalMeta("merged_without_review", "Merged without review", C, SignalUnits.Ratio,
                "Share of PRs merged in the week with no review by someone other than the author before the merge, bots' PRs left out.", SignalSources.Flow),
            "PR", w =>
            {
                var merged = HumanMergedIn(context, w).ToList();
                return (merged.Count(p => SignalContext.CountedReviewAt(p) is null), merged.Count);
            }),
    ];

    /// <summary>Share of the week's reviews done by the busiest reviewer. Who that is is never reported.</summary>
    public static SignalValue ReviewLoadConcentration(SignalContext context)
    {
        List<int> ReviewsPerReviewer(TimeWindow w) => context.MergedIn(w)
            .SelectMany(p => p.Reviewers.Where(r => !string.Equals(r, p.Author, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(r => r, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Count())
            .ToList();

        var meta = new SignalMeta("review_load_concentration", "Review load concentration", SignalCategories.TeamHealth, SignalUnits.Ratio,
            "Share of the reviews on PRs merged in the week that the busiest reviewer did. Team-level: no names and no ranking.",
            SignalSources.BookReviewLoad,
            "A high share means one person is a bottleneck and a single point of knowledge; it says nothing about anyone's performance.");
        var signal = SignalShapes.Share(context, meta, "review", w => ReviewsPerReviewer(w) is { Count: > 0 } counts ? (counts.Max(), counts.Sum()) : (0, 0));
        var current = ReviewsPerReviewer(context.Current);
        return signal with
        {
            Breakdown =
            [
                SignalShapes.CountPart("reviewers", "People reviewing", SignalUnits.Count, current.Count, SignalFormat.Count(current.Count, "reviewer"), current.Sum()),
                SignalShapes.CountPart("reviews", "Reviews", SignalUnits.Count, current.Sum(), SignalFormat.Count(current.Sum(), "review"), current.Sum()),
            ],
        };
    }

    private static IEnumerable<PullRequestRecord> HumanMergedIn(SignalContext context, TimeWindow window) =>
        context.MergedIn(window).Where(p => !p.AuthorIsBot);

    private static bool HasPullRequestData(SignalContext context, TimeWindow window) =>
        context.Activity.PullRequests.Any(p => p.CreatedAt < window.End);

    private static SignalValue Merged(SignalContext context)
    {
        var meta = new SignalMeta("prs_merged", "PRs merged", C, SignalUnits.Count,
            "Pull requests merged in the week, people's and bots'.", SignalSources.Flow,
            "Throughput is not productivity: a week of small merges and a week of one hard change can be equally good.");
        var merged = context.MergedIn(context.Current).ToList();
        var bots = merged.Count(p => p.AuthorIsBot);
        var signal = SignalShapes.Count(context, meta,
            w => context.MergedIn(w).Count() is var n && (n > 0 || HasPullRequestData(context, w)) ? n : null,
            n => $"{SignalFormat.Count(n, "PR")} ({bots} by bots)");
        return signal with
        {
            Breakdown =
            [
                SignalShapes.CountPart("by_people", "By people", SignalUnits.Count, merged.Count - bots, SignalFormat.Count(merged.Count - bots, "PR"), merged.Count),
                SignalShapes.CountPart("by_bots", "By bots", SignalUnits.Count, bots, SignalFormat.Count(bots, "PR"), merged.Count),
            ],
        };
    }

    private static List<PullRequestRecord> OpenAt(SignalContext context, DateTimeOffset instant) =>
        context.OpenDuringSpan.Where(p => !p.AuthorIsBot && SignalContext.OpenAt(p, instant)).ToList();

    private static SignalValue OpenPullRequests(SignalContext context)
    {
        var meta = new SignalMeta("open_prs", "Open PRs", C, SignalUnits.Count,
            "People's pull requests open at the end of the week, by age since they were opened.", SignalSources.Flow);
        var end = context.Current.End;
        var open = OpenAt(context, end);
        var signal = SignalShapes.Count(context, meta,
            w => OpenAt(context, w.End).Count is var n && (n > 0 || HasPullRequestData(context, w)) ? n : null,
            n => SignalFormat.Count(n, "open PR"));
        var ages = open.Select(p => SignalContext.AgeDays(p.CreatedAt, end)).ToList();
        return signal with
        {
            P90 = Statistics.Percentile(ages, 90),
            Breakdown = AgeBuckets(ages, [("under_1_day", "Under 1 day", 0, 1), ("1_to_7_days", "1 to 7 days", 1, 7), ("7_to_30_days", "7 to 30 days", 7, 30), ("over_30_days", "Over 30 days", 30, double.MaxValue)]),
            // The PRs waiting longest for a first review: what the digest asks the lead to look at.
            Items = open.Where(p => !p.IsDraft && (p.FirstReviewAt is null || p.FirstReviewAt > end))
                .Select(p => (Pr: p, WaitingDays: SignalContext.AgeDays(p.ReadyForReviewAt is { } ready && ready <= end ? ready : p.CreatedAt, end)))
                .OrderByDescending(w => w.WaitingDays).ThenBy(w => w.Pr.Repository.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(w => w.Pr.Number)
                .Take(10)
                .Select(w => new SignalItem
                {
                    Label = SignalContext.PullRequestLabel(w.Pr),
                    Detail = string.Create(CultureInfo.InvariantCulture, $"waiting {w.WaitingDays:0.#} days for a first review"),
                    Value = Math.Round(w.WaitingDays, 1),
                }).ToArray(),
        };
    }

    private static SignalValue StalePullRequests(SignalContext context)
    {
        var staleAfter = context.Settings.StaleAfter;
        List<(PullRequestRecord Pr, double IdleDays)> StaleAt(DateTimeOffset instant) => OpenAt(context, instant)
            .Select(p => (Pr: p, IdleDays: SignalContext.AgeDays(LastActivity(p, instant), instant)))
            .Where(s => s.IdleDays >= staleAfter.TotalDays)
            .ToList();

        var days = staleAfter.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        var meta = new SignalMeta("stale_prs", "Stale PRs", C, SignalUnits.Count,
            $"People's pull requests open at the end of the week with no activity for {days} days or more (Signals:StaleAfterDays).", SignalSources.Flow);
        var stale = StaleAt(context.Current.End);
        var signal = SignalShapes.Count(context, meta,
            w => StaleAt(w.End).Count is var n && (n > 0 || HasPullRequestData(context, w)) ? n : null,
            n => SignalFormat.Count(n, "stale PR"));
        return signal with
        {
            Items = stale.OrderByDescending(s => s.IdleDays).ThenBy(s => s.Pr.Repository.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Pr.Number).Take(10).Select(s => new SignalItem
            {
                Label = SignalContext.PullRequestLabel(s.Pr),
                Detail = string.Create(CultureInfo.InvariantCulture, $"no activity for {s.IdleDays:0} days"),
                Value = Math.Round(s.IdleDays, 1),
            }).ToArray(),
        };
    }

    /// <summary>The last activity known at the instant (later updates are not yet visible then).</summary>
    private static DateTimeOffset LastActivity(PullRequestRecord pr, DateTimeOffset instant) =>
        new DateTimeOffset?[] { pr.CreatedAt, pr.ReadyForReviewAt, pr.FirstReviewAt, pr.UpdatedAt }
            .OfType<DateTimeOffset>()
            .Where(t => t <= instant)
            .DefaultIfEmpty(pr.CreatedAt)
            .Max();

    internal static SignalPart[] AgeBuckets(IReadOnlyList<double> ageDays, (string Id, string Name, double From, double To)[] buckets) =>
        buckets.Select(b =>
        {
            var count = ageDays.Count(a => a >= b.From && a < b.To);
            return SignalShapes.CountPart(b.Id, b.Name, SignalUnits.Count, count, SignalFormat.Count(count, "item"), ageDays.Count);
        }).ToArray();
}
