using TechLead.Signals.Snapshots;
using TechLead.Team;

namespace TechLead.Signals.Trends;

/// <summary>
/// The weekly series behind every trend chart: the same <see cref="SignalEngine"/> report for each of the last N
/// weeks, read from the weekly snapshots (<see cref="SignalSnapshots"/>), so a point on a chart is exactly the number
/// that week's digest showed.
/// </summary>
public sealed class SignalTrendService(SignalSnapshots snapshots)
{
    public const int DefaultWeeks = 12;
    public const int MaxWeeks = 52;

    /// <summary>The <paramref name="weeks"/> weeks ending with <paramref name="lastWeek"/>, oldest first.</summary>
    public async Task<SignalTrend> ComputeAsync(TeamScope team, IsoWeek lastWeek, int weeks, CancellationToken cancellationToken) =>
        From(await ReportsAsync(team, lastWeek, weeks, cancellationToken));

    /// <summary>The weekly reports behind a trend, oldest first: the digest shows the newest and charts them all.</summary>
    public async Task<IReadOnlyList<SignalReport>> ReportsAsync(TeamScope team, IsoWeek lastWeek, int weeks, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, MaxWeeks);
        return await snapshots.ReportsAsync(team, lastWeek, weeks, cancellationToken);
    }

    /// <summary>Series from reports already computed (oldest first); signals keep the order of the newest report.</summary>
    public static SignalTrend From(IReadOnlyList<SignalReport> reports)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var newest = reports[^1];
        var series = newest.Signals.Select(signal => new SignalSeries
        {
            Id = signal.Id,
            Name = signal.Name,
            Category = signal.Category,
            Unit = signal.Unit,
            Points = reports.Select(report => Point(report, signal.Id)).ToArray(),
        }).ToArray();
        return new SignalTrend
        {
            Team = newest.Team,
            Weeks = reports.Select(r => r.Week).ToArray(),
            IsSampleData = reports.Any(r => r.IsSampleData),
            Series = series,
        };
    }

    private static SignalPoint Point(SignalReport report, string id)
    {
        var value = report.Find(id);
        return new SignalPoint(report.Week, value?.Value, value?.SampleSize ?? 0, value?.ValueText ?? SignalValue.NoValueText);
    }
}
