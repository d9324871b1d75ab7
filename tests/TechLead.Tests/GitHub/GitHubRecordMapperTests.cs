using Octokit;
using TechLead.Activity;
using TechLead.GitHub;

namespace TechLead.Tests.GitHub;

public sealed class GitHubRecordMapperTests
{
    private static readonly RepositoryName Repository = RepositoryName.Parse("octo-org/payments-api");
    private static readonly DateTimeOffset T = new(2025, 5, 20, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("revert-412-feature/retry", "Revert \"Add retry\"", null, 412, null, null)]
    [InlineData("undo", "Undo retry", "Reverts octo-org/payments-api#87\n\nBroke checkout.", 87, null, null)]
    [InlineData("undo", "Undo retry", "Reverts #9", 9, null, null)]
    [InlineData("fix", "Revert \"Add retry to card capture\"", null, null, "Add retry to card capture", null)]
    [InlineData("fix", "Roll back", "This reverts commit 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b.", null, null, "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b")]
    public void A_revert_is_recognised_by_branch_body_title_or_commit(string branch, string title, string? body, int? number, string? revertedTitle, string? revertedSha)
    {
        var reference = GitHubRecordMapper.DetectRevert(branch, title, body);

        Assert.Equal(new RevertReference(number, revertedTitle, revertedSha), reference);
    }

    [Theory]
    [InlineData("feature/revert-button-colour", "Revert button colour change in settings", "Nothing reverted here.")]
    [InlineData("main", "Reverting is hard", null)]
    public void Ordinary_pull_requests_are_not_reverts(string branch, string title, string? body) =>
        Assert.Null(GitHubRecordMapper.DetectRevert(branch, title, body));

    [Fact]
    public void The_first_review_is_the_first_human_one_that_is_not_the_author()
    {
        var summary = GitHubRecordMapper.Reviews("amara",
        [
            new SubmittedReview("amara", false, "COMMENTED", T),
            new SubmittedReview("renovate[bot]", false, "COMMENTED", T.AddMinutes(5)),
            new SubmittedReview("copilot", true, "COMMENTED", T.AddMinutes(6)),
            new SubmittedReview("bao", false, "PENDING", null),
            new SubmittedReview("carmen", false, "CHANGES_REQUESTED", T.AddHours(2)),
            new SubmittedReview("bao", false, "CHANGES_REQUESTED", T.AddHours(3)),
            new SubmittedReview("carmen", false, "APPROVED", T.AddHours(5)),
        ]);

        // Not the author's own comment, not bots (by type or [bot] login), not a pending review.
        Assert.Equal((T.AddHours(2), "human"), (summary.FirstReviewAt!.Value, summary.FirstReviewerKind));
        Assert.Equal(3, summary.Rounds); // two requests for changes, each followed by another review
        Assert.Equal(["carmen", "bao"], summary.Reviewers);
    }

    [Fact]
    public void A_pull_request_reviewed_only_by_bots_and_its_author_has_no_first_review()
    {
        var summary = GitHubRecordMapper.Reviews("amara", [new SubmittedReview("amara", false, "APPROVED", T), new SubmittedReview("sonar[bot]", true, "COMMENTED", T)]);

        Assert.Equal((null, null, 0), (summary.FirstReviewAt, summary.FirstReviewerKind, summary.Rounds));
    }

    [Fact]
    public void A_deployment_is_deployed_at_its_success_status_not_at_its_updated_at()
    {
        var deployment = GitHubRecordMapper.Deserialize<Deployment>("""
            {"id": 42, "sha": "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "ref": "main", "environment": "production",
             "created_at": "2025-05-20T09:00:00Z", "updated_at": "2025-05-21T10:00:00Z"}
            """);
        var statuses = GitHubRecordMapper.Deserialize<List<DeploymentStatus>>("""
            [{"id": 3, "state": "inactive", "created_at": "2025-05-21T10:00:00Z"},
             {"id": 2, "state": "success", "created_at": "2025-05-20T09:07:00Z"},
             {"id": 1, "state": "in_progress", "created_at": "2025-05-20T09:01:00Z"}]
            """);

        var record = GitHubRecordMapper.Deployment(Repository, deployment, statuses);

        Assert.NotNull(record);
        Assert.Equal(("42", "success", T.AddMinutes(7)), (record.Id, record.Status, record.DeployedAt));
        Assert.Null(GitHubRecordMapper.Deployment(Repository, deployment, statuses.Where(s => s.State.StringValue == "in_progress")));
        Assert.Equal("inactive", GitHubRecordMapper.Deployment(Repository, deployment, statuses.Where(s => s.State.StringValue != "success"))!.Status);
    }

    [Fact]
    public void The_issues_list_entries_that_are_pull_requests_are_not_issues()
    {
        var issue = GitHubRecordMapper.Deserialize<Issue>("""
            {"number": 7, "title": "Bump Polly", "state": "open", "created_at": "2025-05-20T09:00:00Z", "updated_at": "2025-05-20T09:00:00Z",
             "labels": [], "pull_request": {"url": "https://api.github.com/repos/octo-org/payments-api/pulls/7", "merged_at": null}}
            """);

        Assert.Null(GitHubRecordMapper.Issue(Repository, issue));
    }

    [Fact]
    public void A_workflow_run_keeps_its_attempt_and_is_complete_only_when_completed()
    {
        var run = GitHubRecordMapper.Deserialize<WorkflowRun>("""
            {"id": 30433642, "name": "CI", "head_branch": "main", "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d", "event": "push",
             "status": "completed", "conclusion": "failure", "run_attempt": 3, "created_at": "2025-05-20T09:00:00Z",
             "run_started_at": "2025-05-20T09:30:00Z", "updated_at": "2025-05-20T09:41:00Z"}
            """);

        var record = GitHubRecordMapper.WorkflowRun(Repository, run);

        Assert.Equal((3, "failure", T.AddMinutes(30), T.AddMinutes(41)), (record.Attempt, record.Conclusion, record.StartedAt, record.CompletedAt));
    }

    [Fact]
    public void What_a_record_cannot_do_without_is_refused_not_stored_half_parsed()
    {
        var noDates = GitHubRecordMapper.Deserialize<PullRequest>("""{"number": 5, "title": "x", "user": {"login": "amara", "type": "User"}}""");
        var noUser = GitHubRecordMapper.Deserialize<PullRequest>("""{"number": 5, "title": "x", "created_at": "2025-05-20T09:00:00Z", "updated_at": "2025-05-20T09:00:00Z"}""");

        Assert.Contains("created_at", Assert.Throws<GitHubDataException>(() => GitHubRecordMapper.PullRequest(Repository, noDates)).Message, StringComparison.Ordinal);
        Assert.Contains("user.login", Assert.Throws<GitHubDataException>(() => GitHubRecordMapper.PullRequest(Repository, noUser)).Message, StringComparison.Ordinal);
        Assert.Throws<GitHubDataException>(() => GitHubRecordMapper.Deserialize<PullRequest>("""{"number": 5, "title": """));
        Assert.Throws<GitHubDataException>(() => GitHubRecordMapper.Deserialize<PullRequest>("""{"number": "five"}"""));
    }

    [Fact]
    public void Webhook_pull_requests_carry_their_size_and_details_fill_in_what_the_list_lacks()
    {
        var pr = GitHubRecordMapper.Deserialize<PullRequest>("""
            {"number": 12, "node_id": "PR_x", "title": "Add retry", "draft": false, "user": {"login": "dependabot[bot]", "type": "Bot"},
             "created_at": "2025-05-20T09:00:00Z", "updated_at": "2025-05-21T09:00:00Z", "merged_at": "2025-05-21T09:00:00Z",
             "closed_at": "2025-05-21T09:00:00Z", "merge_commit_sha": "ffaa", "additions": 3, "deletions": 1, "changed_files": 1,
             "head": {"ref": "dependabot/nuget/Polly"}, "base": {"ref": "main"}, "labels": [{"name": "dependencies"}]}
            """);

        var fromWebhook = GitHubRecordMapper.PullRequest(Repository, pr);
        var withDetails = GitHubRecordMapper.PullRequest(Repository, pr, new PullRequestDetails { Additions = 30, ChangedFiles = 4, FirstCommitAt = T.AddDays(-1) });

        Assert.Equal((3, 1, true, "main", T), (fromWebhook.Additions, fromWebhook.ChangedFiles, fromWebhook.AuthorIsBot, fromWebhook.BaseBranch, fromWebhook.ReadyForReviewAt!.Value));
        Assert.Equal((30, 4, T.AddDays(-1)), (withDetails.Additions, withDetails.ChangedFiles, withDetails.FirstCommitAt!.Value));
        Assert.Equal("ffaa", fromWebhook.MergeCommitSha);
    }
}
