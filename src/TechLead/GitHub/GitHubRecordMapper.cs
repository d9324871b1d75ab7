using System.Globalization;
using System.Text.RegularExpressions;
using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>One review of a pull request, from GraphQL (sync) or a <c>pull_request_review</c> webhook.</summary>
internal sealed record SubmittedReview(string? Login, bool IsBot, string State, DateTimeOffset? SubmittedAt);

/// <summary>What the pull request list does not carry, fetched for 100 pull requests per GraphQL request.</summary>
internal sealed record PullRequestDetails
{
    public int Additions { get; init; }
    public int Deletions { get; init; }
    public int ChangedFiles { get; init; }
    public DateTimeOffset? FirstCommitAt { get; init; }
    public DateTimeOffset? ReadyForReviewAt { get; init; }
    public IReadOnlyList<SubmittedReview> Reviews { get; init; } = [];
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>What a revert pull request points at: a PR number, or the title or commit it reverts (resolved against stored PRs).</summary>
internal sealed record RevertReference(int? Number, string? RevertedTitle, string? RevertedSha);

/// <summary>The first human review, the review rounds and the reviewers of a pull request.</summary>
internal sealed record ReviewSummary(DateTimeOffset? FirstReviewAt, string? FirstReviewerKind, int Rounds, IReadOnlyList<string> Reviewers);

/// <summary>
/// GitHub objects (Octokit models of pull_request, release, deployment + deployment_status, workflow_run, issue)
/// to our records. REST answers and webhook payloads carry the same object shapes, so the sync and the webhook
/// receiver both map through here. Anything a record cannot do without throws <see cref="GitHubDataException"/>:
/// a record is never stored half-parsed.
/// </summary>
internal static partial class GitHubRecordMapper
{
    public const string HumanReviewer = "human";

    /// <summary>Deserializes a GitHub object (REST body or a webhook payload's object) into an Octokit model.</summary>
    public static T Deserialize<T>(string json) => GitHubJson.Instance.Deserialize<T>(json);

    public static PullRequestRecord PullRequest(RepositoryName repository, PullRequest pullRequest, PullRequestDetails? details = null)
    {
        var number = RequireValue(pullRequest.Number > 0 ? pullRequest.Number : (int?)null, "pull request", repository, "number");
        var what = $"pull request #{number}";
        var author = Require(pullRequest.User?.Login, what, repository, "user.login");
        var reviews = Reviews(author, details?.Reviews ?? []);
        var merged = pullRequest.MergedAt is not null;
        return new PullRequestRecord
        {
            Repository = repository,
            Number = number,
            Title = Require(pullRequest.Title, what, repository, "title"),
            Body = pullRequest.Body ?? "",
            Author = author,
            AuthorIsBot = IsBot(pullRequest.User),
            Labels = Labels(pullRequest.Labels),
            BaseBranch = pullRequest.Base?.Ref ?? "",
            HeadBranch = pullRequest.Head?.Ref ?? "",
            IsDraft = pullRequest.Draft,
            CreatedAt = RequireTime(pullRequest.CreatedAt, what, repository, "created_at"),
            UpdatedAt = RequireTime(pullRequest.UpdatedAt, what, repository, "updated_at"),
            ReadyForReviewAt = details?.ReadyForReviewAt ?? (pullRequest.Draft ? null : pullRequest.CreatedAt),
            FirstCommitAt = details?.FirstCommitAt,
            FirstReviewAt = reviews.FirstReviewAt,
            FirstReviewerKind = reviews.FirstReviewerKind,
            ReviewRounds = reviews.Rounds,
            Reviewers = reviews.Reviewers,
            MergedAt = pullRequest.MergedAt,
            ClosedAt = pullRequest.ClosedAt,
            // For open pull requests GitHub reports a test-merge commit; only a real merge has a merge commit.
            MergeCommitSha = merged ? pullRequest.MergeCommitSha : null,
            Additions = details?.Additions ?? pullRequest.Additions,
            Deletions = details?.Deletions ?? pullRequest.Deletions,
            ChangedFiles = details?.ChangedFiles ?? pullRequest.ChangedFiles,
            Files = details?.Files ?? [],
            RevertsNumber = DetectRevert(pullRequest.Head?.Ref, pullRequest.Title, pullRequest.Body)?.Number,
            Origin = Origins.GitHub,
        };
    }

    public static ReleaseRecord Release(RepositoryName repository, Release release)
    {
        var tag = Require(string.IsNullOrWhiteSpace(release.TagName) ? null : release.TagName, $"release {release.Id}", repository, "tag_name");
        return new ReleaseRecord
        {
            Repository = repository,
            Tag = tag,
            Name = release.Name ?? "",
            // GitHub's created_at is the date of the tagged commit, not when the release was drafted or published.
            CreatedAt = release.CreatedAt == default ? null : release.CreatedAt,
            PublishedAt = release.PublishedAt,
            IsDraft = release.Draft,
            IsPrerelease = release.Prerelease,
            TargetSha = release.TargetCommitish is { } target && CommitSha().IsMatch(target) ? target : null,
            Origin = Origins.GitHub,
        };
    }

    /// <summary>
    /// A deployment with its statuses. Deployed at the first <c>success</c> status' <c>created_at</c> (not the
    /// deployment's <c>updated_at</c>, which moves when it later turns inactive); otherwise the first failure/error;
    /// a deployment superseded before it finished is "inactive". Null while it has no final status yet.
    /// </summary>
    public static DeploymentRecord? Deployment(RepositoryName repository, Deployment deployment, IEnumerable<DeploymentStatus> statuses) =>
        Deployment(repository, deployment, statuses.Select(s => new GitHubDeploymentStatus(State(s), s.CreatedAt)));

    /// <summary>The same from statuses however they were read (REST, or GraphQL's upper-case states lower-cased).</summary>
    public static DeploymentRecord? Deployment(RepositoryName repository, Deployment deployment, IEnumerable<GitHubDeploymentStatus> statuses)
    {
        var what = $"deployment {deployment.Id}";
        RequireValue(deployment.Id > 0 ? deployment.Id : (long?)null, what, repository, "id");
        var ordered = statuses.OrderBy(s => s.CreatedAt).ToList();
        var final = ordered.FirstOrDefault(s => s.State == "success")
            ?? ordered.FirstOrDefault(s => s.State is "failure" or "error")
            ?? ordered.FirstOrDefault(s => s.State == "inactive");
        if (final is null)
        {
            return null;
        }

        return new DeploymentRecord
        {
            Repository = repository,
            Id = deployment.Id.ToString(CultureInfo.InvariantCulture),
            Environment = Require(deployment.Environment, what, repository, "environment"),
            Sha = Require(deployment.Sha, what, repository, "sha"),
            DeployedAt = RequireTime(final.CreatedAt, what, repository, "statuses[].created_at"),
            Status = final.State,
            Source = "deployments",
            Origin = Origins.GitHub,
        };
    }

    public static WorkflowRunRecord WorkflowRun(RepositoryName repository, WorkflowRun run)
    {
        var what = $"workflow run {run.Id}";
        RequireValue(run.Id > 0 ? run.Id : (long?)null, what, repository, "id");
        var created = RequireTime(run.CreatedAt, what, repository, "created_at");
        var status = run.Status.StringValue ?? "";
        return new WorkflowRunRecord
        {
            Repository = repository,
            Id = run.Id,
            Attempt = (int)Math.Clamp(run.RunAttempt, 1, 999),
            Name = !string.IsNullOrEmpty(run.Name) ? run.Name : !string.IsNullOrEmpty(run.DisplayTitle) ? run.DisplayTitle : run.Path ?? "",
            Branch = run.HeadBranch ?? "",
            HeadSha = Require(run.HeadSha, what, repository, "head_sha"),
            Event = run.Event ?? "",
            Status = status,
            Conclusion = run.Conclusion?.StringValue,
            StartedAt = run.RunStartedAt == default ? created : run.RunStartedAt,
            CompletedAt = status == "completed" ? run.UpdatedAt : null,
            Origin = Origins.GitHub,
        };
    }

    /// <summary>An issue; null for the pull requests GitHub's issues API also lists.</summary>
    public static IssueRecord? Issue(RepositoryName repository, Issue issue)
    {
        if (issue.PullRequest is not null)
        {
            return null;
        }

        var number = RequireValue(issue.Number > 0 ? issue.Number : (int?)null, "issue", repository, "number");
        var what = $"issue #{number}";
        var created = RequireTime(issue.CreatedAt, what, repository, "created_at");
        return new IssueRecord
        {
            Repository = repository,
            Number = number,
            Title = Require(issue.Title, what, repository, "title"),
            // Some webhook objects (issues "pinned") are partial: guessing state or labels would store half a record.
            Labels = Labels(Require(issue.Labels, what, repository, "labels")),
            State = Require(issue.State.StringValue, what, repository, "state"),
            HasOwner = issue.Assignee is not null || issue.Assignees is { Count: > 0 },
            CreatedAt = created,
            ClosedAt = issue.ClosedAt,
            UpdatedAt = issue.UpdatedAt ?? created,
            Origin = Origins.GitHub,
        };
    }

    /// <summary>
    /// Whether a pull request reverts another: GitHub's revert button makes a <c>revert-&lt;n&gt;-branch</c> head
    /// branch and a "Reverts owner/repo#n" body; <c>git revert</c> writes <c>Revert "title"</c> and
    /// "This reverts commit &lt;sha&gt;". The last two name a title or commit, resolved against stored pull requests.
    /// </summary>
    public static RevertReference? DetectRevert(string? headBranch, string? title, string? body)
    {
        if (headBranch is not null && RevertBranch().Match(headBranch) is { Success: true } branch)
        {
            return new RevertReference(int.Parse(branch.Groups[1].Value, CultureInfo.InvariantCulture), null, null);
        }

        if (body is not null && RevertsBody().Match(body) is { Success: true } reverts)
        {
            return new RevertReference(int.Parse(reverts.Groups[1].Value, CultureInfo.InvariantCulture), null, null);
        }

        var revertedTitle = title is not null && RevertTitle().Match(title) is { Success: true } t ? t.Groups[1].Value : null;
        var revertedSha = body is not null && RevertCommit().Match(body) is { Success: true } c ? c.Groups[1].Value : null;
        return revertedTitle is null && revertedSha is null ? null : new RevertReference(null, revertedTitle, revertedSha);
    }

    /// <summary>
    /// First review by a human who is not the author (bots and self-reviews do not end pickup time); rounds = 1 +
    /// the human "changes requested" reviews that were followed by another review; reviewers = distinct humans.
    /// </summary>
    public static ReviewSummary Reviews(string author, IEnumerable<SubmittedReview> reviews)
    {
        var human = reviews
            .Where(r => r.SubmittedAt is not null && !r.IsBot && !IsBotLogin(r.Login) && r.Login is not null
                && !string.Equals(r.Login, author, StringComparison.OrdinalIgnoreCase) && r.State != "PENDING")
            .OrderBy(r => r.SubmittedAt)
            .ToList();
        if (human.Count == 0)
        {
            return new ReviewSummary(null, null, 0, []);
        }

        var rounds = 1 + human.Take(human.Count - 1).Count(r => r.State == "CHANGES_REQUESTED");
        var reviewers = human.Select(r => r.Login!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new ReviewSummary(human[0].SubmittedAt, HumanReviewer, rounds, reviewers);
    }

    public static bool IsBot(User? user) => user is not null && (user.Type == AccountType.Bot || IsBotLogin(user.Login));

    public static bool IsBotLogin(string? login) => login is not null && login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);

    private static string State(DeploymentStatus status) => status.State.StringValue?.ToLowerInvariant() ?? "";

    private static List<string> Labels(IReadOnlyList<Label>? labels) =>
        labels?.Select(l => l?.Name).OfType<string>().ToList() ?? [];

    private static T Require<T>(T? value, string what, object repository, string field)
        where T : class =>
        value ?? throw new GitHubDataException($"{repository}: {what} has no {field}.");

    private static T RequireValue<T>(T? value, string what, object repository, string field)
        where T : struct =>
        value ?? throw new GitHubDataException($"{repository}: {what} has no {field}.");

    private static DateTimeOffset RequireTime(DateTimeOffset value, string what, object repository, string field) =>
        value == default ? throw new GitHubDataException($"{repository}: {what} has no {field}.") : value;

    [GeneratedRegex(@"^revert-(\d+)-", RegexOptions.CultureInvariant)]
    private static partial Regex RevertBranch();

    [GeneratedRegex(@"\bReverts\s+(?:[\w.-]+/[\w.-]+)?#(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex RevertsBody();

    [GeneratedRegex(@"^Revert\s+""(.+)""\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RevertTitle();

    [GeneratedRegex(@"This reverts commit ([0-9a-f]{7,40})", RegexOptions.CultureInvariant)]
    private static partial Regex RevertCommit();

    [GeneratedRegex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitSha();
}
