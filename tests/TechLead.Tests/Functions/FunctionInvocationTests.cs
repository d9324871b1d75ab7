using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechLead.Activity;
using TechLead.Functions;
using TechLead.Queues;
using TechLead.ReleaseNotes;
using TechLead.Review;
using TechLead.Storage;
using TechLead.Tests.Feedback;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Webhooks;
using TechLead.Webhooks;

namespace TechLead.Tests.Functions;

[CollectionDefinition(Name)]
public sealed class FunctionsCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<MailDevFixture>
{
    public const string Name = "Functions";
}

/// <summary>
/// Every function method, invoked on a function class the worker's way (constructed from the worker host's scoped
/// services, built as Program.cs builds it) with real Azurite, maildev and a loopback GitHub. HTTP functions get an
/// ASP.NET Core HttpContext and their IActionResult is executed as the worker's ASP.NET Core middleware executes it.
/// </summary>
[Collection(FunctionsCollection.Name)]
public sealed class FunctionInvocationTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private const string Secret = "functions-test-webhook-secret-0123456789";
    private const string Repository = "octo-org/payments-api";

    private readonly FakeGitHub _github = FakeGitHub.Start();
    private readonly string _team = "Functions team " + Guid.NewGuid().ToString("N")[..6];
    private readonly string _output = Path.Combine(Path.GetTempPath(), "techlead-functions-" + Guid.NewGuid().ToString("N")[..8]);

    private IHost Host()
    {
        _github.AddRepository(Repository);
        var settings = new Dictionary<string, string?>
        {
            ["Team:Name"] = _team,
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GitHub:WebhookSecret"] = Secret,
            ["Digest:OutputDirectory"] = _output,
            ["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix(),
        };
        foreach (var (key, value) in _github.Settings(Repository))
        {
            settings[key] = value;
        }

        return FunctionsApp.Build(settings, queuesOfItsOwn: true);
    }

    private static T Function<T>(IServiceScope scope) => ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider);

    private static readonly TimerInfo Timer = new() { IsPastDue = false };

    /// <summary>The header the dashboard page sends on every change (the gate refuses changes without it).</summary>
    private static readonly (string, string) Dashboard = (TechLead.Access.AccessGate.CsrfHeader, "techlead-dashboard");

    /// <summary>Runs an HTTP function and executes its result as FunctionsHttpProxyingMiddleware does; returns status and body.</summary>
    private static async Task<(int Status, JsonElement Body)> InvokeAsync(IServiceScope scope, Func<HttpRequest, Task<IActionResult>> function,
        string method, string body, params (string Name, string Value)[] headers)
    {
        var request = FunctionsApp.Request(scope.ServiceProvider, method, body, headers);
        var context = request.HttpContext;

        var result = await function(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task The_webhook_answers_401_unsigned_and_202_signed_and_the_timers_process_and_reconcile_it()
    {
        using var host = Host();
        using var scope = host.Services.CreateScope();
        var webhook = Function<GitHubWebhookFunction>(scope);
        var payload = WebhookPayloads.MergedPullRequest(repository: Repository);
        var delivery = Guid.NewGuid().ToString();

        var unsigned = await InvokeAsync(scope, r => webhook.Run(r, CancellationToken.None), "POST", payload,
            ("X-GitHub-Event", "pull_request"), ("X-GitHub-Delivery", delivery));
        var signed = await InvokeAsync(scope, r => webhook.Run(r, CancellationToken.None), "POST", payload,
            ("X-GitHub-Event", "pull_request"), ("X-GitHub-Delivery", delivery),
            ("X-Hub-Signature-256", WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(payload))));

        Assert.Equal(StatusCodes.Status401Unauthorized, unsigned.Status);
        Assert.Equal("Signature rejected", unsigned.Body.GetProperty("title").GetString());
        Assert.Equal(StatusCodes.Status202Accepted, signed.Status);
        Assert.Equal("queued", signed.Body.GetProperty("status").GetString());
        var inbox = host.Services.GetRequiredService<WebhookInbox>();
        Assert.Single(await inbox.PendingAsync(CancellationToken.None));

        await Function<ProcessWebhooksFunction>(scope).Run(Timer, CancellationToken.None);
        Assert.Empty(await inbox.PendingAsync(CancellationToken.None));
        var stored = await host.Services.GetRequiredService<ActivityStore>().GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(Repository)), KeyCodec.Number(42), CancellationToken.None);
        Assert.Equal(("feat: add refunds", new DateTimeOffset(2026, 11, 18, 14, 5, 0, TimeSpan.Zero)), (stored!.Title, stored.MergedAt!.Value));

        // The previous release was on 1 November: the drafts timer queues and drafts notes for #42, merged since, for review.
        await host.Services.GetRequiredService<ReleaseBaselineStore>().SetAsync(new ReleaseBaseline(RepositoryName.Parse(Repository), null,
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "lead", DateTimeOffset.UtcNow), CancellationToken.None);
        await Function<ProcessDraftsFunction>(scope).Run(Timer, CancellationToken.None);
        var draft = Assert.Single(await host.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None));
        Assert.Equal((DraftKinds.ReleaseNotes, Repository, "#42"), (draft.Kind, draft.Repository, Assert.Single(draft.InputIds)));
        Assert.Contains("add refunds", JsonSerializer.Serialize(draft.Documents), StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.Pending, CancellationToken.None));
        _github.ResetRequests();
        await Function<ReconcileWebhooksFunction>(scope).Run(Timer, CancellationToken.None);
        Assert.Contains(_github.Requests, r => r.Path.Contains("/repos/" + Repository, StringComparison.Ordinal) && r.Status == 200);
    }

    [Fact]
    public async Task The_sync_timer_enqueues_the_configured_repository_and_the_queue_function_reads_it_from_github()
    {
        using var host = Host();
        using var scope = host.Services.CreateScope();

        await Function<SyncGitHubFunction>(scope).Run(Timer, CancellationToken.None);
        Assert.Empty(_github.Requests);
        var queued = Function<QueueFunctions>(scope);
        var delivered = await FunctionsApp.DeliverQueuedAsync(host.Services, QueueNames.SyncGitHub, m => queued.SyncGitHubRepository(m, CancellationToken.None));

        Assert.Equal(1, delivered);
        Assert.Contains(_github.Requests, r => r.Path.Contains("/repos/" + Repository, StringComparison.Ordinal) && r.Status == 200);
        Assert.DoesNotContain(_github.Requests, r => r.Status >= 400);
    }

    [Fact]
    public async Task The_sbi_function_returns_checked_drafts_and_a_kept_draft_can_be_read_and_deleted()
    {
        using var host = Host();
        using var scope = host.Services.CreateScope();
        var feedback = Function<FeedbackFunctions>(scope);
        var request = JsonSerializer.Serialize(new { kind = "constructive", situation = Sbi.PlanningSituation, behavior = Sbi.PlanningBehavior, impact = Sbi.PlanningImpact, keep = true });

        var drafted = await InvokeAsync(scope, r => feedback.Draft(r, CancellationToken.None), "POST", request, Dashboard);

        Assert.Equal(StatusCodes.Status200OK, drafted.Status);
        Assert.False(drafted.Body.GetProperty("sent").GetBoolean());
        Assert.Equal(2, drafted.Body.GetProperty("drafts").GetArrayLength());
        Assert.EndsWith("How do you think we can address this?", drafted.Body.GetProperty("drafts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var id = drafted.Body.GetProperty("kept").GetProperty("id").GetString()!;

        var kept = await InvokeAsync(scope, r => feedback.Kept(r, id, CancellationToken.None), "GET", "");
        var deleted = await InvokeAsync(scope, r => feedback.Delete(r, id, CancellationToken.None), "DELETE", "", Dashboard);
        var gone = await InvokeAsync(scope, r => feedback.Kept(r, id, CancellationToken.None), "GET", "");

        Assert.Equal(StatusCodes.Status200OK, kept.Status);
        Assert.Equal(StatusCodes.Status204NoContent, deleted.Status);
        Assert.Equal(StatusCodes.Status404NotFound, gone.Status);
    }

    [Fact]
    public async Task The_health_function_answers_ok_with_what_waits_for_review()
    {
        using var host = Host();
        using var scope = host.Services.CreateScope();

        var health = await InvokeAsync(scope, r => Function<DashboardFunctions>(scope).Health(r, CancellationToken.None), "GET", "");

        Assert.Equal(StatusCodes.Status200OK, health.Status);
        Assert.Equal("ok", health.Body.GetProperty("status").GetString());
        Assert.True(health.Body.GetProperty("storage").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task The_digest_timer_sends_the_weeks_digest_to_the_team_once()
    {
        using var host = Host();
        using var scope = host.Services.CreateScope();
        var digest = Function<WeeklyDigestFunction>(scope);

        await digest.Run(Timer, CancellationToken.None);
        await digest.Run(Timer, CancellationToken.None);
        var queued = Function<QueueFunctions>(scope);
        Assert.Equal(2, await FunctionsApp.DeliverQueuedAsync(host.Services, QueueNames.Digest, m => queued.SendTeamDigest(m, CancellationToken.None)));

        var mails = (await maildev.MailsAsync()).Where(m => m.Subject.Contains(_team, StringComparison.Ordinal)).ToList();
        var mail = Assert.Single(mails);
        Assert.StartsWith("Weekly digest for " + _team, mail.Subject, StringComparison.Ordinal);
        Assert.Equal("tech-lead@example.com", Assert.Single(mail.To).Address);
    }

    public void Dispose()
    {
        _github.Dispose();
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
