using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TechLead.Sync;
using TechLead.Team;

namespace TechLead.Signals;

/// <summary>
/// A team's signals for a week: the team's known repositories, the rows their windows need, then the pure
/// calculation. Without a team named, the first (or only) team.
/// </summary>
public sealed partial class SignalEngine(
    ActivityIngestor ingestor,
    SignalLoader loader,
    TeamDirectory teams,
    SignalSettings settings,
    ILogger<SignalEngine> logger)
{
    private readonly ConcurrentDictionary<string, SignalSettings> _teamSettings = new(StringComparer.OrdinalIgnoreCase);

    public Task<SignalReport> ComputeAsync(IsoWeek week, CancellationToken cancellationToken) =>
        ComputeAsync(teams.Default, week, cancellationToken);

    public async Task<SignalReport> ComputeAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        (await ComputeWithStatisticsAsync(team, week, cancellationToken)).Report;

    public Task<(SignalReport Report, LoadStatistics Statistics)> ComputeWithStatisticsAsync(IsoWeek week, CancellationToken cancellationToken) =>
        ComputeWithStatisticsAsync(teams.Default, week, cancellationToken);

    public async Task<(SignalReport Report, LoadStatistics Statistics)> ComputeWithStatisticsAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken)
    {
        var known = await ingestor.RepositoriesAsync(cancellationToken);
        var repositories = known.Where(r => team.Includes(r.Repository)).ToList();
        var teamSettings = SettingsFor(team);
        var weeks = new SignalWeeks(week, team.Calendar, teamSettings.ExcludeWeekends);
        var (snapshot, statistics) = await loader.LoadAsync(repositories.Select(r => r.Repository).ToArray(), weeks, teamSettings, cancellationToken);
        LogLoaded(team.Name, week, repositories.Count, statistics.Total, statistics.Queries);
        var report = SignalCalculator.Compute(new SignalRequest(week, team.Calendar, teamSettings, repositories, snapshot));
        // A team's repository nobody has synced yet would otherwise vanish silently from its numbers.
        var unsynced = team.Repositories.Where(r => !repositories.Any(k => k.Repository == r)).Select(r => r.ToString()).ToList();
        if (unsynced.Count > 0)
        {
            report = report with { Notes = [.. report.Notes, $"No activity synced yet for {string.Join(", ", unsynced)}: check that GitHub:Repositories lists it and run a sync."] };
        }

        return (report, statistics);
    }

    private SignalSettings SettingsFor(TeamScope team) =>
        team.JiraProjects is { } projects ? _teamSettings.GetOrAdd(team.Name, _ => settings.WithJiraProjects(projects)) : settings;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signals for {Team} {Week}: {Repositories} repositories, {Rows} rows read in {Queries} queries.")]
    private partial void LogLoaded(string team, IsoWeek week, int repositories, int rows, int queries);
}
