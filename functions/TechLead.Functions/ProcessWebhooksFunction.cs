using Microsoft.Azure.Functions.Worker;
using TechLead.Telemetry;
using TechLead.Webhooks;

namespace TechLead.Functions;

/// <summary>Timer: works through recorded webhook deliveries. Schedule from Schedules__ProcessWebhooks.</summary>
public sealed class ProcessWebhooksFunction(WebhookProcessingJob job)
{
    [Function("ProcessWebhooks")]
    public Task Run([TimerTrigger("%Schedules:ProcessWebhooks%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
