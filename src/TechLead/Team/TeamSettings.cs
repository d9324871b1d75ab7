namespace TechLead.Team;

/// <summary>
/// One team's settings, under the same names whether the deployment has one team (<c>Team:*</c>) or several
/// (<c>Teams:N:*</c>). The one team reads every synced repository and Jira:Projects unless it lists its own.
/// </summary>
public sealed class TeamSettings
{
    public const string Section = "Team";

    /// <summary>Shown in the digest subject and used as the digest's idempotency key.</summary>
    public string Name { get; set; } = "";

    /// <summary>IANA time zone the team's weeks are bucketed in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The team's repositories (owner/name); its signals read only these.</summary>
    public List<string> Repositories { get; set; } = [];

    /// <summary>The team's Jira project keys; empty reads none for one of several teams, Jira:Projects for the one team.</summary>
    public List<string> JiraProjects { get; set; } = [];

    /// <summary>Who receives this team's digest; empty falls back to Digest:Recipients.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Where these settings were read: <c>Teams:N</c>, or <c>Team</c> for the one team. Names settings in messages.</summary>
    public string Path { get; internal set; } = Section;

    /// <summary>One of several teams (<c>Teams:N</c>), which must list its repositories.</summary>
    public bool IsListed => Path != Section;
}
