using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Tests.Infrastructure;
using TechLead.Webhooks;

namespace TechLead.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class WebhookProcessingJobTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_delivery_is_marked_processed_only_after_its_processor_succeeds_and_is_not_processed_twice()
    {
        var processor = new RecordingProcessor();
        using var host = Build(processor);
        var inbox = host.Services.GetRequiredService<WebhookInbox>();
        await inbox.TryAddAsync("d-1", "pull_request", "closed", "octo-org/payments-api", Encoding.UTF8.GetBytes(WebhookPayloads.MergedPullRequest()), CancellationToken.None);
        var job = host.Services.GetRequiredService<WebhookProcessingJob>();

        var first = await job.ProcessPendingAsync(CancellationToken.None);
        var second = await job.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(1, first.Processed);
        Assert.Equal(0, second.Processed);
        Assert.Equal(["d-1:42"], processor.Seen);
        Assert.Empty(await inbox.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_delivery_stays_pending_with_the_reason_and_is_retried_after_a_backoff()
    {
        var processor = new RecordingProcessor { FailuresLeft = 1 };
        using var host = Build(processor);
        var inbox = host.Services.GetRequiredService<WebhookInbox>();
        await inbox.TryAddAsync("d-2", "pull_request", "closed", "octo-org/payments-api", Encoding.UTF8.GetBytes(WebhookPayloads.MergedPullRequest()), CancellationToken.None);
        var job = host.Services.GetRequiredService<WebhookProcessingJob>();

        var failed = await job.ProcessPendingAsync(CancellationToken.None);
        var pending = Assert.Single(await inbox.PendingAsync(CancellationToken.None));
        var tooSoon = await job.ProcessPendingAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var retried = await job.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(1, failed.Failed);
        Assert.Equal(1, pending.Attempts);
        Assert.Contains("storage hiccup", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(1, tooSoon.Waiting);
        Assert.Equal(1, retried.Processed);
        Assert.Empty(await inbox.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public void Backoff_grows_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), WebhookProcessingJob.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(8), WebhookProcessingJob.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(6), WebhookProcessingJob.Backoff(30));
    }

    private Microsoft.Extensions.Hosting.IHost Build(RecordingProcessor processor) =>
        TestHost.Build(TestHost.Settings(azurite), _time, services => services.AddSingleton<IWebhookEventProcessor>(processor));

    private sealed class RecordingProcessor : IWebhookEventProcessor
    {
        public string Event => "pull_request";

        public int FailuresLeft { get; set; }

        public List<string> Seen { get; } = [];

        public Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("storage hiccup");
            }

            Seen.Add($"{delivery.DeliveryId}:{payload.GetProperty("number").GetInt32()}");
            return Task.CompletedTask;
        }
    }
}
