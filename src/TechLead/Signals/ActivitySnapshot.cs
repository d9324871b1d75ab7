using TechLead.Activity;

namespace TechLead.Signals;

/// <summary>
/// The activity one report needs, as loaded (the loader decides which rows; it may give more, never less).
/// Calculations filter by time themselves, so a snapshot of the whole history gives the same report.
/// </summary>
public sealed record ActivitySnapshot
{
    public IReadOnlyList<PullRequestRecord> PullRequests { get; init; } = [];

    /// <summary>Records of the GitHub Deployments API (used for repositories whose source is <c>deployments</c>).</summary>
    public IReadOnlyList<DeploymentRecord> Deployments { get; init; } = [];

    /// <summary>Releases (used for repositories whose source is <c>releases</c>).</summary>
    public IReadOnlyList<ReleaseRecord> Releases { get; init; } = [];

    public IReadOnlyList<IssueRecord> Issues { get; init; } = [];

    public IReadOnlyList<WorkflowRunRecord> WorkflowRuns { get; init; } = [];

    public IReadOnlyList<WorkItemRecord> WorkItems { get; init; } = [];

    /// <summary>
    /// Repositories known to have had a deployment before the loaded rows begin. For the others, tracking starts
    /// with their first loaded deployment, and PRs merged before it are not charged to it.
    /// </summary>
    public IReadOnlySet<RepositoryName> DeployedBeforeSnapshot { get; init; } = new HashSet<RepositoryName>();
}
