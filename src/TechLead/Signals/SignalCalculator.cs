using TechLead.Signals.Ci;
using TechLead.Signals.Delivery;
using TechLead.Signals.Flow;
using TechLead.Signals.TechDebt;
using TechLead.Signals.WorkItems;
using TechLead.Team;
using TechLead.Activity;

namespace TechLead.Signals;

/// <summary>What one report is computed from.</summary>
internal sealed record SignalRequest(
    IsoWeek Week,
    TeamCalendar Calendar,
    SignalSettings Settings,
    IReadOnlyList<KnownRepository> Repositories,
    ActivityBatch Activity)
{
    /// <summary>
    /// Repositories known to have had a deployment before the loaded rows begin. For the others, tracking starts
    /// with their first loaded deployment, and PRs merged before it are not charged to it.
    /// </summary>
    public IReadOnlySet<RepositoryName> DeployedBefore { get; init; } = new HashSet<RepositoryName>();
}

/// <summary>Every signal for a week from activity already in memory. Pure: no storage, no clock.</summary>
internal static class SignalCalculator
{
    public static SignalReport Compute(SignalRequest request)
    {
        var weeks = new SignalWeeks(request.Week, request.Calendar, request.Settings.ExcludeWeekends);
        var repositories = request.Repositories.Select(r => r.Repository).Distinct().ToArray();
        var context = new SignalContext(weeks, request.Settings, repositories, request.Activity, request.DeployedBefore);
        IEnumerable<SignalValue> signals =
        [
            .. DeliveryCalculations.Compute(context),
            .. FlowCalculations.Compute(context),
            .. CiCalculations.Compute(context),
            .. WorkItemCalculations.Compute(context),
            .. TechDebtCalculations.Compute(context),
            FlowCalculations.ReviewLoadConcentration(context),
        ];

        return new SignalReport
        {
            Team = request.Calendar.TeamName,
            Week = request.Week.ToString(),
            Start = weeks.Current.Start,
            End = weeks.Current.End,
            TimeZone = request.Calendar.TimeZone.Id,
            Repositories = repositories.Select(r => r.ToString()).Order(StringComparer.OrdinalIgnoreCase).ToArray(),
            IsSampleData = request.Repositories.Any(r => r.IsSample),
            WeekendsExcluded = weeks.ExcludeWeekends,
            Notes = Notes(request, repositories),
            Signals = signals.ToArray(),
        };
    }

    private static string[] Notes(SignalRequest request, RepositoryName[] repositories)
    {
        var notes = new List<string>();
        if (repositories.Length == 0)
        {
            notes.Add("No repositories are known yet: run a sync (TechLead.Local sync) first.");
        }

        foreach (var group in repositories.GroupBy(request.Settings.DeploymentSource).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            notes.Add($"Deployments from {group.Key}: {string.Join(", ", group.Select(r => r.ToString()).Order(StringComparer.OrdinalIgnoreCase))}.");
        }

        if (request.Settings.JiraProjects.Count == 0)
        {
            notes.Add("No Jira projects configured (Jira:Projects): Jira work items, incidents and debt items are not read.");
        }
        else if (request.Settings.LegacyJiraProjects)
        {
            notes.Add("Setting 'Signals:JiraProjects' is deprecated and will be removed in the next release: use 'Jira:Projects' (environment variable Jira__Projects__0).");
        }

        return notes.ToArray();
    }
}
