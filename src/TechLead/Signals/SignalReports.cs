using TechLead.Signals.Snapshots;
using TechLead.Signals.Trends;
using TechLead.Team;

namespace TechLead.Signals;

/// <summary>
/// The one way to a team's signals. The dashboard, the digest, chat and agreements read <see cref="WeeksAsync"/> (and
/// <see cref="WeekAsync"/>, <see cref="TrendAsync"/>): a closed week from its stored snapshot, computed once and again
/// only when it is missing, marked stale by stored activity, or computed under other settings or another build; the
/// open week computed live and kept a few seconds. The <c>signals</c> command reads <see cref="ComputeFromRowsAsync"/>:
/// the week computed from its rows now, no snapshot read or written, the reference the snapshots are tested against
/// (ADR-0006). Every report is the one the engine computes for that week.
/// </summary>
public sealed class SignalReports
{
    public const int DefaultWeeks = 12;
    public const int MaxWeeks = 52;

    private readonly SignalEngine _engine;
    private readonly SignalSnapshots _snapshots;
    private readonly LiveReports _live;

    internal SignalReports(SignalEngine engine, SignalSnapshots snapshots, LiveReports live)
    {
        _engine = engine;
        _snapshots = snapshots;
        _live = live;
    }

    /// <summary>The week's report, as the dashboard shows it.</summary>
    public async Task<SignalReport> WeekAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        (await WeeksAsync(team, week, 1, cancellationToken))[0];

    /// <summary>
    /// The reports of the <paramref name="weeks"/> weeks ending with <paramref name="lastWeek"/>, oldest first: the digest
    /// shows the newest and charts them all, agreements read when each was kept or broken.
    /// </summary>
    public async Task<IReadOnlyList<SignalReport>> WeeksAsync(TeamScope team, IsoWeek lastWeek, int weeks, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, MaxWeeks);
        ArgumentNullException.ThrowIfNull(team);
        var all = Enumerable.Range(0, weeks).Select(i => lastWeek.AddWeeks(i - weeks + 1)).ToList();
        var open = team.Calendar.CurrentWeek;
        var closed = all.Where(w => w < open).ToList();
        var reports = closed.Count > 0
            ? new Dictionary<IsoWeek, SignalReport>(await _snapshots.ClosedAsync(team, closed, cancellationToken))
            : [];
        foreach (var week in all.Where(w => w >= open))
        {
            reports[week] = await _live.GetAsync(team.Name, week, () => _engine.ComputeAsync(team, week, cancellationToken));
        }

        return all.Select(w => reports[w]).ToList();
    }

    /// <summary>Each signal's weekly series over the <paramref name="weeks"/> weeks ending with <paramref name="lastWeek"/>: the dashboard's trend charts.</summary>
    public async Task<SignalTrend> TrendAsync(TeamScope team, IsoWeek lastWeek, int weeks, CancellationToken cancellationToken) =>
        SignalTrend.From(await WeeksAsync(team, lastWeek, weeks, cancellationToken));

    /// <summary>
    /// The week computed from its rows now, for the <c>signals</c> command: no snapshot is read or written and nothing is
    /// cached, so its answer never depends on what an earlier read stored, and it checks what the snapshots serve.
    /// </summary>
    public Task<SignalReport> ComputeFromRowsAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        _engine.ComputeAsync(team, week, cancellationToken);
}
