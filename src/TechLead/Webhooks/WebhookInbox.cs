using System.IO.Compression;
using Azure;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Webhooks;

/// <summary>One recorded delivery, as the processing job reads it.</summary>
public sealed record WebhookDelivery(string DeliveryId, string Event, string? Action, string? Repository, DateTimeOffset ReceivedAt,
    byte[] Body, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError);

/// <summary>
/// Deliveries keyed by <c>X-GitHub-Delivery</c>. <c>AddEntity</c> makes a redelivery a 409, so a delivery is recorded
/// once however often GitHub sends it. Bodies are gzip-compressed into binary columns (64 KiB each).
/// </summary>
public sealed class WebhookInbox(TableStore tables, TimeProvider time)
{
    // Table Storage: a binary property holds at most 64 KiB, an entity at most 1 MiB.
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 14;
    private const string Pending = "pending";
    private const string Done = "processed";

    /// <summary>Records a delivery; false when it was already recorded (a redelivery).</summary>
    public async Task<bool> TryAddAsync(string deliveryId, string eventName, string? action, string? repository, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.WebhookInbox, cancellationToken);
        var entity = new TableEntity(PartitionOf(deliveryId), KeyCodec.Encode(deliveryId))
        {
            ["Event"] = eventName,
            ["Action"] = action,
            ["Repository"] = repository,
            ["ReceivedAt"] = time.GetUtcNow(),
            ["State"] = Pending,
            ["Attempts"] = 0,
        };
        var compressed = Compress(body.Span);
        var chunks = compressed.Chunk(ChunkBytes).ToList();
        if (chunks.Count > MaxChunks)
        {
            throw new WebhookTooLargeException($"Delivery {deliveryId} compresses to {compressed.Length} bytes; at most {MaxChunks * ChunkBytes} can be stored.");
        }

        entity["Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Body{i}"] = chunks[i];
        }

        try
        {
            await tables.Guard(() => table.AddEntityAsync(entity, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deliveries not yet processed, oldest first, from every partition.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> PendingAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.WebhookInbox, cancellationToken);
        var pending = new List<WebhookDelivery>();
        foreach (var partition in Partitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and State eq {Pending}");
            await tables.Guard(async () =>
            {
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    pending.Add(ToDelivery(entity));
                }

                return 0;
            });
        }

        return pending.OrderBy(d => d.ReceivedAt).ToList();
    }

    /// <summary>One delivery still pending, or null when it is unknown or already processed.</summary>
    public async Task<WebhookDelivery?> GetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.WebhookInbox, cancellationToken);
        var found = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(deliveryId), KeyCodec.Encode(deliveryId), cancellationToken: cancellationToken));
        return found.HasValue && found.Value is { } entity && entity.GetString("State") == Pending ? ToDelivery(entity) : null;
    }

    /// <summary>Marks a delivery processed; call only after its effects are stored.</summary>
    public Task MarkProcessedAsync(string deliveryId, CancellationToken cancellationToken) =>
        MergeAsync(deliveryId, new Dictionary<string, object?> { ["State"] = Done, ["ProcessedAt"] = time.GetUtcNow() }, cancellationToken);

    /// <summary>Records a failed attempt; the delivery stays pending and is retried on the next run.</summary>
    public Task MarkFailedAsync(WebhookDelivery delivery, string reason, CancellationToken cancellationToken) =>
        MergeAsync(delivery.DeliveryId, new Dictionary<string, object?>
        {
            ["Attempts"] = delivery.Attempts + 1,
            ["LastAttemptAt"] = time.GetUtcNow(),
            ["LastError"] = TextLimits.Cap(reason, 1000),
        }, cancellationToken);

    private async Task MergeAsync(string deliveryId, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.WebhookInbox, cancellationToken);
        var entity = new TableEntity(PartitionOf(deliveryId), KeyCodec.Encode(deliveryId));
        foreach (var (key, value) in values)
        {
            entity[key] = value;
        }

        await tables.Guard(() => table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken));
    }

    // Sixteen partitions by the delivery id's first hex digit: a redelivery lands in the same one.
    private static readonly string[] Partitions = Enumerable.Range(0, 16).Select(i => $"inbox-{i:x}").ToArray();

    private static string PartitionOf(string deliveryId)
    {
        var first = deliveryId.Length > 0 ? char.ToLowerInvariant(deliveryId[0]) : '0';
        return char.IsAsciiHexDigit(first) ? $"inbox-{first}" : "inbox-0";
    }

    private static WebhookDelivery ToDelivery(TableEntity entity)
    {
        var chunks = entity.GetInt32("Chunks") ?? 0;
        using var compressed = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            compressed.Write(entity.GetBinary($"Body{i}"));
        }

        return new WebhookDelivery(KeyCodec.Decode(entity.RowKey), entity.GetString("Event") ?? "", entity.GetString("Action"),
            entity.GetString("Repository"), entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            Decompress(compressed.ToArray()), entity.GetInt32("Attempts") ?? 0, entity.GetDateTimeOffset("LastAttemptAt"), entity.GetString("LastError"));
    }

    private static byte[] Compress(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

internal sealed class WebhookTooLargeException(string message) : Exception(message);
