namespace TechLead.Jira;

/// <summary>What one project's sync stored, what went wrong (quoting Jira), and whether it got through everything.</summary>
public sealed record JiraProjectResult(string Project, int IssuesRead, int Stored, int ChangelogsCompleted, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes, bool Complete)
{
    public bool Succeeded => Problems.Count == 0 && Complete;
}

public sealed record JiraSyncResult(IReadOnlyList<JiraProjectResult> Projects, JiraRequestCounts Requests, string Deployment, string TimeZone)
{
    public bool Succeeded => Projects.All(p => p.Succeeded);

    public int IssuesRead => Projects.Sum(p => p.IssuesRead);
}
