using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.ReleaseNotes;
using TechLead.Review;
using TechLead.Storage;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Webhooks;

namespace TechLead.Tests.Webhooks;

/// <summary>Deliveries through serve over real HTTP, then the processing jobs, with Azurite (and the fake GitHub).</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookEndToEndTests(AzuriteFixture azurite)
{
    private const string Secret = "test-webhook-secret-0123456789abcdef";
    private static readonly RepositoryName Repo = RepositoryName.Parse("octo-org/payments-api");

    [Fact]
    public async Task A_merged_pull_request_delivered_twice_is_stored_once_and_shows_up_in_a_pending_release_note_draft()
    {
        await using var app = await StartAsync();
        await app.Services.GetRequiredService<ReleaseNotesService>().SetPreviousReleaseAsync(Repo, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "test", CancellationToken.None);
        var delivery = Guid.NewGuid().ToString();

        using var first = await SendAsync(app, "pull_request", delivery, WebhookPayloads.MergedPullRequest());
        using var again = await SendAsync(app, "pull_request", delivery, WebhookPayloads.MergedPullRequest());
        var processed = await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);
        var reprocessed = await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);
        await app.Services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((1, 0), (processed.Processed, processed.Failed));
        Assert.Equal(0, reprocessed.Processed);
        var pr = await app.Services.GetRequiredService<ActivityStore>().GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Number(42), CancellationToken.None);
        Assert.NotNull(pr);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 14, 5, 0, TimeSpan.Zero), pr.MergedAt);
        Assert.Equal("feat: add refunds", pr.Title);
        var drafts = await app.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None);
        var notes = Assert.Single(drafts, d => d.Kind == DraftKinds.ReleaseNotes);
        Assert.Equal(["#42"], notes.InputIds);
        Assert.Equal(Repo.ToString(), notes.Repository);
    }

    [Fact]
    public async Task With_GitHub_configured_the_processor_adds_first_commit_and_review_and_queues_a_summary_of_a_changed_ADR()
    {
        using var github = FakeGitHub.Start();
        var repository = github.AddRepository(Repo.ToString());
        repository.Files["docs/adr/0001-use-postgresql.md"] = new FakeFile(
            "# 1. Use PostgreSQL\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a relational store.\n\n## Decision\n\nWe will use PostgreSQL.\n\n## Consequences\n\nWe run migrations ourselves.\n",
            new DateTimeOffset(2026, 11, 18, 13, 0, 0, TimeSpan.Zero));
        var created = new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.Zero);
        var pr = new FakePullRequest
        {
            Number = 7,
            Title = "docs: ADR 1, use PostgreSQL",
            CreatedAt = created,
            FirstCommitAt = created.AddHours(-6),
            ReadyForReviewAt = created,
            Reviews = [new FakeReview("bao", "APPROVED", created.AddHours(3))],
            ChangedPaths = ["docs/adr/0001-use-postgresql.md", "README.md"],
        }.Merged(created.AddHours(5));
        repository.PullRequests.Add(pr);
        await using var app = await StartAsync(github.Settings(Repo.ToString()));

        using var response = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), MergedPayload(github, repository, pr));
        var processed = await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);
        await app.Services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 0), (processed.Processed, processed.Failed));
        var stored = await app.Services.GetRequiredService<ActivityStore>().GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Number(7), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(created.AddHours(-6), stored.FirstCommitAt);
        Assert.Equal(created.AddHours(3), stored.FirstReviewAt);
        Assert.Contains("docs/adr/0001-use-postgresql.md", stored.Files);
        var drafts = await app.Services.GetRequiredService<ReviewQueue>().ListAsync(null, CancellationToken.None);
        var summary = Assert.Single(drafts, d => d.Kind == DraftKinds.AdrSummary);
        Assert.Equal(DraftStatus.PendingReview, summary.Status);
        Assert.Contains("docs/adr/0001-use-postgresql.md", summary.InputIds[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ADR_a_delivery_stored_keeps_its_blob_hash_so_the_next_sync_does_not_read_it_again()
    {
        using var github = FakeGitHub.Start();
        var repository = github.AddRepository(Repo.ToString());
        var adr = new FakeFile("# 2. Use queues\n\n## Status\n\nAccepted\n\n## Decision\n\nWe will use queues.\n", new DateTimeOffset(2026, 11, 18, 13, 0, 0, TimeSpan.Zero));
        repository.Files["docs/adr/0002-use-queues.md"] = adr;
        var created = new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.Zero);
        var pr = new FakePullRequest { Number = 8, Title = "docs: ADR 2", CreatedAt = created, ChangedPaths = ["docs/adr/0002-use-queues.md"] }.Merged(created.AddHours(5));
        repository.PullRequests.Add(pr);
        await using var app = await StartAsync(github.Settings(Repo.ToString()));

        using var response = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), MergedPayload(github, repository, pr));
        await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);
        var stored = await app.Services.GetRequiredService<ActivityStore>().GetAsync(AdrFileMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Encode("docs/adr/0002-use-queues.md"), CancellationToken.None);
        github.ResetRequests();
        var reconciled = await app.Services.GetRequiredService<WebhookReconcileJob>().ReconcileAsync(CancellationToken.None);

        Assert.Equal(adr.Sha, stored?.BlobSha);
        Assert.True(reconciled.Sync?.Succeeded, string.Join("; ", reconciled.Sync?.Repositories.SelectMany(r => r.Problems) ?? []));
        Assert.Contains(github.Requests, r => r.Path.Contains("/contents/docs/adr", StringComparison.Ordinal));
        Assert.DoesNotContain(github.Requests, r => r.Operation == "AdrFiles");
    }

    [Fact]
    public async Task A_published_release_moves_the_release_notes_anchor_and_production_deployments_and_default_branch_runs_are_stored()
    {
        await using var app = await StartAsync();

        await SendAsync(app, "release", Guid.NewGuid().ToString(), Release("v2.4.0", "2026-11-18T16:00:00Z"));
        await SendAsync(app, "deployment_status", Guid.NewGuid().ToString(), DeploymentStatus(9001, "production", "success", "2026-11-18T16:20:00Z"));
        await SendAsync(app, "deployment_status", Guid.NewGuid().ToString(), DeploymentStatus(9002, "staging", "success", "2026-11-18T16:25:00Z"));
        await SendAsync(app, "workflow_run", Guid.NewGuid().ToString(), WorkflowRun(555, "main"));
        await SendAsync(app, "workflow_run", Guid.NewGuid().ToString(), WorkflowRun(556, "feature/x"));
        var processed = await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);

        Assert.Equal((5, 0), (processed.Processed, processed.Failed));
        var baseline = await app.Services.GetRequiredService<ReleaseBaselineStore>().GetAsync(Repo, CancellationToken.None);
        Assert.Equal("v2.4.0", baseline?.Tag);
        var store = app.Services.GetRequiredService<ActivityStore>();
        var deployment = Assert.Single(await store.QueryAsync(DeploymentMap.Instance, ActivityTables.RepositoryKey(Repo), null, CancellationToken.None));
        Assert.Equal(("9001", "success"), (deployment.Id, deployment.Status));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 16, 20, 0, TimeSpan.Zero), deployment.DeployedAt);
        var run = Assert.Single(await store.QueryAsync(WorkflowRunMap.Instance, ActivityTables.RepositoryKey(Repo), null, CancellationToken.None));
        Assert.Equal(555, run.Id);
    }

    [Fact]
    public async Task The_daily_reconcile_fills_in_a_merged_pull_request_whose_delivery_never_arrived()
    {
        using var github = FakeGitHub.Start();
        var repository = github.AddRepository(Repo.ToString());
        var created = DateTimeOffset.UtcNow.AddDays(-2);
        repository.PullRequests.Add(new FakePullRequest { Number = 11, Title = "fix: refund rounding", CreatedAt = created, FirstCommitAt = created.AddHours(-1) }.Merged(created.AddHours(4)));
        await using var app = await StartAsync(github.Settings(Repo.ToString()));
        await app.Services.GetRequiredService<ReleaseNotesService>().SetPreviousReleaseAsync(Repo, created.AddDays(-7), "test", CancellationToken.None);

        var reconciled = await app.Services.GetRequiredService<WebhookReconcileJob>().ReconcileAsync(CancellationToken.None);
        // What a sync stores waits for the drafts run: it queues nothing per stored page.
        var queuedBySync = await app.Services.GetRequiredService<ReviewQueue>().ListAsync(null, CancellationToken.None);
        await app.Services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(CancellationToken.None);

        Assert.Empty(queuedBySync);
        Assert.True(reconciled.Sync?.Succeeded, string.Join("; ", reconciled.Sync?.Repositories.SelectMany(r => r.Problems) ?? []));
        var stored = await app.Services.GetRequiredService<ActivityStore>().GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Number(11), CancellationToken.None);
        Assert.NotNull(stored?.MergedAt);
        var notes = Assert.Single(await app.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None));
        Assert.Contains("#11", notes.InputIds);
    }

    [SharedFixturesFact]
    public async Task Every_real_payload_of_the_events_we_process_is_processed_without_failure()
    {
        await using var app = await StartAsync(maxBodyBytes: 25 * 1024 * 1024);
        foreach (var eventName in GitHubWebhookHandler.ProcessedEvents)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.GitHubWebhookFixtures, eventName), "*.json"))
            {
                using var response = await SendAsync(app, eventName, Guid.NewGuid().ToString(), await File.ReadAllTextAsync(file));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        var processed = await app.Services.GetRequiredService<WebhookProcessingJob>().ProcessPendingAsync(CancellationToken.None);
        var stuck = await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None);

        Assert.True(processed.Failed == 0, string.Join("\n", stuck.Select(d => $"{d.Event}/{d.Action}: {d.LastError}")));
        Assert.Empty(stuck);
    }

    private Task<ServedApp> StartAsync(IDictionary<string, string?>? extra = null, int? maxBodyBytes = null)
    {
        var settings = TestHost.Settings(azurite);
        settings["GitHub:WebhookSecret"] = Secret;
        if (maxBodyBytes is not null)
        {
            settings["GitHub:WebhookMaxBodyBytes"] = maxBodyBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return ServedApp.StartAsync(settings);
    }

    /// <summary>A <c>pull_request</c> closed delivery for a merged pull request of the fake GitHub, as GitHub shapes it.</summary>
    private static string MergedPayload(FakeGitHub github, FakeRepository repository, FakePullRequest pr) => new JsonObject
    {
        ["action"] = "closed",
        ["number"] = pr.Number,
        ["pull_request"] = Shapes.PullRequest(github.ApiUrl, repository, pr, full: true),
        ["repository"] = Shapes.Repository(github.ApiUrl, repository),
        ["sender"] = Shapes.User(github.ApiUrl, "bao"),
    }.ToJsonString();

    private static async Task<HttpResponseMessage> SendAsync(ServedApp app, string eventName, string delivery, string body)
    {
        using var request = WebhookPayloads.SignedDelivery(Secret, body, eventName, delivery);
        return await app.Client.SendAsync(request);
    }

    private const string RepositoryJson = """
        "repository": { "id": 5000, "name": "payments-api", "full_name": "octo-org/payments-api", "private": true, "default_branch": "main",
                        "owner": { "login": "octo-org", "id": 200, "type": "Organization" } },
        "sender": { "login": "bao", "id": 102, "type": "User" }
        """;

    private static string Release(string tag, string publishedAt) => $$"""
        { "action": "published",
          "release": { "url": "https://api.github.com/repos/octo-org/payments-api/releases/1", "id": 1, "node_id": "RE_1", "tag_name": "{{tag}}",
                       "target_commitish": "main", "name": "{{tag}}", "draft": false, "prerelease": false,
                       "author": { "login": "bao", "id": 102, "type": "User" },
                       "created_at": "{{publishedAt}}", "published_at": "{{publishedAt}}", "assets": [], "body": "Notes" },
          {{RepositoryJson}} }
        """;

    private static string DeploymentStatus(long id, string environment, string state, string at) => $$"""
        { "action": "created",
          "deployment_status": { "url": "https://api.github.com/repos/octo-org/payments-api/deployments/{{id}}/statuses/1", "id": {{id * 10}}, "node_id": "DES_1",
                                 "state": "{{state}}", "creator": { "login": "bao", "id": 102, "type": "User" }, "description": "",
                                 "environment": "{{environment}}", "target_url": "", "created_at": "{{at}}", "updated_at": "{{at}}" },
          "deployment": { "url": "https://api.github.com/repos/octo-org/payments-api/deployments/{{id}}", "id": {{id}}, "node_id": "DE_1",
                          "sha": "a10867b14bb761a232cd80139fbd4c0d33264240", "ref": "main", "task": "deploy", "payload": {},
                          "original_environment": "{{environment}}", "environment": "{{environment}}", "description": null,
                          "creator": { "login": "bao", "id": 102, "type": "User" }, "created_at": "{{at}}", "updated_at": "{{at}}" },
          {{RepositoryJson}} }
        """;

    private static string WorkflowRun(long id, string branch) => $$"""
        { "action": "completed",
          "workflow_run": { "id": {{id}}, "name": "CI", "node_id": "WFR_1", "head_branch": "{{branch}}",
                            "head_sha": "a10867b14bb761a232cd80139fbd4c0d33264240", "run_number": 12, "run_attempt": 1, "event": "push",
                            "status": "completed", "conclusion": "success", "workflow_id": 3, "url": "https://api.github.com/repos/octo-org/payments-api/actions/runs/{{id}}",
                            "created_at": "2026-11-18T16:00:00Z", "updated_at": "2026-11-18T16:09:00Z", "run_started_at": "2026-11-18T16:00:00Z" },
          {{RepositoryJson}} }
        """;
}
