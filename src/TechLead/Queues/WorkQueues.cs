using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Queues;

/// <summary>Queue clients by logical name, each queue created once per process, in the tables' storage account.</summary>
public sealed class WorkQueues(QueueServiceClient service, IOptions<QueueOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);

    public string PhysicalName(string logicalName) => options.Value.Prefix + logicalName;

    public Task<QueueClient> GetQueueAsync(string logicalName, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(logicalName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name, cancellationToken))).Value;

    /// <summary>Adds a message, visible after <paramref name="delay"/> (at once when null).</summary>
    public async Task SendAsync(string logicalName, string message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = await GetQueueAsync(logicalName, cancellationToken);
        await TableStore.Guard(service.Uri, () => queue.SendMessageAsync(message, delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken));
    }

    /// <summary>Adds one message per item, a few at a time.</summary>
    public async Task SendAllAsync(string logicalName, IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        await GetQueueAsync(logicalName, cancellationToken);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (message, ct) => await SendAsync(logicalName, message, null, ct));
    }

    private async Task<QueueClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(PhysicalName(logicalName));
        try
        {
            await TableStore.Guard(service.Uri, () => client.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            return client;
        }
        catch
        {
            _queues.TryRemove(logicalName, out _);
            throw;
        }
    }
}
