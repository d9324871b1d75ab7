namespace TechLead.Activity;

/// <summary>Where a record came from. Sample data is labelled as such wherever it is shown.</summary>
internal static class Origins
{
    public const string Sample = "sample";
    public const string GitHub = "github";
    public const string Jira = "jira";
}

/// <summary>A pull request with the times the delivery signals need.</summary>
public sealed record PullRequestRecord
{
    public required RepositoryName Repository { get; init; }
    public required int Number { get; init; }
    public required string Title { get; init; }
    /// <summary>The PR description (untrusted text; release notes pass a cleaned excerpt to the drafter). Capped when stored.</summary>
    public string Body { get; init; } = "";
    public required string Author { get; init; }
    public bool AuthorIsBot { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public string BaseBranch { get; init; } = "main";
    public string HeadBranch { get; init; } = "";
    public bool IsDraft { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadyForReviewAt { get; init; }
    public DateTimeOffset? FirstCommitAt { get; init; }
    public DateTimeOffset? FirstReviewAt { get; init; }
    /// <summary>Kind of the first reviewer: "human" (not the author, not a bot) is what counts for pickup time.</summary>
    public string? FirstReviewerKind { get; init; }
    public int ReviewRounds { get; init; }
    public DateTimeOffset? MergedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? MergeCommitSha { get; init; }
    public int Additions { get; init; }
    public int Deletions { get; init; }
    public int ChangedFiles { get; init; }
    /// <summary>Paths changed, when known (hotspots, ADR changes). Capped when stored.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>The PR number this one reverts, when it is a revert.</summary>
    public int? RevertsNumber { get; init; }
    /// <summary>Reviewer logins of approving/commenting reviews; used only for team-level load concentration.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];
    public required string Origin { get; init; }

    public bool IsMerged => MergedAt is not null;
}

/// <summary>A successful (or failed) deployment to a production-like environment.</summary>
public sealed record DeploymentRecord
{
    public required RepositoryName Repository { get; init; }
    /// <summary>Deployment id, release tag or merge SHA, depending on the repository's deployment source.</summary>
    public required string Id { get; init; }
    public required string Environment { get; init; }
    public required string Sha { get; init; }
    /// <summary>For the deployments API: the success status' created_at, not the deployment's updated_at.</summary>
    public required DateTimeOffset DeployedAt { get; init; }
    public string Status { get; init; } = "success";
    /// <summary>"deployments", "releases" or "merges".</summary>
    public string Source { get; init; } = "deployments";
    /// <summary>Merge commit SHAs of the PRs this deployment shipped, when known.</summary>
    public IReadOnlyList<string> IncludedShas { get; init; } = [];
    /// <summary>How <see cref="IncludedShas"/> was found (commit ancestry against the previous deployment); null: not looked up.</summary>
    public ShippedCommits? Ancestry { get; init; }
    public required string Origin { get; init; }
}

/// <summary>How the attribution of a deployment's commits was made.</summary>
internal static class AttributionMethods
{
    /// <summary>The commits the deployment adds over the previous deployment of the same environment (GitHub's compare API).</summary>
    public const string Ancestry = "ancestry";
    /// <summary>More commits than are stored (<see cref="ShippedCommits.TotalCommits"/>): the listed ones, and time for the rest.</summary>
    public const string Capped = "capped";
    /// <summary>An older SHA than the previous deployment: ships nothing new; a recovery candidate.</summary>
    public const string Rollback = "rollback";
    /// <summary>No previous deployment of the environment to compare with: time, bounded by Signals:MaxShippingDelayDays.</summary>
    public const string First = "first";
    /// <summary>The token may not read commits (compare API refused): time. Asked again next run.</summary>
    public const string NoAccess = "no-access";
    /// <summary>GitHub no longer has one of the two commits (rewritten and collected): time.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>True when the listed commits are all the deployment shipped; otherwise time fills in ("merged before it").</summary>
    public static bool IsComplete(string? method) => method is Ancestry or Rollback;
}

/// <summary>The comparison a deployment's shipped commits came from. A comparison between two fixed SHAs never changes.</summary>
public sealed record ShippedCommits
{
    public required string Method { get; init; }
    /// <summary>The previous deployment's SHA the deployment was compared with (null for the first).</summary>
    public string? BaseSha { get; init; }
    /// <summary>The previous deployment (id or tag), for the notes.</summary>
    public string? BaseId { get; init; }
    /// <summary>Set when the base had been rewritten (force-push): the commits are those since this merge base.</summary>
    public string? MergeBaseSha { get; init; }
    /// <summary>GitHub's total_commits for the comparison.</summary>
    public int TotalCommits { get; init; }
}

public sealed record ReleaseRecord
{
    public required RepositoryName Repository { get; init; }
    public required string Tag { get; init; }
    public string Name { get; init; } = "";
    /// <summary>GitHub's created_at: the date of the tagged commit, not when the release was published.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>When it went out: the deployment time of a release (lead time runs to it).</summary>
    public DateTimeOffset? PublishedAt { get; init; }
    public bool IsDraft { get; init; }
    public bool IsPrerelease { get; init; }
    public string? TargetSha { get; init; }
    /// <summary>The commit the tag points at, resolved by the sync (attribution follows the tag).</summary>
    public string? TagSha { get; init; }
    /// <summary>Commits the release adds over the previous published release, when found by ancestry.</summary>
    public IReadOnlyList<string> IncludedShas { get; init; } = [];
    public ShippedCommits? Ancestry { get; init; }
    public required string Origin { get; init; }
}

/// <summary>A GitHub issue (not a PR): incidents and tech-debt items are issues with labels.</summary>
public sealed record IssueRecord
{
    public required RepositoryName Repository { get; init; }
    public required int Number { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public required string State { get; init; }
    public bool HasOwner { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string Origin { get; init; }
}

public sealed record WorkflowRunRecord
{
    public required RepositoryName Repository { get; init; }
    public required long Id { get; init; }
    public int Attempt { get; init; } = 1;
    public required string Name { get; init; }
    public required string Branch { get; init; }
    public required string HeadSha { get; init; }
    public string Event { get; init; } = "push";
    public string Status { get; init; } = "completed";
    public string? Conclusion { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required string Origin { get; init; }
}

/// <summary>
/// A Jira work item (an issue), as the signals need it. Who is assigned is never stored: only whether someone is
/// (<see cref="HasOwner"/>). Times are UTC.
/// </summary>
public sealed record WorkItemRecord
{
    public required string Project { get; init; }
    public required string Key { get; init; }
    /// <summary>Jira's numeric issue id (stable across a key change when an issue moves project); empty for old rows.</summary>
    public string Id { get; init; } = "";
    public required string Type { get; init; }
    public required string Summary { get; init; }
    /// <summary>"To Do", "In Progress" or "Done": Jira's status category (new, indeterminate, done).</summary>
    public required string StatusCategory { get; init; }
    /// <summary>The status' own name, e.g. "In Review".</summary>
    public string Status { get; init; } = "";
    /// <summary>One of <see cref="WorkItemKinds"/>, from the project's mapping of types and labels; empty for old rows.</summary>
    public string Kind { get; init; } = "";
    public bool IsSubtask { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public bool HasOwner { get; init; }
    public string? Priority { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The first move into an in-progress status; null when the item never started (or its history is unknown).</summary>
    public DateTimeOffset? InProgressAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>How often the item moved from a done status back to an open one.</summary>
    public int ReopenedCount { get; init; }
    /// <summary>
    /// Every move between status categories, oldest first, so a past week's state can be replayed. Null for rows
    /// stored before it was kept (their figures fall back to <see cref="InProgressAt"/> and <see cref="ResolvedAt"/>);
    /// empty when the item never changed category.
    /// </summary>
    public IReadOnlyList<WorkItemCategoryChange>? CategoryChanges { get; init; }
    /// <summary>The parent's key (Cloud's <c>parent</c>, Data Center's Epic Link); null when it has none.</summary>
    public string? ParentKey { get; init; }
    /// <summary>Its type is a container (an epic by default, <c>Jira:Mappings:*:ContainerTypes</c>), not a flow item of its own.</summary>
    public bool IsContainer { get; init; }
    /// <summary>Hours spent in each status (by status name), from the change history up to the last update.</summary>
    public IReadOnlyDictionary<string, double> HoursInStatus { get; init; } = new Dictionary<string, double>();
    /// <summary>GitHub pull requests the item links to, as owner/name#number.</summary>
    public IReadOnlyList<string> LinkedPullRequests { get; init; } = [];
    /// <summary>Plain text of the description (from Atlassian Document Format in v3), capped; untrusted text.</summary>
    public string Description { get; init; } = "";
    public required string Origin { get; init; }
}

/// <summary>A move between status categories (<see cref="WorkItemStatus"/> values) at a time.</summary>
public sealed record WorkItemCategoryChange(DateTimeOffset At, string From, string To);

/// <summary>What a work item is, for flow distribution (the Flow Framework's features, defects, debt and risk).</summary>
internal static class WorkItemKinds
{
    public const string Incident = "incident";
    public const string Bug = "bug";
    public const string Debt = "debt";
    public const string Feature = "feature";
    public const string Risk = "risk";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Incident, Bug, Debt, Feature, Risk, Other];
}

/// <summary>The three status categories as stored.</summary>
internal static class WorkItemStatus
{
    public const string ToDo = "To Do";
    public const string InProgress = "In Progress";
    public const string Done = "Done";
}

/// <summary>An ADR markdown file as found in a repository.</summary>
public sealed record AdrFileRecord
{
    public required RepositoryName Repository { get; init; }
    public required string Path { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset LastChangedAt { get; init; }
    /// <summary>The markdown, capped so the row stays well under Table Storage's 64 KiB string limit.</summary>
    public string Content { get; init; } = "";
    public bool ContentTruncated { get; init; }
    /// <summary>Git's blob SHA of the file when it came from GitHub: lets a sync skip files that did not change.</summary>
    public string? BlobSha { get; init; }
    public required string Origin { get; init; }
}

/// <summary>Everything one sync pass produced, stored in one go.</summary>
public sealed record ActivityBatch
{
    public IReadOnlyList<PullRequestRecord> PullRequests { get; init; } = [];
    public IReadOnlyList<DeploymentRecord> Deployments { get; init; } = [];
    public IReadOnlyList<ReleaseRecord> Releases { get; init; } = [];
    public IReadOnlyList<IssueRecord> Issues { get; init; } = [];
    public IReadOnlyList<WorkflowRunRecord> WorkflowRuns { get; init; } = [];
    public IReadOnlyList<WorkItemRecord> WorkItems { get; init; } = [];
    public IReadOnlyList<AdrFileRecord> AdrFiles { get; init; } = [];

    /// <summary>
    /// The webhook delivery these rows came from (null: a sync or the sample). A delivery is one change that just
    /// happened, so observers act on it at once; a sync's rows wait for the next drafts run, so a sync storing page
    /// after page never queues a draft per page.
    /// </summary>
    public string? DeliveryId { get; init; }

    public int Count => PullRequests.Count + Deployments.Count + Releases.Count + Issues.Count
        + WorkflowRuns.Count + WorkItems.Count + AdrFiles.Count;
}
