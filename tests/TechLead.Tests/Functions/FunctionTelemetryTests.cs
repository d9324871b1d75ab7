using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TechLead.Functions;
using TechLead.Tests.Feedback;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Webhooks;
using TechLead.Webhooks;
using Span = System.Diagnostics.Activity;

namespace TechLead.Tests.Functions;

/// <summary>What the worker exports (captured with OpenTelemetry's in-memory exporter): the spans and metrics a platform team expects, and no secret or feedback text.</summary>
[Collection(FunctionsCollection.Name)]
public sealed class FunctionTelemetryTests(AzuriteFixture azurite) : IDisposable
{
    private const string Secret = "telemetry-webhook-secret-0123456789abcdef";
    private const string SmtpPassword = "smtp-password-never-exported-42";
    private const string Repository = "octo-org/payments-api";

    private readonly FakeGitHub _github = FakeGitHub.Start();

    [Fact]
    public async Task Jobs_and_requests_are_traced_and_counted_without_secrets_or_feedback_text()
    {
        _github.AddRepository(Repository);
        var spans = new List<Span>();
        var metrics = new List<Metric>();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix(),
            ["GitHub:WebhookSecret"] = Secret,
            ["Smtp:Password"] = SmtpPassword,
        };
        foreach (var (key, value) in _github.Settings(Repository))
        {
            settings[key] = value;
        }

        using var host = FunctionsApp.Build(settings, services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddInMemoryExporter(metrics)), queuesOfItsOwn: true);
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        var meter = host.Services.GetRequiredService<MeterProvider>();
        using var scope = host.Services.CreateScope();
        var timer = new TimerInfo();

        var webhook = ActivatorUtilities.CreateInstance<GitHubWebhookFunction>(scope.ServiceProvider);
        var payload = WebhookPayloads.MergedPullRequest(repository: Repository);
        await webhook.Run(Request(scope, payload, ("X-GitHub-Event", "pull_request"), ("X-GitHub-Delivery", Guid.NewGuid().ToString())), CancellationToken.None);
        await webhook.Run(Request(scope, payload, ("X-GitHub-Event", "pull_request"), ("X-GitHub-Delivery", Guid.NewGuid().ToString()),
            ("X-Hub-Signature-256", WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(payload)))), CancellationToken.None);
        var feedback = JsonSerializer.Serialize(new { kind = "constructive", situation = Sbi.PlanningSituation, behavior = Sbi.PlanningBehavior, impact = Sbi.PlanningImpact });
        await ActivatorUtilities.CreateInstance<FeedbackFunctions>(scope.ServiceProvider).Draft(Request(scope, feedback, (TechLead.Access.AccessGate.CsrfHeader, "techlead-dashboard")), CancellationToken.None);
        await ActivatorUtilities.CreateInstance<ProcessWebhooksFunction>(scope.ServiceProvider).Run(timer, CancellationToken.None);
        await ActivatorUtilities.CreateInstance<SyncGitHubFunction>(scope.ServiceProvider).Run(timer, CancellationToken.None);
        var queued = ActivatorUtilities.CreateInstance<QueueFunctions>(scope.ServiceProvider);
        await FunctionsApp.DeliverQueuedAsync(host.Services, TechLead.Queues.QueueNames.SyncGitHub, m => queued.SyncGitHubRepository(m, CancellationToken.None));
        tracer.ForceFlush();
        meter.ForceFlush();

        var names = spans.Select(s => s.DisplayName).ToList();
        Assert.Equal(2, names.Count(n => n == "request GitHubWebhook"));
        Assert.Contains("request SbiFeedback", names);
        Assert.Contains("job ProcessWebhooks", names);
        Assert.Contains("job SyncGitHub", names);
        Assert.Contains(spans, s => s.GetTagItem("techlead.webhook.outcome") as string == "rejected");

        var points = metrics.SelectMany(m => Points(m).Select(p => (m.Name, Tags: p.Tags, p.Value))).ToList();
        Assert.Contains(points, p => p.Name == "techlead.webhook.deliveries" && p.Tags["techlead.outcome"] == "accepted" && p.Value >= 1);
        Assert.Contains(points, p => p.Name == "techlead.webhook.deliveries" && p.Tags["techlead.outcome"] == "rejected" && p.Tags["techlead.reason"] == "401");
        Assert.Contains(points, p => p.Name == "techlead.drafts.created" && p.Tags["techlead.draft.kind"] == "sbi" && p.Value >= 2);
        Assert.Contains(points, p => p.Name == "techlead.sync.requests" && p.Tags["techlead.source"] == "github" && p.Value >= 1);
        Assert.Contains(points, p => p.Name == "techlead.storage.rows_stored" && p.Value >= 1);

        var exported = string.Join('\n', spans.SelectMany(s => new[] { s.DisplayName, s.OperationName, s.StatusDescription ?? "" }
                .Concat(s.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))
                .Concat(s.Baggage.Select(b => $"{b.Key}={b.Value}")))
            .Concat(points.SelectMany(p => p.Tags.Select(t => $"{p.Name} {t.Key}={t.Value}"))));
        foreach (var secret in new[] { Secret, SmtpPassword, FakeGitHub.DefaultToken, Sbi.PlanningSituation, Sbi.PlanningBehavior, Sbi.PlanningImpact })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
        }
    }

    private static HttpRequest Request(IServiceScope scope, string body, params (string Name, string Value)[] headers) =>
        FunctionsApp.Request(scope.ServiceProvider, "POST", body, headers);

    private static List<(Dictionary<string, string?> Tags, double Value)> Points(Metric metric)
    {
        var points = new List<(Dictionary<string, string?> Tags, double Value)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, string?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value?.ToString();
            }

            double value = metric.MetricType switch
            {
                MetricType.LongSum => point.GetSumLong(),
                MetricType.Histogram => point.GetHistogramSum(),
                _ => 0,
            };
            points.Add((tags, value));
        }

        return points;
    }

    public void Dispose() => _github.Dispose();
}
