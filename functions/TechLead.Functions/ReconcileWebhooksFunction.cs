using Microsoft.Azure.Functions.Worker;
using TechLead.Telemetry;
using TechLead.Webhooks;

namespace TechLead.Functions;

/// <summary>Timer: daily, fills in what lost webhook deliveries missed. Schedule from Schedules__ReconcileWebhooks.</summary>
public sealed class ReconcileWebhooksFunction(WebhookReconcileJob job)
{
    [Function("ReconcileWebhooks")]
    public Task Run([TimerTrigger("%Schedules:ReconcileWebhooks%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
