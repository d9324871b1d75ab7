using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TechLead.Storage;

/// <summary>Table clients by logical name, each table created once per process.</summary>
public sealed class TableStore(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public Uri Endpoint => service.Uri;

    /// <summary>Rows the readers skipped because they do not map (named by /api/health).</summary>
    public UnreadableRows Unreadable { get; } = new();

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken) =>
        _tables.GetOrAdd(logicalName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name, cancellationToken))).Value;

    public string PhysicalName(string logicalName) => options.Value.TablePrefix + logicalName;

    private async Task<TableClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(PhysicalName(logicalName));
        try
        {
            await Guard(Endpoint, () => client.CreateIfNotExistsAsync(cancellationToken));
            return client;
        }
        catch
        {
            _tables.TryRemove(logicalName, out _);
            throw;
        }
    }

    /// <summary>Runs a storage call and turns transport failures into one error that names the endpoint.</summary>
    public static async Task<T> Guard<T>(Uri endpoint, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e) when (e.Status == 0 || e.InnerException is HttpRequestException)
        {
            throw Unreachable(endpoint, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException or HttpRequestException))
        {
            throw Unreachable(endpoint, e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(endpoint, e);
        }
    }

    private static StorageUnavailableException Unreachable(Uri endpoint, Exception e) =>
        new($"Table Storage at {endpoint} is unreachable ({FirstLine(e)}). Is Azurite running, and is Storage:ConnectionString right?", e);

    private static string FirstLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.Split('\n')[0].Trim();
    }
}
