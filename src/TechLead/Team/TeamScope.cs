using TechLead.Activity;

namespace TechLead.Team;

/// <summary>
/// One team's view of the workspace: its calendar, the repositories and Jira projects its signals read, and who gets
/// its digest.
/// </summary>
public sealed class TeamScope
{
    private readonly HashSet<RepositoryName>? _repositories;

    public TeamScope(TeamCalendar calendar, IReadOnlyList<RepositoryName>? repositories, IReadOnlyList<string>? jiraProjects, IReadOnlyList<string> recipients)
    {
        Calendar = calendar;
        _repositories = repositories?.ToHashSet();
        Repositories = repositories ?? [];
        JiraProjects = jiraProjects;
        Recipients = recipients;
    }

    public string Name => Calendar.TeamName;

    public TeamCalendar Calendar { get; }

    /// <summary>The team's configured repositories; empty when the team reads every synced repository.</summary>
    public IReadOnlyList<RepositoryName> Repositories { get; }

    /// <summary>The team's Jira projects; null when the team reads Jira:Projects.</summary>
    public IReadOnlyList<string>? JiraProjects { get; }

    /// <summary>The team's digest recipients; empty when Digest:Recipients applies.</summary>
    public IReadOnlyList<string> Recipients { get; }

    public bool Includes(RepositoryName repository) => _repositories is null || _repositories.Contains(repository);
}
