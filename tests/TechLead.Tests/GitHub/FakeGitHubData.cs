using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TechLead.Tests.GitHub;

/// <summary>A repository the fake GitHub serves. Tests and benchmarks fill and change it between runs.</summary>
internal sealed class FakeRepository(string owner, string name, long id)
{
    public string Owner { get; } = owner;
    public string Name { get; } = name;
    public long Id { get; } = id;
    public string FullName => $"{Owner}/{Name}";
    public string DefaultBranch { get; set; } = "main";
    public DateTimeOffset CreatedAt { get; set; } = new(2020, 1, 6, 9, 0, 0, TimeSpan.Zero);
    public DateTimeOffset PushedAt { get; set; } = new(2020, 1, 6, 9, 0, 0, TimeSpan.Zero);
    public List<FakePullRequest> PullRequests { get; } = [];
    public List<FakeIssue> Issues { get; } = [];
    public List<FakeRelease> Releases { get; } = [];
    public List<FakeDeployment> Deployments { get; } = [];
    public List<FakeWorkflowRun> WorkflowRuns { get; } = [];

    /// <summary>Files on the default branch, by path.</summary>
    public Dictionary<string, FakeFile> Files { get; } = new(StringComparer.Ordinal);

    public FakePullRequest PullRequest(int number) => PullRequests.Single(p => p.Number == number);

    /// <summary>The git history: every commit by SHA, tags and branch heads (what the commits and compare APIs serve).</summary>
    public Dictionary<string, FakeCommit> Commits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags that are annotated: their ref points at a tag object, which points at the commit (lightweight otherwise).</summary>
    public HashSet<string> AnnotatedTags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Branches { get; } = new(StringComparer.Ordinal);

    /// <summary>GitHub reports a release's created_at as the date of its tagged commit.</summary>
    public DateTimeOffset ReleaseCreatedAt(FakeRelease release) =>
        Tags.TryGetValue(release.Tag, out var sha) && Commits.TryGetValue(sha, out var commit) ? commit.Date : release.CreatedAt;

    /// <summary>A SHA, tag or branch name to its commit, or null.</summary>
    public FakeCommit? Resolve(string revision) =>
        Commits.TryGetValue(revision, out var commit) ? commit
        : Tags.TryGetValue(revision, out var tagged) ? Commits.GetValueOrDefault(tagged)
        : Branches.TryGetValue(revision, out var head) ? Commits.GetValueOrDefault(head)
        : null;

    /// <summary>The commit and everything reachable from it (only through <paramref name="within"/>, when given).</summary>
    public HashSet<string> Ancestors(string sha, IReadOnlySet<string>? within = null)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([sha]);
        while (stack.TryPop(out var next))
        {
            if ((within is null || within.Contains(next)) && seen.Add(next) && Commits.TryGetValue(next, out var commit))
            {
                foreach (var parent in commit.Parents)
                {
                    stack.Push(parent);
                }
            }
        }

        return seen;
    }

    /// <summary>git's <c>base...head</c> as GitHub's compare API reports it; null when a side does not resolve.</summary>
    public FakeComparison? Compare(string baseRef, string headRef)
    {
        if (Resolve(baseRef) is not { } baseCommit || Resolve(headRef) is not { } head)
        {
            return null;
        }

        var fromHead = Ancestors(head.Sha);
        var fromBase = Ancestors(baseCommit.Sha);
        // Chronological, as the API returns them (a parent before its child on equal dates). Counting ancestors among the
        // ahead commits only keeps that order and keeps compare linear in the history (the bench's has 17,000 commits).
        var aheadShas = fromHead.Except(fromBase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ahead = aheadShas.Select(s => Commits[s]).OrderBy(c => c.Date).ThenBy(c => Ancestors(c.Sha, aheadShas).Count).ToList();
        var behind = fromBase.Except(fromHead).Count();
        var mergeBase = fromHead.Intersect(fromBase).Select(s => Commits[s]).OrderByDescending(c => c.Date).ThenByDescending(c => Ancestors(c.Sha).Count).First();
        var status = (ahead.Count, behind) switch
        {
            (0, 0) => "identical",
            (_, 0) => "ahead",
            (0, _) => "behind",
            _ => "diverged",
        };
        return new FakeComparison(baseRef, headRef, baseCommit, head, mergeBase, status, ahead, behind);
    }
}

internal sealed record FakeCommit(string Sha, IReadOnlyList<string> Parents, DateTimeOffset Date, string Message, string Author = "amara");

internal sealed record FakeComparison(string BaseRef, string HeadRef, FakeCommit Base, FakeCommit Head, FakeCommit MergeBase, string Status, IReadOnlyList<FakeCommit> Ahead, int BehindBy);

internal sealed record FakeReview(string Login, string State, DateTimeOffset SubmittedAt, bool IsBot = false);

internal sealed class FakePullRequest
{
    public required int Number { get; init; }
    public string Title { get; set; } = "Change";
    public string? Body { get; set; }
    public string Author { get; set; } = "amara";
    public bool AuthorIsBot { get; set; }
    public List<string> Labels { get; init; } = [];
    public string HeadBranch { get; set; } = "feature";
    public string BaseBranch { get; set; } = "main";
    public bool Draft { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? MergedAt { get; set; }
    public string MergeCommitSha { get; set; } = "";
    public int Additions { get; set; } = 10;
    public int Deletions { get; set; } = 2;
    public DateTimeOffset? FirstCommitAt { get; set; }
    public DateTimeOffset? ReadyForReviewAt { get; set; }
    public List<FakeReview> Reviews { get; init; } = [];
    public List<string> ChangedPaths { get; init; } = ["src/app.cs"];

    public string NodeId => "PR_" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"pr{Number}")).TrimEnd('=');

    public string HeadSha => FakeShas.Of($"head-{Number}-{UpdatedAt.UtcTicks}");

    /// <summary>Merged (or closed without merging) at <paramref name="time"/>, as GitHub records it.</summary>
    public FakePullRequest Merged(DateTimeOffset time)
    {
        MergedAt = time;
        ClosedAt = time;
        UpdatedAt = time;
        MergeCommitSha = FakeShas.Of($"merge-{Number}");
        return this;
    }
}

internal sealed class FakeIssue
{
    public required int Number { get; init; }
    public string Title { get; set; } = "Issue";
    public List<string> Labels { get; init; } = [];
    public string? Assignee { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

internal sealed class FakeRelease
{
    public required long Id { get; init; }
    public required string Tag { get; set; }
    public string Name { get; set; } = "";
    public bool Draft { get; set; }
    public bool Prerelease { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
}

internal sealed record FakeDeploymentStatus(string State, DateTimeOffset CreatedAt);

internal sealed class FakeDeployment
{
    public required long Id { get; init; }
    public string Environment { get; set; } = "production";
    public string Sha { get; set; } = FakeShas.Of("deploy");
    public string Ref { get; set; } = "main";
    public required DateTimeOffset CreatedAt { get; init; }
    public List<FakeDeploymentStatus> Statuses { get; init; } = [];

    /// <summary>The node_id REST reports and GraphQL's <c>nodes(ids:)</c> resolves.</summary>
    public string NodeId => $"DE_kwDO{Id}";

    /// <summary>GitHub moves a deployment's updated_at with each new status.</summary>
    public DateTimeOffset UpdatedAt => Statuses.Select(s => s.CreatedAt).Append(CreatedAt).Max();
}

internal sealed class FakeWorkflowRun
{
    public required long Id { get; init; }
    public string Name { get; set; } = "CI";
    public string HeadBranch { get; set; } = "main";
    public string HeadSha { get; set; } = FakeShas.Of("run");
    public string Event { get; set; } = "push";
    public string Status { get; set; } = "completed";
    public string? Conclusion { get; set; } = "success";
    public int RunAttempt { get; set; } = 1;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed record FakeFile(string Text, DateTimeOffset LastCommitAt)
{
    /// <summary>Stands in for git's blob SHA: changes exactly when the text changes.</summary>
    public string Sha => FakeShas.Of(Text);
}

internal static class FakeShas
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
