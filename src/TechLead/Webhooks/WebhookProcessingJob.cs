using System.Text.Json;
using Microsoft.Extensions.Logging;
using TechLead.Hosting;

namespace TechLead.Webhooks;

/// <summary>What one event's deliveries do once recorded (store activity, enqueue drafts). Must be idempotent.</summary>
public interface IWebhookEventProcessor
{
    string Event { get; }

    Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken);
}

/// <summary>
/// Works through the inbox, oldest first. A delivery is marked processed only after its effects are stored; a failure
/// leaves it pending with the reason and it is retried on a later run, with a growing wait between attempts.
/// </summary>
public sealed partial class WebhookProcessingJob(
    WebhookInbox inbox,
    IEnumerable<IWebhookEventProcessor> processors,
    TimeProvider time,
    ILogger<WebhookProcessingJob> logger) : IJob
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    public string Name => "ProcessWebhooks";

    public Task RunAsync(CancellationToken cancellationToken) => ProcessPendingAsync(cancellationToken);

    public async Task<WebhookProcessingResult> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        int processed = 0, failed = 0, waiting = 0;
        foreach (var delivery in await inbox.PendingAsync(cancellationToken))
        {
            if (delivery.Attempts > 0 && delivery.LastAttemptAt + Backoff(delivery.Attempts) > time.GetUtcNow())
            {
                waiting++;
                continue;
            }

            if (await ProcessAsync(delivery, cancellationToken) is null)
            {
                processed++;
            }
            else
            {
                failed++;
            }
        }

        return new WebhookProcessingResult(processed, failed, waiting);
    }

    /// <summary>
    /// Processes one delivery now (its queue message, seconds after it was stored); nothing when it is unknown or
    /// already processed (the sweep got there first). Returns why it failed, or null.
    /// </summary>
    public async Task<string?> ProcessOneAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await inbox.GetAsync(deliveryId, cancellationToken);
        return delivery is null ? null : await ProcessAsync(delivery, cancellationToken);
    }

    // As with services, the last registration for an event wins (a host may replace a built-in processor). Built once:
    // every queued delivery looks its processor up here.
    private readonly Dictionary<string, IWebhookEventProcessor> _byEvent =
        processors.GroupBy(p => p.Event, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private async Task<string?> ProcessAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            if (_byEvent.TryGetValue(delivery.Event, out var processor))
            {
                using var payload = JsonDocument.Parse(delivery.Body);
                await processor.ProcessAsync(delivery, payload.RootElement, cancellationToken);
            }

            await inbox.MarkProcessedAsync(delivery.DeliveryId, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason is kept with the delivery; the payload itself is never logged.
            var reason = $"{e.GetType().Name}: {e.Message}";
            await inbox.MarkFailedAsync(delivery, reason, cancellationToken);
            LogFailed(delivery.DeliveryId, delivery.Event, delivery.Attempts + 1, e.GetType().Name);
            return reason;
        }
    }

    /// <summary>1, 2, 4, ... minutes after each failed attempt, at most six hours.</summary>
    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, attempts - 1), MaxBackoff.TotalMinutes));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Event}) failed on attempt {Attempt} ({Error}); it stays pending and is retried.")]
    private partial void LogFailed(string deliveryId, string @event, int attempt, string error);
}

public sealed record WebhookProcessingResult(int Processed, int Failed, int Waiting);
