using Microsoft.Extensions.Hosting;
using TechLead.Queues;

namespace TechLead.Local;

/// <summary>
/// <c>serve</c>'s queue consumers: Queues:Workers messages at once against the configured storage (Azurite locally),
/// with the Functions host's retry and poison behaviour, so what the timers enqueue gets done as in Azure.
/// </summary>
internal sealed class QueueWorkers(QueuePump pump) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pump.RunAsync(stoppingToken);
}
