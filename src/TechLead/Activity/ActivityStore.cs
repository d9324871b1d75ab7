using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Activity;

/// <summary>
/// Writes and reads records through their <see cref="IRecordMap{T}"/>: upserts batched per partition (at most 100
/// actions per transaction), queries always scoped to a partition and followed to the last continuation token.
/// </summary>
public sealed class ActivityStore(TableStore tables)
{
    public const string DataColumn = "Data";

    // Table Storage caps a string property at 64 KiB (32K UTF-16 chars); stay clearly below it.
    internal const int MaxDataChars = 30_000;

    // A transaction is limited to 100 actions and 4 MiB of payload.
    internal const int MaxActionsPerTransaction = 100;
    private const int MaxTransactionChars = 1_500_000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Upserts records; the same record written twice leaves one row. Returns the number of rows written.</summary>
    public async Task<int> UpsertAsync<T>(IRecordMap<T> map, IEnumerable<T> records, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(map.Table, cancellationToken);
        var written = 0;
        foreach (var partition in records.Select(r => ToEntity(map, r)).GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            // One transaction may not touch the same row twice: the last version of a row wins.
            var rows = partition.GroupBy(e => e.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            foreach (var chunk in Chunk(rows))
            {
                var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e));
                await tables.Guard(() => table.SubmitTransactionAsync(actions, cancellationToken));
                written += chunk.Count;
            }
        }

        TechLead.Telemetry.TechLeadTelemetry.Stored(map.Table, written);
        return written;
    }

    /// <summary>All records of one partition matching an optional OData filter, following every continuation token.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(IRecordMap<T> map, string partitionKey, string? filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(map.Table, cancellationToken);
        var partitionFilter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var fullFilter = filter is null ? partitionFilter : $"{partitionFilter} and ({filter})";
        return await tables.Guard(async () =>
        {
            var results = new List<T>();
            await foreach (var entity in table.QueryAsync<TableEntity>(fullFilter, maxPerPage: 1000, select: ["PartitionKey", "RowKey", DataColumn], cancellationToken: cancellationToken))
            {
                // One damaged row is skipped and named in /api/health, never the reason a page or digest fails.
                if (TryFromEntity<T>(entity, out var record))
                {
                    tables.Unreadable.Readable(map.Table, entity.PartitionKey, entity.RowKey);
                    results.Add(record);
                }
                else
                {
                    tables.Unreadable.Seen(map.Table, entity.PartitionKey, entity.RowKey);
                }
            }

            return results;
        });
    }

    /// <summary>Reads one record by its keys, or null.</summary>
    public async Task<T?> GetAsync<T>(IRecordMap<T> map, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        var table = await tables.GetTableAsync(map.Table, cancellationToken);
        var response = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [DataColumn], cancellationToken));
        return response.HasValue && response.Value is not null ? FromEntity<T>(response.Value) : null;
    }

    internal static TableEntity ToEntity<T>(IRecordMap<T> map, T record)
    {
        var fitted = map.Fit(record);
        var data = JsonSerializer.Serialize(fitted, Json);
        if (data.Length > MaxDataChars)
        {
            throw new InvalidOperationException(
                $"{typeof(T).Name} {map.PartitionKey(fitted)}/{map.RowKey(fitted)} is {data.Length} characters after trimming; the limit is {MaxDataChars}.");
        }

        var entity = new TableEntity(map.PartitionKey(fitted), map.RowKey(fitted)) { [DataColumn] = data };
        map.AddQueryColumns(fitted, entity);
        return entity;
    }

    private static bool TryFromEntity<T>(TableEntity entity, out T record)
    {
        try
        {
            record = FromEntity<T>(entity);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            record = default!;
            return false;
        }
    }

    private static T FromEntity<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(DataColumn) ?? "null", Json)
        ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} has no data.");

    private static IEnumerable<List<TableEntity>> Chunk(List<TableEntity> rows)
    {
        var chunk = new List<TableEntity>(MaxActionsPerTransaction);
        var chars = 0;
        foreach (var row in rows)
        {
            var size = row.GetString(DataColumn)?.Length ?? 0;
            if (chunk.Count == MaxActionsPerTransaction || (chunk.Count > 0 && chars + size > MaxTransactionChars))
            {
                yield return chunk;
                chunk = new List<TableEntity>(MaxActionsPerTransaction);
                chars = 0;
            }

            chunk.Add(row);
            chars += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
