using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TechLead.Storage;

/// <summary>Table clients by logical name, each table created once per process.</summary>
public sealed class TableStore(TableServiceClient service, [FromKeyedServices(StorageCheck.ProbeClient)] TableServiceClient probe, IOptions<StorageOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public Uri Endpoint => service.Uri;

    /// <summary>Rows the readers skipped because they do not map (named by /api/health).</summary>
    public UnreadableRows Unreadable { get; } = new();

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken) =>
        _tables.GetOrAdd(logicalName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name, cancellationToken))).Value;

    public string PhysicalName(string logicalName) => options.Value.TablePrefix + logicalName;

    /// <summary>Whether Table Storage answers now: one request, within Storage:ProbeTimeout, no retries.</summary>
    public Task<StorageCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var name = PhysicalName(Tables.SyncCursors);
        return StorageCheck.RunAsync(StorageCheck.Tables, probe.Uri, settings.TableSetting, settings.ProbeTimeout, time, async ct =>
        {
            await foreach (var _ in probe.QueryAsync(t => t.Name == name, maxPerPage: 1, cancellationToken: ct).AsPages())
            {
                break;
            }
        }, cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(PhysicalName(logicalName));
        try
        {
            await Guard(() => client.CreateIfNotExistsAsync(cancellationToken));
            return client;
        }
        catch
        {
            _tables.TryRemove(logicalName, out _);
            throw;
        }
    }

    /// <summary>Runs a Table Storage call and turns transport failures into one error naming the endpoint and the setting it came from.</summary>
    public Task<T> Guard<T>(Func<Task<T>> call) =>
        Guard(StorageCheck.Tables, Endpoint, options.Value.TableSetting, call);

    /// <summary>Runs a call to <paramref name="service"/> and turns transport failures into one error naming it, its endpoint and <paramref name="setting"/>.</summary>
    public static async Task<T> Guard<T>(string service, Uri endpoint, string setting, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e) when (e.Status == 0 || e.InnerException is HttpRequestException)
        {
            throw Unreachable(service, endpoint, setting, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException or HttpRequestException))
        {
            throw Unreachable(service, endpoint, setting, e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(service, endpoint, setting, e);
        }
    }

    private static StorageUnavailableException Unreachable(string service, Uri endpoint, string setting, Exception e) =>
        new($"{service} at {StorageCheck.Display(endpoint)} is unreachable ({StorageCheck.Reason(e)}). Is it running (locally: Azurite), and is {setting} right?", e);
}
