using Microsoft.Extensions.Options;
using TechLead.Activity;

namespace TechLead.Team;

/// <summary>The teams this deployment reports for: every <c>Teams:N</c> entry, or the one team of <c>Team:*</c>.</summary>
public sealed class TeamDirectory
{
    public TeamDirectory(IOptions<TeamsOptions> options, TimeProvider time)
    {
        All = options.Value.Teams.Select(t => Scope(t, time)).ToList();
    }

    private static TeamScope Scope(TeamSettings team, TimeProvider time)
    {
        var repositories = team.Repositories.Where(r => !string.IsNullOrWhiteSpace(r)).Select(RepositoryName.Parse).Distinct().ToList();
        var projects = team.JiraProjects.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return new TeamScope(
            new TeamCalendar(team, time),
            // The one team without a list of its own reads everything that is synced.
            repositories.Count == 0 && !team.IsListed ? null : repositories,
            projects.Count == 0 && !team.IsListed ? null : projects,
            team.Recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList());
    }

    public IReadOnlyList<TeamScope> All { get; }

    /// <summary>The first team: the one a command or page reports for when no team is named.</summary>
    public TeamScope Default => All[0];

    public bool IsSingleTeam => All.Count == 1;

    public TeamScope? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Default : All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"'Payments', 'Search'": for messages that list the teams one may choose from.</summary>
    public string Names => string.Join(", ", All.Select(t => $"'{t.Name}'"));

    /// <summary>What to tell someone who named a team that is not configured: the teams they may choose from.</summary>
    public string NotConfigured(string name) => $"'{name}' is not a configured team; the teams are {Names}.";

    /// <summary>The same for an HTTP answer, which never repeats what the caller sent.</summary>
    public string UnknownTeam => $"Not a configured team; the teams are {Names}.";
}
