using Microsoft.Extensions.Logging;
using TechLead.Activity;
using TechLead.Team;

namespace TechLead.Signals;

/// <summary>
/// A team's signals for a week: the team's known repositories, the rows their windows need, then the pure
/// calculation. Only <see cref="SignalReports"/> and its snapshots call it.
/// </summary>
internal sealed partial class SignalEngine(
    RepositoryCatalog catalog,
    SignalLoader loader,
    SignalSettings settings,
    ILogger<SignalEngine> logger)
{
    public async Task<SignalReport> ComputeAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        (await ComputeWeeksAsync(team, week, 1, cancellationToken)).Reports[0];

    /// <summary>
    /// The reports of the <paramref name="count"/> weeks ending with <paramref name="lastWeek"/>, oldest first, from one
    /// load: each week's report is the one <see cref="ComputeAsync"/> gives.
    /// </summary>
    public async Task<(IReadOnlyList<SignalReport> Reports, LoadStatistics Statistics)> ComputeWeeksAsync(
        TeamScope team, IsoWeek lastWeek, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var known = await catalog.ListAsync(cancellationToken);
        var repositories = known.Where(r => team.Includes(r.Repository)).ToList();
        var teamSettings = SettingsFor(team);
        var weeks = Enumerable.Range(0, count)
            .Select(i => new SignalWeeks(lastWeek.AddWeeks(i - count + 1), team.Calendar, teamSettings.ExcludeWeekends))
            .ToList();
        var (activity, deployedBefore, statistics) = await loader.LoadAsync(repositories.Select(r => r.Repository).ToArray(), weeks[0], weeks[^1], teamSettings, cancellationToken);
        LogLoaded(team.Name, lastWeek, count, repositories.Count, statistics.Total, statistics.Queries);
        // A team's repository nobody has synced yet would otherwise vanish silently from its numbers.
        var unsynced = team.Repositories.Where(r => !repositories.Any(k => k.Repository == r)).Select(r => r.ToString()).ToList();
        var reports = weeks.Select(w =>
        {
            var report = SignalCalculator.Compute(new SignalRequest(w.Week, team.Calendar, teamSettings, repositories, activity) { DeployedBefore = deployedBefore });
            return unsynced.Count == 0
                ? report
                : report with { Notes = [.. report.Notes, $"No activity synced yet for {string.Join(", ", unsynced)}: check that GitHub:Repositories lists it and run a sync."] };
        }).ToList();
        return (reports, statistics);
    }

    /// <summary>The settings a team's reports use: the team's own Jira projects when it names them.</summary>
    public SignalSettings SettingsFor(TeamScope team) => settings.ForTeam(team);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signals for {Team}, {Weeks} weeks to {Week}: {Repositories} repositories, {Rows} rows read in {Queries} queries.")]
    private partial void LogLoaded(string team, IsoWeek week, int weeks, int repositories, int rows, int queries);
}
