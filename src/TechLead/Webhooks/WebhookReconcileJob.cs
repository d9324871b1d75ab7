using Microsoft.Extensions.Logging;
using TechLead.GitHub;
using TechLead.Hosting;

namespace TechLead.Webhooks;

public sealed record WebhookReconcileResult(bool GitHubConfigured, GitHubSyncResult? Sync, int StuckDeliveries);

/// <summary>
/// GitHub does not redeliver a failed delivery by itself. Once a day this job asks GitHub what changed (the
/// incremental sync: pull requests listed by update time down to the stored cursor, releases, deployments, runs), which
/// stores whatever a lost delivery would have stored; the next ProcessDrafts run queues the drafts for it. Deliveries
/// that keep failing are reported, not dropped.
/// </summary>
public sealed partial class WebhookReconcileJob(GitHubSyncJob sync, WebhookInbox inbox, ILogger<WebhookReconcileJob> logger) : IJob
{
    /// <summary>After this many failed attempts a delivery is reported as stuck on every reconcile.</summary>
    public const int StuckAfterAttempts = 5;

    public string Name => "ReconcileWebhooks";

    public Task RunAsync(CancellationToken cancellationToken) => ReconcileAsync(cancellationToken);

    public async Task<WebhookReconcileResult> ReconcileAsync(CancellationToken cancellationToken)
    {
        GitHubSyncResult? result = null;
        if (sync.IsConfigured)
        {
            result = await sync.SyncAsync(progress: null, cancellationToken);
        }
        else
        {
            LogNotConfigured();
        }

        var stuck = (await inbox.PendingAsync(cancellationToken)).Where(d => d.Attempts >= StuckAfterAttempts).ToList();
        foreach (var delivery in stuck)
        {
            LogStuck(delivery.DeliveryId, delivery.Event, delivery.Attempts, delivery.LastError ?? "");
        }

        return new WebhookReconcileResult(sync.IsConfigured, result, stuck.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: GitHub:Repositories is not set, so deliveries GitHub failed to send cannot be filled in from the API.")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} ({Event}) has failed {Attempts} times: {Reason}. It stays pending.")]
    private partial void LogStuck(string deliveryId, string @event, int attempts, string reason);
}
