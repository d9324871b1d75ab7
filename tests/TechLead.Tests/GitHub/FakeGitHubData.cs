using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TechLead.Tests.GitHub;

/// <summary>A repository the fake GitHub serves. Tests and benchmarks fill and change it between runs.</summary>
public sealed class FakeRepository(string owner, string name, long id)
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
}

public sealed record FakeReview(string Login, string State, DateTimeOffset SubmittedAt, bool IsBot = false);

public sealed class FakePullRequest
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

public sealed class FakeIssue
{
    public required int Number { get; init; }
    public string Title { get; set; } = "Issue";
    public List<string> Labels { get; init; } = [];
    public string? Assignee { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed class FakeRelease
{
    public required long Id { get; init; }
    public required string Tag { get; set; }
    public string Name { get; set; } = "";
    public bool Draft { get; set; }
    public bool Prerelease { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
}

public sealed record FakeDeploymentStatus(string State, DateTimeOffset CreatedAt);

public sealed class FakeDeployment
{
    public required long Id { get; init; }
    public string Environment { get; set; } = "production";
    public string Sha { get; set; } = FakeShas.Of("deploy");
    public string Ref { get; set; } = "main";
    public required DateTimeOffset CreatedAt { get; init; }
    public List<FakeDeploymentStatus> Statuses { get; init; } = [];

    /// <summary>GitHub moves a deployment's updated_at with each new status.</summary>
    public DateTimeOffset UpdatedAt => Statuses.Select(s => s.CreatedAt).Append(CreatedAt).Max();
}

public sealed class FakeWorkflowRun
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

public sealed record FakeFile(string Text, DateTimeOffset LastCommitAt)
{
    /// <summary>Stands in for git's blob SHA: changes exactly when the text changes.</summary>
    public string Sha => FakeShas.Of(Text);
}

public static class FakeShas
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
