using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Queues;

/// <summary>Queue clients by logical name, each queue created once per process, in the tables' storage account.</summary>
public sealed class WorkQueues(QueueServiceClient service, [FromKeyedServices(StorageCheck.ProbeClient)] QueueServiceClient probe,
    IOptions<QueueOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);

    public string PhysicalName(string logicalName) => options.Value.Prefix + logicalName;

    public Task<QueueClient> GetQueueAsync(string logicalName, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(logicalName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name, cancellationToken))).Value;

    /// <summary>Whether Queue Storage answers now: one request, within Storage:ProbeTimeout, no retries.</summary>
    public Task<StorageCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = storage.Value;
        var queue = probe.GetQueueClient(PhysicalName(QueueNames.SyncGitHub));
        return StorageCheck.RunAsync(StorageCheck.Queues, probe.Uri, settings.QueueSetting, settings.ProbeTimeout, time,
            ct => queue.ExistsAsync(ct), cancellationToken);
    }

    /// <summary>Runs a Queue Storage call; a transport failure becomes one error naming Queue Storage, its endpoint and setting.</summary>
    public Task<T> Guard<T>(Func<Task<T>> call) => TableStore.Guard(StorageCheck.Queues, service.Uri, storage.Value.QueueSetting, call);

    /// <summary>Adds a message, visible after <paramref name="delay"/> (at once when null).</summary>
    public async Task SendAsync(string logicalName, string message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = await GetQueueAsync(logicalName, cancellationToken);
        await Guard(() => queue.SendMessageAsync(message, delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken));
    }

    /// <summary>Adds one message per item, a few at a time.</summary>
    public async Task SendAllAsync(string logicalName, IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        await GetQueueAsync(logicalName, cancellationToken);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (message, ct) => await SendAsync(logicalName, message, null, ct));
    }

    /// <summary>
    /// Why the queues cannot be where the tables are: a connection string that names a TableEndpoint but no
    /// QueueEndpoint sends the queues to the account's default cloud address, not to the tables' host (null when fine).
    /// </summary>
    public static string? MissingQueueEndpoint(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return null;
        }

        var keys = storage.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2)[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!keys.Contains("TableEndpoint") || keys.Contains("QueueEndpoint"))
        {
            return null;
        }

        string derived;
        try
        {
            derived = StorageCheck.Display(new QueueServiceClient(storage.ConnectionString).Uri);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            derived = "the account's default cloud address";
        }

        return $"names a TableEndpoint but no QueueEndpoint, so the work queues would go to {derived} instead of the tables' host";
    }

    private async Task<QueueClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(PhysicalName(logicalName));
        try
        {
            await Guard(() => client.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            return client;
        }
        catch
        {
            _queues.TryRemove(logicalName, out _);
            throw;
        }
    }
}
