using System.Globalization;
using TechLead.Activity;
using TechLead.Signals.Delivery;

namespace TechLead.Signals;

/// <summary>Everything one report's calculations share: the weeks, the settings, the activity and its indexes.</summary>
internal sealed class SignalContext
{
    private PullRequestRecord[]? _openDuringSpan;

    public SignalContext(SignalWeeks weeks, SignalSettings settings, IReadOnlyList<RepositoryName> repositories, ActivityBatch activity, IReadOnlySet<RepositoryName> deployedBefore)
    {
        Weeks = weeks;
        Settings = settings;
        Repositories = repositories;
        Activity = activity;
        Deployments = DeploymentTimeline.Build(repositories, activity, deployedBefore, settings);
        Shipping = ShippingIndex.Build(activity.PullRequests, Deployments, settings);
        Failures = FailureLedger.Build(activity, Deployments, Shipping, settings);
        Merged = activity.PullRequests.Where(p => p.MergedAt is not null).OrderBy(p => p.MergedAt).ToArray();
    }

    public SignalWeeks Weeks { get; }

    public SignalSettings Settings { get; }

    public IReadOnlyList<RepositoryName> Repositories { get; }

    /// <summary>The loaded rows (the loader may give more than the report needs, never less).</summary>
    public ActivityBatch Activity { get; }

    public DeploymentTimeline Deployments { get; }

    public ShippingIndex Shipping { get; }

    public FailureLedger Failures { get; }

    /// <summary>Merged PRs, oldest merge first.</summary>
    public IReadOnlyList<PullRequestRecord> Merged { get; }

    /// <summary>The PRs that could be open at the end of one of the report's weeks; the others never are.</summary>
    public IReadOnlyList<PullRequestRecord> OpenDuringSpan => _openDuringSpan ??= Activity.PullRequests
        .Where(p => p.CreatedAt < Weeks.Span.End && !(p.MergedAt < Weeks.Span.Start) && !(p.ClosedAt < Weeks.Span.Start))
        .ToArray();

    public TimeWindow Current => Weeks.Current;

    public bool Enough(int events) => events >= Settings.MinimumSample;

    /// <summary>Median of a signal's value over the four previous weeks, skipping weeks without enough data.</summary>
    public double? Trend(Func<TimeWindow, double?> valueOf) =>
        Statistics.Median(Weeks.Previous.Select(valueOf).OfType<double>());

    /// <summary>PRs merged in the window: a binary search in <see cref="Merged"/>, which is in merge order.</summary>
    public IEnumerable<PullRequestRecord> MergedIn(TimeWindow window) => TimeOrdered.In(Merged, p => p.MergedAt!.Value, window);

    /// <summary>A PR review that counts: by a person other than the author, before the merge.</summary>
    public static DateTimeOffset? CountedReviewAt(PullRequestRecord pr) =>
        pr.FirstReviewAt is { } at
        && (pr.FirstReviewerKind is null || string.Equals(pr.FirstReviewerKind, "human", StringComparison.OrdinalIgnoreCase))
        && (pr.MergedAt is null || at <= pr.MergedAt)
            ? at
            : null;

    /// <summary>When the PR was ready for review: draft PRs become ready later than they were opened.</summary>
    public static DateTimeOffset ReadyAt(PullRequestRecord pr) => pr.ReadyForReviewAt ?? pr.CreatedAt;

    /// <summary>True when the PR was open at the instant (created before, not yet merged or closed).</summary>
    public static bool OpenAt(PullRequestRecord pr, DateTimeOffset instant) =>
        pr.CreatedAt < instant && (pr.MergedAt is null || pr.MergedAt >= instant) && (pr.ClosedAt is null || pr.ClosedAt >= instant);

    public static double AgeDays(DateTimeOffset since, DateTimeOffset asOf) => Math.Max(0, (asOf - since).TotalDays);

    public static string PullRequestLabel(PullRequestRecord pr) =>
        string.Create(CultureInfo.InvariantCulture, $"{pr.Repository}#{pr.Number} {pr.Title}");
}
