using System.Text.Json.Nodes;

namespace TechLead.Tests.GitHub;

/// <summary>
/// JSON in the shapes GitHub's REST API documents (and sends): the same field names, nesting and URL fields as
/// the objects in octokit/webhooks' examples, written small. GraphQL nodes follow GitHub's GraphQL schema.
/// </summary>
internal static class Shapes
{
    public static JsonObject User(string api, string login, bool bot = false)
    {
        var id = Math.Abs(login.GetHashCode(StringComparison.Ordinal)) % 90_000_000;
        return new JsonObject
        {
            ["login"] = login,
            ["id"] = id,
            ["node_id"] = $"MDQ6VXNlcj{id}",
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{id}?v=4",
            ["gravatar_id"] = "",
            ["url"] = $"{api}/users/{Uri.EscapeDataString(login)}",
            ["html_url"] = $"https://github.com/{Uri.EscapeDataString(login)}",
            ["type"] = bot ? "Bot" : "User",
            ["site_admin"] = false,
        };
    }

    public static JsonObject Repository(string api, FakeRepository repository) => new()
    {
        ["id"] = repository.Id,
        ["node_id"] = $"R_kgDO{repository.Id}",
        ["name"] = repository.Name,
        ["full_name"] = repository.FullName,
        ["private"] = true,
        ["owner"] = User(api, repository.Owner),
        ["html_url"] = $"https://github.com/{repository.FullName}",
        ["description"] = null,
        ["fork"] = false,
        ["url"] = $"{api}/repos/{repository.FullName}",
        ["pulls_url"] = $"{api}/repos/{repository.FullName}/pulls{{/number}}",
        ["created_at"] = FakeShas.Iso(repository.CreatedAt),
        ["updated_at"] = FakeShas.Iso(repository.PushedAt),
        ["pushed_at"] = FakeShas.Iso(repository.PushedAt),
        ["default_branch"] = repository.DefaultBranch,
        ["visibility"] = "private",
        ["archived"] = false,
        ["disabled"] = false,
        ["has_issues"] = true,
        ["open_issues_count"] = repository.Issues.Count(i => i.ClosedAt is null),
        ["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = false, ["triage"] = false, ["pull"] = true },
    };

    private static JsonArray Labels(string api, FakeRepository repository, IEnumerable<string> names) =>
        new(names.Select((name, i) => (JsonNode?)new JsonObject
        {
            ["id"] = 208045946 + i,
            ["node_id"] = $"MDU6TGFiZWwyMDgwNDU5NDY{i}",
            ["url"] = $"{api}/repos/{repository.FullName}/labels/{Uri.EscapeDataString(name)}",
            ["name"] = name,
            ["color"] = "f29513",
            ["default"] = false,
            ["description"] = null,
        }).ToArray());

    private static JsonObject Branch(string api, FakeRepository repository, string name, string sha) => new()
    {
        ["label"] = $"{repository.Owner}:{name}",
        ["ref"] = name,
        ["sha"] = sha,
        ["user"] = User(api, repository.Owner),
        ["repo"] = new JsonObject { ["id"] = repository.Id, ["name"] = repository.Name, ["full_name"] = repository.FullName, ["default_branch"] = repository.DefaultBranch },
    };

    public static JsonObject PullRequest(string api, FakeRepository repository, FakePullRequest pr, bool full)
    {
        var url = $"{api}/repos/{repository.FullName}/pulls/{pr.Number}";
        var node = new JsonObject
        {
            ["url"] = url,
            ["id"] = 1_000_000 + pr.Number,
            ["node_id"] = pr.NodeId,
            ["html_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}",
            ["diff_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}.diff",
            ["patch_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}.patch",
            ["issue_url"] = $"{api}/repos/{repository.FullName}/issues/{pr.Number}",
            ["commits_url"] = $"{url}/commits",
            ["review_comments_url"] = $"{url}/comments",
            ["review_comment_url"] = $"{api}/repos/{repository.FullName}/pulls/comments{{/number}}",
            ["comments_url"] = $"{api}/repos/{repository.FullName}/issues/{pr.Number}/comments",
            ["statuses_url"] = $"{api}/repos/{repository.FullName}/statuses/{pr.HeadSha}",
            ["number"] = pr.Number,
            ["state"] = pr.ClosedAt is null ? "open" : "closed",
            ["locked"] = false,
            ["title"] = pr.Title,
            ["user"] = pr.Author.Length == 0 ? null : User(api, pr.Author, pr.AuthorIsBot),
            ["body"] = pr.Body,
            ["labels"] = Labels(api, repository, pr.Labels),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = FakeShas.Iso(pr.CreatedAt),
            ["updated_at"] = FakeShas.Iso(pr.UpdatedAt),
            ["closed_at"] = pr.ClosedAt is { } closed ? FakeShas.Iso(closed) : null,
            ["merged_at"] = pr.MergedAt is { } merged ? FakeShas.Iso(merged) : null,
            ["merge_commit_sha"] = pr.MergeCommitSha.Length > 0 ? pr.MergeCommitSha : FakeShas.Of($"test-merge-{pr.Number}"),
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["requested_reviewers"] = new JsonArray(),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Branch(api, repository, pr.HeadBranch, pr.HeadSha),
            ["base"] = Branch(api, repository, pr.BaseBranch, FakeShas.Of($"base-{pr.Number}")),
            ["author_association"] = "MEMBER",
            ["auto_merge"] = null,
            ["draft"] = pr.Draft,
        };
        if (full)
        {
            node["merged"] = pr.MergedAt is not null;
            node["mergeable"] = null;
            node["comments"] = 0;
            node["review_comments"] = 0;
            node["maintainer_can_modify"] = false;
            node["commits"] = 1;
            node["additions"] = pr.Additions;
            node["deletions"] = pr.Deletions;
            node["changed_files"] = pr.ChangedPaths.Count;
        }

        return node;
    }

    public static JsonObject PullRequestAsIssue(string api, FakeRepository repository, FakePullRequest pr)
    {
        var issue = IssueCore(api, repository, pr.Number, pr.Title, pr.Author, pr.Labels, null, pr.CreatedAt, pr.UpdatedAt, pr.ClosedAt);
        issue["pull_request"] = new JsonObject
        {
            ["url"] = $"{api}/repos/{repository.FullName}/pulls/{pr.Number}",
            ["html_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}",
            ["diff_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}.diff",
            ["patch_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}.patch",
            ["merged_at"] = pr.MergedAt is { } merged ? FakeShas.Iso(merged) : null,
        };
        return issue;
    }

    public static JsonObject Issue(string api, FakeRepository repository, FakeIssue issue) =>
        IssueCore(api, repository, issue.Number, issue.Title, "carmen", issue.Labels, issue.Assignee, issue.CreatedAt, issue.UpdatedAt, issue.ClosedAt);

    private static JsonObject IssueCore(string api, FakeRepository repository, int number, string title, string author, IEnumerable<string> labels,
        string? assignee, DateTimeOffset created, DateTimeOffset updated, DateTimeOffset? closed) => new()
    {
        ["url"] = $"{api}/repos/{repository.FullName}/issues/{number}",
        ["repository_url"] = $"{api}/repos/{repository.FullName}",
        ["labels_url"] = $"{api}/repos/{repository.FullName}/issues/{number}/labels{{/name}}",
        ["comments_url"] = $"{api}/repos/{repository.FullName}/issues/{number}/comments",
        ["events_url"] = $"{api}/repos/{repository.FullName}/issues/{number}/events",
        ["html_url"] = $"https://github.com/{repository.FullName}/issues/{number}",
        ["id"] = 2_000_000 + number,
        ["node_id"] = $"I_kwDO{number}",
        ["number"] = number,
        ["title"] = title,
        ["user"] = User(api, author),
        ["labels"] = Labels(api, repository, labels),
        ["state"] = closed is null ? "open" : "closed",
        ["locked"] = false,
        ["assignee"] = assignee is null ? null : User(api, assignee),
        ["assignees"] = assignee is null ? new JsonArray() : new JsonArray(User(api, assignee)),
        ["milestone"] = null,
        ["comments"] = 0,
        ["created_at"] = FakeShas.Iso(created),
        ["updated_at"] = FakeShas.Iso(updated),
        ["closed_at"] = closed is { } c ? FakeShas.Iso(c) : null,
        ["author_association"] = "MEMBER",
        ["active_lock_reason"] = null,
        ["body"] = null,
        ["state_reason"] = closed is null ? null : "completed",
    };

    public static JsonObject Release(string api, FakeRepository repository, FakeRelease release) => new()
    {
        ["url"] = $"{api}/repos/{repository.FullName}/releases/{release.Id}",
        ["assets_url"] = $"{api}/repos/{repository.FullName}/releases/{release.Id}/assets",
        ["upload_url"] = $"https://uploads.github.com/repos/{repository.FullName}/releases/{release.Id}/assets{{?name,label}}",
        ["html_url"] = $"https://github.com/{repository.FullName}/releases/tag/{release.Tag}",
        ["id"] = release.Id,
        ["author"] = User(api, "github-actions[bot]", bot: true),
        ["node_id"] = $"RE_kwDO{release.Id}",
        ["tag_name"] = release.Tag,
        ["target_commitish"] = repository.DefaultBranch,
        ["name"] = release.Name,
        ["draft"] = release.Draft,
        ["prerelease"] = release.Prerelease,
        ["created_at"] = FakeShas.Iso(repository.ReleaseCreatedAt(release)),
        ["published_at"] = release.PublishedAt is { } published ? FakeShas.Iso(published) : null,
        ["assets"] = new JsonArray(),
        ["tarball_url"] = $"{api}/repos/{repository.FullName}/tarball/{release.Tag}",
        ["zipball_url"] = $"{api}/repos/{repository.FullName}/zipball/{release.Tag}",
        ["body"] = "## What's Changed",
    };

    public static JsonObject Deployment(string api, FakeRepository repository, FakeDeployment deployment) => new()
    {
        ["url"] = $"{api}/repos/{repository.FullName}/deployments/{deployment.Id}",
        ["id"] = deployment.Id,
        ["node_id"] = deployment.NodeId,
        ["sha"] = deployment.Sha,
        ["ref"] = deployment.Ref,
        ["task"] = "deploy",
        ["payload"] = new JsonObject(),
        ["original_environment"] = deployment.Environment,
        ["environment"] = deployment.Environment,
        ["description"] = null,
        ["creator"] = User(api, "github-actions[bot]", bot: true),
        ["created_at"] = FakeShas.Iso(deployment.CreatedAt),
        ["updated_at"] = FakeShas.Iso(deployment.UpdatedAt),
        ["statuses_url"] = $"{api}/repos/{repository.FullName}/deployments/{deployment.Id}/statuses",
        ["repository_url"] = $"{api}/repos/{repository.FullName}",
        ["transient_environment"] = false,
        ["production_environment"] = deployment.Environment.StartsWith("prod", StringComparison.OrdinalIgnoreCase),
    };

    public static JsonObject DeploymentStatus(string api, FakeRepository repository, FakeDeployment deployment, FakeDeploymentStatus status, int index) => new()
    {
        ["url"] = $"{api}/repos/{repository.FullName}/deployments/{deployment.Id}/statuses/{(deployment.Id * 10) + index}",
        ["id"] = (deployment.Id * 10) + index,
        ["node_id"] = $"DES_kwDO{deployment.Id}{index}",
        ["state"] = status.State,
        ["creator"] = User(api, "github-actions[bot]", bot: true),
        ["description"] = "",
        ["environment"] = deployment.Environment,
        ["target_url"] = "",
        ["created_at"] = FakeShas.Iso(status.CreatedAt),
        ["updated_at"] = FakeShas.Iso(status.CreatedAt),
        ["deployment_url"] = $"{api}/repos/{repository.FullName}/deployments/{deployment.Id}",
        ["repository_url"] = $"{api}/repos/{repository.FullName}",
        ["environment_url"] = "",
        ["log_url"] = "",
    };

    public static JsonObject WorkflowRun(string api, FakeRepository repository, FakeWorkflowRun run)
    {
        var url = $"{api}/repos/{repository.FullName}/actions/runs/{run.Id}";
        return new JsonObject
        {
            ["id"] = run.Id,
            ["name"] = run.Name,
            ["node_id"] = $"WFR_kwLO{run.Id}",
            ["head_branch"] = run.HeadBranch,
            ["head_sha"] = run.HeadSha,
            ["path"] = ".github/workflows/ci.yml",
            ["display_title"] = run.Name,
            ["run_number"] = run.Id % 100_000,
            ["event"] = run.Event,
            ["status"] = run.Status,
            ["conclusion"] = run.Conclusion,
            ["workflow_id"] = 161335,
            ["check_suite_id"] = run.Id * 3,
            ["check_suite_node_id"] = $"CS_kwDO{run.Id}",
            ["url"] = url,
            ["html_url"] = $"https://github.com/{repository.FullName}/actions/runs/{run.Id}",
            ["pull_requests"] = new JsonArray(),
            ["created_at"] = FakeShas.Iso(run.CreatedAt),
            ["updated_at"] = FakeShas.Iso(run.UpdatedAt),
            ["actor"] = User(api, "amara"),
            ["run_attempt"] = run.RunAttempt,
            ["referenced_workflows"] = new JsonArray(),
            ["run_started_at"] = FakeShas.Iso(run.CreatedAt),
            ["triggering_actor"] = User(api, "amara"),
            ["jobs_url"] = $"{url}/jobs",
            ["logs_url"] = $"{url}/logs",
            ["check_suite_url"] = $"{api}/repos/{repository.FullName}/check-suites/{run.Id * 3}",
            ["artifacts_url"] = $"{url}/artifacts",
            ["cancel_url"] = $"{url}/cancel",
            ["rerun_url"] = $"{url}/rerun",
            ["previous_attempt_url"] = run.RunAttempt > 1 ? $"{url}/attempts/{run.RunAttempt - 1}" : null,
            ["workflow_url"] = $"{api}/repos/{repository.FullName}/actions/workflows/161335",
            ["head_commit"] = new JsonObject
            {
                ["id"] = run.HeadSha,
                ["tree_id"] = FakeShas.Of($"tree-{run.Id}"),
                ["message"] = "Update README.md",
                ["timestamp"] = FakeShas.Iso(run.CreatedAt),
                ["author"] = new JsonObject { ["name"] = "Amara", ["email"] = "amara@example.com" },
                ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com" },
            },
            ["repository"] = new JsonObject { ["id"] = repository.Id, ["name"] = repository.Name, ["full_name"] = repository.FullName },
            ["head_repository"] = new JsonObject { ["id"] = repository.Id, ["name"] = repository.Name, ["full_name"] = repository.FullName },
        };
    }

    public static JsonObject ContentEntry(string api, FakeRepository repository, string path, FakeFile file) => new()
    {
        ["name"] = Path.GetFileName(path),
        ["path"] = path,
        ["sha"] = file.Sha,
        ["size"] = file.Text.Length,
        ["url"] = $"{api}/repos/{repository.FullName}/contents/{path}?ref={repository.DefaultBranch}",
        ["html_url"] = $"https://github.com/{repository.FullName}/blob/{repository.DefaultBranch}/{path}",
        ["git_url"] = $"{api}/repos/{repository.FullName}/git/blobs/{file.Sha}",
        ["download_url"] = $"https://raw.githubusercontent.com/{repository.FullName}/{repository.DefaultBranch}/{path}",
        ["type"] = "file",
        ["_links"] = new JsonObject
        {
            ["self"] = $"{api}/repos/{repository.FullName}/contents/{path}?ref={repository.DefaultBranch}",
            ["git"] = $"{api}/repos/{repository.FullName}/git/blobs/{file.Sha}",
            ["html"] = $"https://github.com/{repository.FullName}/blob/{repository.DefaultBranch}/{path}",
        },
    };

    /// <summary>A commit of the repository's history, with its parents, as the commits and compare APIs return it.</summary>
    public static JsonObject Commit(string api, FakeRepository repository, FakeCommit commit)
    {
        var node = Commit(api, repository, commit.Sha, commit.Date, commit.Author);
        node["commit"]!["message"] = commit.Message;
        node["parents"] = new JsonArray(commit.Parents.Select(p => (JsonNode?)new JsonObject
        {
            ["sha"] = p,
            ["url"] = $"{api}/repos/{repository.FullName}/commits/{p}",
            ["html_url"] = $"https://github.com/{repository.FullName}/commit/{p}",
        }).ToArray());
        return node;
    }

    /// <summary>GitHub's "compare two commits" object (files are only on the first page, as documented).</summary>
    public static JsonObject Comparison(string api, FakeRepository repository, FakeComparison comparison, IEnumerable<FakeCommit> commits, bool firstPage) => new()
    {
        ["url"] = $"{api}/repos/{repository.FullName}/compare/{comparison.BaseRef}...{comparison.HeadRef}",
        ["html_url"] = $"https://github.com/{repository.FullName}/compare/{comparison.BaseRef}...{comparison.HeadRef}",
        ["permalink_url"] = $"https://github.com/{repository.FullName}/compare/{repository.Owner}:{comparison.Base.Sha}...{repository.Owner}:{comparison.Head.Sha}",
        ["diff_url"] = $"https://github.com/{repository.FullName}/compare/{comparison.BaseRef}...{comparison.HeadRef}.diff",
        ["patch_url"] = $"https://github.com/{repository.FullName}/compare/{comparison.BaseRef}...{comparison.HeadRef}.patch",
        ["base_commit"] = Commit(api, repository, comparison.Base),
        ["merge_base_commit"] = Commit(api, repository, comparison.MergeBase),
        ["status"] = comparison.Status,
        ["ahead_by"] = comparison.Ahead.Count,
        ["behind_by"] = comparison.BehindBy,
        ["total_commits"] = comparison.Ahead.Count,
        ["commits"] = new JsonArray(commits.Select(c => (JsonNode?)Commit(api, repository, c)).ToArray()),
        ["files"] = firstPage
            ? new JsonArray(new JsonObject
            {
                ["sha"] = FakeShas.Of($"blob-{comparison.Head.Sha}"),
                ["filename"] = "src/app.cs",
                ["status"] = "modified",
                ["additions"] = comparison.Ahead.Count,
                ["deletions"] = 0,
                ["changes"] = comparison.Ahead.Count,
                ["blob_url"] = $"https://github.com/{repository.FullName}/blob/{comparison.Head.Sha}/src/app.cs",
                ["raw_url"] = $"https://github.com/{repository.FullName}/raw/{comparison.Head.Sha}/src/app.cs",
                ["contents_url"] = $"{api}/repos/{repository.FullName}/contents/src/app.cs?ref={comparison.Head.Sha}",
                ["patch"] = "@@ -1 +1 @@",
            })
            : new JsonArray(),
    };

    public static JsonObject Commit(string api, FakeRepository repository, string sha, DateTimeOffset authored, string author) => new()
    {
        ["sha"] = sha,
        ["node_id"] = $"C_kwDO{sha[..10]}",
        ["commit"] = new JsonObject
        {
            ["author"] = new JsonObject { ["name"] = author, ["email"] = $"{author}@example.com", ["date"] = FakeShas.Iso(authored) },
            ["committer"] = new JsonObject { ["name"] = author, ["email"] = $"{author}@example.com", ["date"] = FakeShas.Iso(authored) },
            ["message"] = "Change",
            ["tree"] = new JsonObject { ["sha"] = FakeShas.Of($"tree-{sha}"), ["url"] = $"{api}/repos/{repository.FullName}/git/trees/{sha}" },
            ["url"] = $"{api}/repos/{repository.FullName}/git/commits/{sha}",
            ["comment_count"] = 0,
        },
        ["url"] = $"{api}/repos/{repository.FullName}/commits/{sha}",
        ["html_url"] = $"https://github.com/{repository.FullName}/commit/{sha}",
        ["comments_url"] = $"{api}/repos/{repository.FullName}/commits/{sha}/comments",
        ["author"] = User(api, author),
        ["committer"] = User(api, author),
        ["parents"] = new JsonArray(),
    };

    public static JsonObject Review(string api, FakeRepository repository, FakePullRequest pr, FakeReview review, int index) => new()
    {
        ["id"] = (pr.Number * 100) + index,
        ["node_id"] = $"PRR_kwDO{pr.Number}{index}",
        ["user"] = User(api, review.Login, review.IsBot),
        ["body"] = "",
        ["state"] = review.State,
        ["html_url"] = $"https://github.com/{repository.FullName}/pull/{pr.Number}#pullrequestreview-{(pr.Number * 100) + index}",
        ["pull_request_url"] = $"{api}/repos/{repository.FullName}/pulls/{pr.Number}",
        ["author_association"] = "MEMBER",
        ["submitted_at"] = FakeShas.Iso(review.SubmittedAt),
        ["commit_id"] = pr.HeadSha,
    };

    /// <summary>A pull request node as the PullRequestDetails GraphQL query selects it.</summary>
    public static JsonObject PullRequestNode(FakePullRequest pr) => new()
    {
        ["id"] = pr.NodeId,
        ["number"] = pr.Number,
        ["additions"] = pr.Additions,
        ["deletions"] = pr.Deletions,
        ["changedFiles"] = pr.ChangedPaths.Count,
        ["commits"] = new JsonObject
        {
            ["nodes"] = new JsonArray(new JsonObject { ["commit"] = new JsonObject { ["authoredDate"] = FakeShas.Iso(pr.FirstCommitAt ?? pr.CreatedAt) } }),
        },
        ["reviews"] = new JsonObject
        {
            ["nodes"] = new JsonArray(pr.Reviews.Select(r => (JsonNode?)new JsonObject
            {
                ["state"] = r.State,
                ["submittedAt"] = FakeShas.Iso(r.SubmittedAt),
                ["author"] = new JsonObject { ["login"] = r.Login, ["__typename"] = r.IsBot ? "Bot" : "User" },
            }).ToArray()),
        },
        ["timelineItems"] = new JsonObject
        {
            ["nodes"] = pr.ReadyForReviewAt is { } ready
                ? new JsonArray(new JsonObject { ["createdAt"] = FakeShas.Iso(ready) })
                : new JsonArray(),
        },
        ["files"] = new JsonObject
        {
            ["nodes"] = new JsonArray(pr.ChangedPaths.Select(p => (JsonNode?)new JsonObject { ["path"] = p }).ToArray()),
        },
    };
}
