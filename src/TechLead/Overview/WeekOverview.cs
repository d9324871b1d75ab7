using TechLead.Agreements;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;

namespace TechLead.Overview;

/// <summary>
/// A team's week as the lead sees it at a glance: the week's report and the 11 weeks before it (closed weeks from their
/// snapshots, the open week live), the drafts waiting for review, the working agreements and the summary computed from
/// them. The digest and the dashboard's overview both read it, so they say the same thing about the same week.
/// </summary>
internal sealed class WeekOverview(SignalReports signals, ReviewQueue reviewQueue, TeamAgreements agreements, ISummaryLinks links)
{
    /// <summary>The weeks read: the trend's charts and the agreements' runs both look back this far.</summary>
    public const int Weeks = SignalReports.DefaultWeeks;

    /// <summary>Every draft waiting for review, for <see cref="ForTeam"/> to narrow; read once when many teams are shown.</summary>
    public Task<IReadOnlyList<DraftRecord>> WaitingAsync(CancellationToken cancellationToken) =>
        reviewQueue.ListAsync(DraftStatus.PendingReview, cancellationToken);

    public async Task<TeamWeek> LoadAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        await LoadAsync(team, week, await WaitingAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The team's week, with <paramref name="waiting"/> (every team's drafts waiting) narrowed to the team's. Fewer
    /// <paramref name="weeks"/> suit a row across teams: the agreements' states, the week's values and what needs the
    /// lead come from the last week alone; only the trend, what moved and how long an agreement has been broken need
    /// the weeks before.
    /// </summary>
    public async Task<TeamWeek> LoadAsync(TeamScope team, IsoWeek week, IReadOnlyList<DraftRecord> waiting, CancellationToken cancellationToken, int weeks = Weeks)
    {
        ArgumentNullException.ThrowIfNull(team);
        var reports = await signals.WeeksAsync(team, week, weeks, cancellationToken);
        var trend = SignalTrend.From(reports);
        var mine = waiting.Where(d => d.BelongsTo(team)).ToList();
        var statuses = agreements.Evaluate(team.Name, reports);
        return new TeamWeek(team, week, week >= team.Calendar.CurrentWeek, reports, trend, mine, statuses, WeekSummary.From(reports[^1], trend, mine, links, statuses));
    }
}

/// <summary>What <see cref="WeekOverview"/> read for a team and week, and the summary computed from it.</summary>
internal sealed record TeamWeek(
    TeamScope Team,
    IsoWeek Week,
    bool Open,
    IReadOnlyList<SignalReport> Reports,
    SignalTrend Trend,
    IReadOnlyList<DraftRecord> Waiting,
    IReadOnlyList<AgreementStatus> Agreements,
    WeekSummary Summary)
{
    public SignalReport Report => Reports[^1];
}
