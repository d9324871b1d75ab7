using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>What one repository's sync stored, what went wrong (and why), and whether it got through everything.</summary>
public sealed record RepositorySyncResult(
    RepositoryName Repository,
    StoredCounts Stored,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes,
    bool Complete)
{
    /// <summary>Every resource synced: no problem, and not stopped early by the time budget.</summary>
    public bool Succeeded => Problems.Count == 0 && Complete;
}

public sealed record GitHubSyncResult(IReadOnlyList<RepositorySyncResult> Repositories, GitHubRequestCounts Requests)
{
    public bool Succeeded => Repositories.All(r => r.Succeeded);
}
