using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechLead.Queues;
using TechLead.Storage;

namespace TechLead.Local;

/// <summary>
/// serve asks Table Storage and Queue Storage once each as it starts (within Storage:ProbeTimeout) and names the one
/// that did not answer, its endpoint and setting: it keeps running (Azurite may come up later), /api/health says the same.
/// </summary>
internal sealed partial class StorageStartCheck(TableStore tables, WorkQueues queues, BoundAddressCheck bound, ILogger<StorageStartCheck> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (bound.Problem is not null)
        {
            return;
        }

        foreach (var check in await Task.WhenAll(tables.CheckAsync(cancellationToken), queues.CheckAsync(cancellationToken)))
        {
            if (!check.Reachable)
            {
                LogDown(check.Describe());
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem} serve runs on without it: /api/health reports it down and the work that needs it waits until it answers (locally: npx azurite --silent starts tables and queues).")]
    private partial void LogDown(string problem);
}
