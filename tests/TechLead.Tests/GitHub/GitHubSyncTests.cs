using System.Text.Json;
using TechLead.Activity;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>
/// The GitHub sync end to end: real Octokit and HttpClient against the loopback fake GitHub, data stored in a
/// real Azurite.
/// </summary>
[Collection(GitHubCollection.Name)]
public sealed class GitHubSyncTests(AzuriteFixture azurite) : IDisposable
{
    private const string Payments = "octo-org/payments-api";
    private static readonly DateTimeOffset Now = GitHubTestHost.Now;
    private readonly FakeGitHub _github = FakeGitHub.Start();

    public void Dispose() => _github.Dispose();

    [Fact]
    public async Task Backfill_pages_through_pull_requests_and_completes_them_with_one_GraphQL_request_per_page()
    {
        BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, [Payments]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var pulls = (await host.StoredAsync(PullRequestMap.Instance, Payments)).ToDictionary(p => p.Number);
        Assert.Equal(236, pulls.Count);
        Assert.DoesNotContain(50, pulls.Keys); // last updated 300 days ago: older than the 26-week backfill

        // Link-header pagination: three pages of the list, one GraphQL request per page for the details.
        var listPages = _github.Requests.Where(r => r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query["state"] == "all").ToList();
        Assert.Equal(["1", "2", "3"], listPages.Select(r => r.Query.GetValueOrDefault("page", "1")));
        Assert.Equal(3, _github.Requests.Count(r => r.Operation == "PullRequestDetails"));

        var feature = pulls[400];
        Assert.Equal(Now.AddDays(-4), feature.FirstCommitAt);
        Assert.Equal(Now.AddMinutes(-3600), feature.FirstReviewAt); // not the author's own comment, not the bot's
        Assert.Equal("human", feature.FirstReviewerKind);
        Assert.Equal(2, feature.ReviewRounds); // changes requested, then approved
        Assert.Equal(["bao", "carmen"], feature.Reviewers);
        Assert.Equal(Now.AddMinutes(-4176), feature.ReadyForReviewAt);
        Assert.Equal(["src/Capture.cs", "tests/CaptureTests.cs"], feature.Files);
        Assert.Equal((120, 30, 2), (feature.Additions, feature.Deletions, feature.ChangedFiles));
        Assert.Equal(["feature"], feature.Labels);
        Assert.Equal(FakeShas.Of("merge-400"), feature.MergeCommitSha);

        Assert.Equal(400, pulls[401].RevertsNumber); // GitHub's revert button: revert-400-... branch
        Assert.Equal(200, pulls[402].RevertsNumber); // git revert: Revert "Change 200"
        Assert.Equal(180, pulls[405].RevertsNumber); // "This reverts commit <merge sha of #180>"
        Assert.Null(pulls[399].RevertsNumber);
        Assert.True(pulls[403].AuthorIsBot);
        Assert.Null(pulls[403].MergeCommitSha); // open: GitHub's test-merge SHA is not a merge
        Assert.True(pulls[404].IsDraft);
        Assert.Null(pulls[404].ReadyForReviewAt);
        Assert.All(pulls.Values, p => Assert.Equal(Origins.GitHub, p.Origin));
    }

    [Fact]
    public async Task Backfill_stores_issues_releases_production_deployments_default_branch_runs_and_adr_files()
    {
        BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, [Payments]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var issues = await host.StoredAsync(IssueMap.Instance, Payments);
        Assert.Equal(new[] { 500, 501 }, issues.Select(i => i.Number).Order()); // pull requests in the issues list are not issues
        var incident = issues.Single(i => i.Number == 500);
        Assert.Equal(new[] { "incident" }, incident.Labels);
        Assert.Equal(("closed", true), (incident.State, incident.HasOwner));

        var releases = (await host.StoredAsync(ReleaseMap.Instance, Payments)).ToDictionary(r => r.Tag);
        Assert.Equal(Now.AddDays(-3), releases["v1.4.0"].PublishedAt);
        Assert.True(releases["v1.5.0-rc.1"].IsPrerelease);
        Assert.True(releases["v1.6.0"].IsDraft);

        var deployments = (await host.StoredAsync(DeploymentMap.Instance, Payments)).ToDictionary(d => d.Id);
        Assert.Equal(["1001", "1003"], deployments.Keys.Order()); // staging is not production; 1004 is still running
        Assert.Equal(Now.AddDays(-2).AddMinutes(5), deployments["1001"].DeployedAt); // success status, not updated_at (inactive a day later)
        Assert.Equal(("success", "production", FakeShas.Of("release-1")), (deployments["1001"].Status, deployments["1001"].Environment, deployments["1001"].Sha));
        Assert.Equal("failure", deployments["1003"].Status);

        var runs = await host.StoredAsync(WorkflowRunMap.Instance, Payments);
        Assert.Equal([9001L, 9002L, 9004L], runs.Select(r => r.Id).Order()); // 9003 ran on a feature branch
        var rerun = runs.Single(r => r.Id == 9002);
        Assert.Equal((2, "failure", "completed"), (rerun.Attempt, rerun.Conclusion, rerun.Status));
        Assert.Null(runs.Single(r => r.Id == 9004).CompletedAt);

        var adrs = (await host.StoredAsync(AdrFileMap.Instance, Payments)).ToDictionary(a => a.Path);
        Assert.Equal(["docs/adr/0001-record-architecture-decisions.md", "docs/adr/0002-use-postgresql.md"], adrs.Keys.Order());
        var postgres = adrs["docs/adr/0002-use-postgresql.md"];
        Assert.Equal(_github.AddRepository(Payments).Files["docs/adr/0002-use-postgresql.md"].Text, postgres.Content);
        Assert.Equal(TechLead.GitHub.AdrFolders.ContentHash(postgres.Content), postgres.ContentHash);
        Assert.Equal(Now.AddDays(-40), postgres.LastChangedAt);
    }

    [Fact]
    public async Task An_unchanged_repository_costs_one_free_304_per_resource_and_a_change_stores_only_what_changed()
    {
        var repository = BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        await host.SyncAsync();
        var (restUsed, graphQlUsed) = (_github.RestRateLimitUsed, _github.GraphQlRateLimitUsed);
        _github.ResetRequests();

        var unchanged = await host.SyncAsync();

        Assert.True(unchanged.Succeeded);
        Assert.Equal(0, unchanged.Repositories[0].Stored.Total);
        Assert.Equal(7, _github.Requests.Count); // repository, pulls, open pulls, issues, releases, deployments, runs; ADRs skipped
        Assert.All(_github.Requests, r => Assert.Equal(304, r.Status));
        Assert.Equal((restUsed, graphQlUsed), (_github.RestRateLimitUsed, _github.GraphQlRateLimitUsed));

        var draft = repository.PullRequest(404);
        draft.Draft = false;
        draft.ReadyForReviewAt = Now.AddMinutes(-30);
        draft.UpdatedAt = Now.AddMinutes(-30);
        repository.Issues.Add(new FakeIssue { Number = 502, Title = "Payments page slow", Labels = ["incident"], CreatedAt = Now.AddMinutes(-20), UpdatedAt = Now.AddMinutes(-20) });
        _github.ResetRequests();

        var changed = await host.SyncAsync();

        // The changed pull request, plus the one other open pull request the open-list re-check refreshes.
        Assert.Equal((2, 1, 0), (changed.Repositories[0].Stored.PullRequests, changed.Repositories[0].Stored.Issues, changed.Repositories[0].Stored.Releases));
        var stored = (await host.StoredAsync(PullRequestMap.Instance, Payments)).Single(p => p.Number == 404);
        Assert.Equal((false, Now.AddMinutes(-30)), (stored.IsDraft, stored.ReadyForReviewAt));
        Assert.Equal(304, _github.Requests.Single(r => r.Path.EndsWith("/releases", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public async Task An_old_pull_request_and_an_old_issue_that_changed_since_the_last_run_are_found_by_their_update()
    {
        var repository = BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        await host.SyncAsync();

        // #170 was created 11 days ago (the oldest of 230 in the backfill); #501 20 days ago. Both change now.
        var pull = repository.PullRequest(170);
        pull.Title = "Change 170, retitled";
        pull.UpdatedAt = Now.AddMinutes(-10);
        var issue = repository.Issues.Single(i => i.Number == 501);
        (issue.ClosedAt, issue.UpdatedAt) = (Now.AddMinutes(-5), Now.AddMinutes(-5));

        var changed = await host.SyncAsync();

        Assert.True(changed.Succeeded, string.Join("; ", changed.Repositories.SelectMany(r => r.Problems)));
        Assert.Equal("Change 170, retitled", (await host.StoredAsync(PullRequestMap.Instance, Payments)).Single(p => p.Number == 170).Title);
        Assert.Equal("closed", (await host.StoredAsync(IssueMap.Instance, Payments)).Single(i => i.Number == 501).State);
    }

    [Fact]
    public async Task A_crash_between_pages_then_a_resumed_run_loses_nothing_and_stores_nothing_twice()
    {
        var repository = _github.AddRepository(Payments);
        FakeData.AddMergedPullRequests(repository, 250, Now.AddHours(-1));
        // #51 ends page 2 and #50 starts page 3 with the same updated_at: the cursor must not skip or repeat either.
        var tie = repository.PullRequest(51).UpdatedAt;
        repository.PullRequest(50).Merged(tie);
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        using var crash = new CancellationTokenSource();
        using (_github.Intercept(r =>
        {
            if (r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query.GetValueOrDefault("page") == "3")
            {
                crash.Cancel(); // the process dies while page 3 is on its way
                Thread.Sleep(200);
            }

            return null;
        }))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.SyncAsync(crash.Token));
        }

        Assert.Equal(200, (await host.StoredAsync(PullRequestMap.Instance, Payments)).Count);
        _github.ResetRequests();

        var resumed = await host.SyncAsync();

        Assert.True(resumed.Succeeded);
        Assert.Equal(50, resumed.Repositories[0].Stored.PullRequests);
        var stored = await host.StoredAsync(PullRequestMap.Instance, Payments);
        Assert.Equal(Enumerable.Range(1, 250), stored.Select(p => p.Number).Order());
        // Exactly the 50 pull requests page 3 holds were completed and stored again: none twice, none lost.
        var detailed = _github.Requests.Where(r => r.Operation == "PullRequestDetails").SelectMany(NodeIds).ToList();
        Assert.Equal(repository.PullRequests.Where(p => p.Number <= 50).Select(p => p.NodeId).Order(), detailed.Order());
    }

    [Fact]
    public async Task A_run_that_reaches_its_time_budget_stops_cleanly_and_the_next_run_continues_where_it_stopped()
    {
        var repository = _github.AddRepository(Payments);
        FakeData.AddMergedPullRequests(repository, 350, Now.AddHours(-1));
        using var host = new GitHubTestHost(azurite, _github, [Payments], new Dictionary<string, string?> { ["GitHub:TimeBudget"] = "00:01:00" });
        // Each page of the list takes 30 seconds: the one-minute budget runs out after the second page.
        using (_github.Intercept(r =>
        {
            if (r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query["state"] == "all")
            {
                host.Time.Advance(TimeSpan.FromSeconds(30));
            }

            return null;
        }))
        {
            var stopped = await host.SyncAsync();

            Assert.False(stopped.Succeeded);
            Assert.False(stopped.Repositories[0].Complete);
            Assert.Empty(stopped.Repositories[0].Problems);
            Assert.Contains(stopped.Repositories[0].Notes, n => n.Contains("time budget", StringComparison.Ordinal));
            Assert.Equal(200, stopped.Repositories[0].Stored.PullRequests);
        }

        using var next = new GitHubTestHost(azurite, _github, [Payments], tablePrefix: host.TablePrefix);
        var resumed = await next.SyncAsync();

        Assert.True(resumed.Succeeded);
        Assert.Equal(150, resumed.Repositories[0].Stored.PullRequests);
        Assert.Equal(350, (await host.StoredAsync(PullRequestMap.Instance, Payments)).Count);
    }

    [Fact]
    public async Task A_secondary_rate_limit_in_the_middle_of_a_run_is_waited_out_as_told_and_the_run_completes()
    {
        var repository = _github.AddRepository(Payments);
        FakeData.AddMergedPullRequests(repository, 150, Now.AddHours(-1));
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        var limited = 0;
        using var limit = _github.Intercept(r =>
            r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query.GetValueOrDefault("page") == "2" && Interlocked.Increment(ref limited) == 1
                ? FakeResponse.SecondaryRateLimit(retryAfterSeconds: 60)
                : null);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        Assert.Equal(150, result.Repositories[0].Stored.PullRequests);
        Assert.Equal(2, _github.Requests.Count(r => r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query.GetValueOrDefault("page") == "2"));
        Assert.Contains(TimeSpan.FromSeconds(60), host.Time.Waits);
        Assert.Equal(1, result.Requests.RateLimitWaits);
        Assert.True(host.Time.GetUtcNow() - Now >= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_used_up_primary_rate_limit_is_waited_out_until_its_reset_then_the_run_continues()
    {
        FakeData.AddMergedPullRequests(_github.AddRepository(Payments), 150, Now.AddHours(-1));
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        var limited = 0;
        using var limit = _github.Intercept(r =>
            r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Query.GetValueOrDefault("page") == "2" && Interlocked.Increment(ref limited) == 1
                ? FakeResponse.PrimaryRateLimit(reset: Now.AddMinutes(2))
                : null);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        Assert.Equal(150, result.Repositories[0].Stored.PullRequests);
        var wait = Assert.Single(host.Time.Waits);
        Assert.InRange(wait, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2).Add(TimeSpan.FromSeconds(2))); // until x-ratelimit-reset, not longer
    }

    [Fact]
    public async Task A_rate_limit_that_persists_is_retried_a_few_times_with_growing_waits_then_the_run_stops_without_looping()
    {
        FakeData.AddMergedPullRequests(_github.AddRepository(Payments), 10, Now.AddHours(-1));
        _github.AddRepository("octo-org/storefront-web");
        using var host = new GitHubTestHost(azurite, _github, [Payments, "octo-org/storefront-web"]);
        using (_github.Intercept(r => r.Path.EndsWith("/pulls", StringComparison.Ordinal) ? FakeResponse.SecondaryRateLimit(retryAfterSeconds: null) : null))
        {
            var result = await host.SyncAsync();

            var attempts = _github.Requests.Count(r => r.Path.EndsWith("/pulls", StringComparison.Ordinal));
            Assert.InRange(attempts, 2, 5);
            Assert.Equal([60, 120, 240], host.Time.Waits.Select(w => (int)w.TotalSeconds).Take(3));
            Assert.True(host.Time.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) < TimeSpan.FromMinutes(8));
            var payments = result.Repositories[0];
            Assert.Contains(payments.Problems, p => p.Contains("secondary rate limit", StringComparison.Ordinal));
            var storefront = result.Repositories[1];
            Assert.Contains(storefront.Problems, p => p.StartsWith("not synced", StringComparison.Ordinal));
            Assert.DoesNotContain(_github.Requests, r => r.Path.Contains("storefront-web", StringComparison.Ordinal));
        }

        using var next = new GitHubTestHost(azurite, _github, [Payments, "octo-org/storefront-web"], tablePrefix: host.TablePrefix);
        var later = await next.SyncAsync();

        Assert.True(later.Succeeded);
        Assert.Equal(10, later.Repositories[0].Stored.PullRequests);
    }

    [Fact]
    public async Task A_revoked_token_fails_every_repository_with_the_reason_and_never_reaches_a_log_line()
    {
        BuildPayments();
        _github.AddRepository("octo-org/storefront-web");
        using var host = new GitHubTestHost(azurite, _github, [Payments, "octo-org/storefront-web"]);
        _github.RevokeTokens();

        var result = await host.SyncAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Repositories, r => Assert.Contains(r.Problems, p => p.Contains("401 Bad credentials", StringComparison.Ordinal)));
        Assert.Equal(2, _github.Requests.Count); // one per repository, no retries against a rejected token
        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.Message.Contains("401", StringComparison.Ordinal) && l.Message.Contains(Payments, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Message.Contains(FakeGitHub.DefaultToken, StringComparison.Ordinal)
            || (l.Exception?.ToString().Contains(FakeGitHub.DefaultToken, StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task An_unknown_repository_is_reported_and_the_other_repositories_still_sync()
    {
        BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, ["octo-org/ghost", Payments]);

        var result = await host.SyncAsync();

        var ghost = result.Repositories.Single(r => r.Repository.Name == "ghost");
        Assert.Contains(ghost.Problems, p => p.Contains("404 Not Found", StringComparison.Ordinal) && p.Contains("cannot see it", StringComparison.Ordinal));
        Assert.True(result.Repositories.Single(r => r.Repository.Name == "payments-api").Succeeded);
        Assert.Equal(236, (await host.StoredAsync(PullRequestMap.Instance, Payments)).Count);
    }

    [Fact]
    public async Task A_missing_permission_fails_that_resource_only_and_names_the_permission()
    {
        BuildPayments();
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        using var forbid = _github.Intercept(r => r.Path.EndsWith("/deployments", StringComparison.Ordinal)
            ? FakeResponse.Forbidden("Resource not accessible by integration")
            : null);

        var result = await host.SyncAsync();

        var payments = result.Repositories.Single();
        Assert.False(payments.Succeeded);
        var problem = Assert.Single(payments.Problems);
        Assert.StartsWith("deployments:", problem, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by integration", problem, StringComparison.Ordinal);
        Assert.Contains("Deployments: read", problem, StringComparison.Ordinal);
        Assert.Empty(await host.StoredAsync(DeploymentMap.Instance, Payments));
        Assert.Equal(3, (await host.StoredAsync(WorkflowRunMap.Instance, Payments)).Count); // the resources after it still ran
        Assert.Equal(2, (await host.StoredAsync(AdrFileMap.Instance, Payments)).Count);
    }

    [Fact]
    public async Task Malformed_json_is_logged_with_the_repository_and_skipped_never_stored_half_parsed()
    {
        var repository = BuildPayments();
        repository.PullRequest(399).Author = ""; // GitHub sends "user": null
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        using var truncate = _github.Intercept(r => r.Path.EndsWith("/releases", StringComparison.Ordinal)
            ? new FakeResponse(200, """[{"url":"https://api.github.com/repos/octo-org/payments-api/releases/1","id":1,"tag_name":"v9.9.9","created_at":"2025-05-""")
            : null);

        var result = await host.SyncAsync();

        var payments = result.Repositories.Single();
        Assert.Contains(payments.Problems, p => p.StartsWith("releases:", StringComparison.Ordinal) && p.Contains("malformed JSON", StringComparison.Ordinal));
        Assert.Empty(await host.StoredAsync(ReleaseMap.Instance, Payments));
        Assert.Contains(payments.Notes, n => n.Contains("pull request #399", StringComparison.Ordinal));
        var pulls = await host.StoredAsync(PullRequestMap.Instance, Payments);
        Assert.Equal(235, pulls.Count);
        Assert.DoesNotContain(pulls, p => p.Number == 399);
        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.Message.Contains(Payments, StringComparison.Ordinal) && l.Message.Contains("releases", StringComparison.Ordinal)
            && l.Message.Contains("malformed", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Message.Contains(Payments, StringComparison.Ordinal) && l.Message.Contains("#399", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Workflow_runs_are_read_in_created_windows_that_stay_under_the_1000_result_cap()
    {
        var repository = _github.AddRepository(Payments);
        for (var i = 0; i < 2400; i++)
        {
            var created = Now.AddMinutes(-30 * (i + 1));
            repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 50_000 + i, CreatedAt = created, UpdatedAt = created.AddMinutes(7), Conclusion = i % 9 == 0 ? "failure" : "success" });
        }

        for (var i = 0; i < 30; i++)
        {
            repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 90_000 + i, HeadBranch = "feature/x", CreatedAt = Now.AddHours(-i), UpdatedAt = Now.AddHours(-i) });
        }

        using var host = new GitHubTestHost(azurite, _github, [Payments]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var stored = await host.StoredAsync(WorkflowRunMap.Instance, Payments);
        Assert.Equal(Enumerable.Range(50_000, 2400).Select(i => (long)i), stored.Select(r => r.Id).Order());
        var runRequests = _github.Requests.Where(r => r.Path.EndsWith("/actions/runs", StringComparison.Ordinal)).ToList();
        Assert.All(runRequests, r => Assert.InRange(int.Parse(r.Query.GetValueOrDefault("page", "1"), System.Globalization.CultureInfo.InvariantCulture), 1, 10));
        Assert.Contains(runRequests, r => r.Query["created"].Contains("..", StringComparison.Ordinal));
        Assert.All(runRequests, r => Assert.Equal("main", r.Query["branch"]));

        _github.ResetRequests();
        var idle = await host.SyncAsync();
        Assert.Equal(0, idle.Repositories[0].Stored.Total);
        Assert.Equal(304, _github.Requests.Single(r => r.Path.EndsWith("/actions/runs", StringComparison.Ordinal)).Status);
    }

    private static IEnumerable<string> NodeIds(FakeRequest request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        return body.RootElement.GetProperty("variables").GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToList();
    }

    /// <summary>A repository with every kind of activity the sync reads, in the last few weeks before <see cref="Now"/>.</summary>
    private FakeRepository BuildPayments()
    {
        var repository = _github.AddRepository(Payments);
        FakeData.AddMergedPullRequests(repository, 230, Now.AddDays(-1).AddHours(-3), firstNumber: 170);
        repository.PullRequests.Add(new FakePullRequest
        {
            Number = 400,
            Title = "Add retry to card capture",
            HeadBranch = "feature/retry",
            Labels = ["feature"],
            CreatedAt = Now.AddDays(-3),
            FirstCommitAt = Now.AddDays(-4),
            ReadyForReviewAt = Now.AddMinutes(-4176),
            Additions = 120,
            Deletions = 30,
            ChangedPaths = ["src/Capture.cs", "tests/CaptureTests.cs"],
            Reviews =
            [
                new FakeReview("amara", "COMMENTED", Now.AddMinutes(-4248)),
                new FakeReview("copilot-pull-request-reviewer[bot]", "COMMENTED", Now.AddMinutes(-4176), IsBot: true),
                new FakeReview("bao", "CHANGES_REQUESTED", Now.AddMinutes(-3600)),
                new FakeReview("carmen", "APPROVED", Now.AddDays(-2)),
            ],
        }.Merged(Now.AddMinutes(-2736)));
        repository.PullRequests.Add(new FakePullRequest
        {
            Number = 401,
            Title = "Revert \"Add retry to card capture\"",
            HeadBranch = "revert-400-feature/retry",
            Body = "Reverts octo-org/payments-api#400",
            CreatedAt = Now.AddMinutes(-2160),
        }.Merged(Now.AddMinutes(-2016)));
        repository.PullRequests.Add(new FakePullRequest { Number = 402, Title = "Revert \"Change 200\"", HeadBranch = "undo-200", CreatedAt = Now.AddHours(-10) }.Merged(Now.AddHours(-9)));
        repository.PullRequests.Add(new FakePullRequest
        {
            Number = 405,
            Title = "Undo the flaky cache change",
            HeadBranch = "undo-cache",
            Body = $"This reverts commit {FakeShas.Of("merge-180")}.",
            CreatedAt = Now.AddHours(-8),
        }.Merged(Now.AddHours(-7)));
        repository.PullRequests.Add(new FakePullRequest
        {
            Number = 403,
            Title = "Bump Polly from 8.4.0 to 8.5.0",
            Author = "dependabot[bot]",
            AuthorIsBot = true,
            HeadBranch = "dependabot/nuget/Polly-8.5.0",
            Labels = ["dependencies"],
            CreatedAt = Now.AddDays(-2),
            UpdatedAt = Now.AddDays(-2),
        });
        repository.PullRequests.Add(new FakePullRequest { Number = 404, Title = "WIP: new ledger", Draft = true, CreatedAt = Now.AddDays(-1), UpdatedAt = Now.AddDays(-1) });
        repository.PullRequests.Add(new FakePullRequest { Number = 50, Title = "Ancient", CreatedAt = Now.AddDays(-400) }.Merged(Now.AddDays(-300)));

        repository.Issues.Add(new FakeIssue { Number = 500, Title = "Checkout 500s after deploy", Labels = ["incident"], Assignee = "dmitri", CreatedAt = Now.AddDays(-6), UpdatedAt = Now.AddDays(-5), ClosedAt = Now.AddDays(-5) });
        repository.Issues.Add(new FakeIssue { Number = 501, Title = "Remove the legacy card vault", Labels = ["tech-debt"], CreatedAt = Now.AddDays(-20), UpdatedAt = Now.AddDays(-20) });

        repository.Releases.Add(new FakeRelease { Id = 7001, Tag = "v1.4.0", Name = "1.4.0", CreatedAt = Now.AddMinutes(-4464), PublishedAt = Now.AddDays(-3) });
        repository.Releases.Add(new FakeRelease { Id = 7002, Tag = "v1.5.0-rc.1", Prerelease = true, CreatedAt = Now.AddMinutes(-1728), PublishedAt = Now.AddMinutes(-1728) });
        repository.Releases.Add(new FakeRelease { Id = 7003, Tag = "v1.6.0", Draft = true, CreatedAt = Now.AddHours(-2) });

        repository.Deployments.Add(new FakeDeployment
        {
            Id = 1001,
            Sha = FakeShas.Of("release-1"),
            CreatedAt = Now.AddDays(-2),
            Statuses =
            [
                new("queued", Now.AddDays(-2)),
                new("in_progress", Now.AddDays(-2).AddMinutes(1)),
                new("success", Now.AddDays(-2).AddMinutes(5)),
                new("inactive", Now.AddDays(-1)),
            ],
        });
        repository.Deployments.Add(new FakeDeployment { Id = 1002, Environment = "staging", CreatedAt = Now.AddMinutes(-3024), Statuses = [new("success", Now.AddMinutes(-3024))] });
        repository.Deployments.Add(new FakeDeployment { Id = 1003, Environment = "prod-eu", CreatedAt = Now.AddMinutes(-2160), Statuses = [new("failure", Now.AddMinutes(-2160).AddMinutes(3))] });
        repository.Deployments.Add(new FakeDeployment { Id = 1004, CreatedAt = Now.AddMinutes(-10), Statuses = [new("in_progress", Now.AddMinutes(-9))] });

        repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 9001, CreatedAt = Now.AddDays(-1), UpdatedAt = Now.AddDays(-1).AddMinutes(8) });
        repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 9002, Conclusion = "failure", RunAttempt = 2, CreatedAt = Now.AddHours(-20), UpdatedAt = Now.AddHours(-19) });
        repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 9003, HeadBranch = "feature/retry", CreatedAt = Now.AddHours(-18), UpdatedAt = Now.AddHours(-17) });
        repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 9004, Status = "in_progress", Conclusion = null, CreatedAt = Now.AddMinutes(-5), UpdatedAt = Now.AddMinutes(-5) });

        repository.Files["README.md"] = new FakeFile("# Payments API", Now.AddDays(-100));
        repository.Files["docs/adr/0001-record-architecture-decisions.md"] = new FakeFile("# 1. Record architecture decisions\n\n## Status\n\nAccepted\n", Now.AddDays(-200));
        repository.Files["docs/adr/0002-use-postgresql.md"] = new FakeFile("# ADR-0002: Use PostgreSQL\n\n## Context\n\nWe need a main database.\n\n## Decision\n\nWe will use PostgreSQL.\n", Now.AddDays(-40));
        repository.Files["docs/adr/README.md"] = new FakeFile("# Decisions", Now.AddDays(-200));
        repository.Files["docs/adr/template.md"] = new FakeFile("# Title", Now.AddDays(-200));
        return repository;
    }
}
