using Microsoft.Extensions.Logging;
using TechLead.Sync;
using TechLead.Team;

namespace TechLead.Signals;

/// <summary>The team's signals for a week: the known repositories, the rows their windows need, then the pure calculation.</summary>
public sealed partial class SignalEngine(
    ActivityIngestor ingestor,
    SignalLoader loader,
    TeamCalendar calendar,
    SignalSettings settings,
    ILogger<SignalEngine> logger)
{
    public async Task<SignalReport> ComputeAsync(IsoWeek week, CancellationToken cancellationToken) =>
        (await ComputeWithStatisticsAsync(week, cancellationToken)).Report;

    public async Task<(SignalReport Report, LoadStatistics Statistics)> ComputeWithStatisticsAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        var repositories = await ingestor.RepositoriesAsync(cancellationToken);
        var weeks = new SignalWeeks(week, calendar, settings.ExcludeWeekends);
        var (snapshot, statistics) = await loader.LoadAsync(repositories.Select(r => r.Repository).ToArray(), weeks, settings, cancellationToken);
        LogLoaded(week, repositories.Count, statistics.Total, statistics.Queries);
        var report = SignalCalculator.Compute(new SignalRequest(week, calendar, settings, repositories, snapshot));
        return (report, statistics);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signals for {Week}: {Repositories} repositories, {Rows} rows read in {Queries} queries.")]
    private partial void LogLoaded(IsoWeek week, int repositories, int rows, int queries);
}
