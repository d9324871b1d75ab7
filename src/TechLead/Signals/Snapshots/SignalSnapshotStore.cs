using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TechLead.Storage;
using TechLead.Team;

namespace TechLead.Signals.Snapshots;

/// <summary>
/// One row per team (PartitionKey) and ISO week (RowKey) in the <c>SignalSnapshots</c> table: the week's report as
/// computed, what it was computed from, and the stale mark ingestion writes. The mark and the report share the row so
/// one ETag orders them: a report is written only over the row (and mark) read before its rows were loaded.
/// </summary>
internal sealed class SignalSnapshotStore(TableStore tables)
{
    public const string Table = "SignalSnapshots";

    // Table Storage caps a string property at 64 KiB (32K UTF-16 chars) and an entity at 1 MiB.
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 14;

    private static readonly JsonSerializerOptions Compact = new(SignalJson.Options) { WriteIndented = false };

    public static string TeamKey(string team) => KeyCodec.Encode(team);

    /// <summary>The stored rows of the team's weeks from <paramref name="first"/> to <paramref name="last"/>, by week.</summary>
    public async Task<IReadOnlyDictionary<IsoWeek, StoredSnapshot>> ReadAsync(string team, IsoWeek first, IsoWeek last, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TeamKey(team)} and RowKey ge {first.ToString()} and RowKey le {last.ToString()}");
        return await tables.Guard(async () =>
        {
            var rows = new Dictionary<IsoWeek, StoredSnapshot>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (!IsoWeek.TryParse(entity.RowKey, out var week))
                {
                    continue;
                }

                try
                {
                    rows[week] = StoredSnapshot.From(entity);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
                {
                    // A damaged snapshot is only a cache: the week is computed again, and health names the row.
                    tables.Unreadable.Seen(Table, entity.PartitionKey, entity.RowKey);
                }
            }

            return rows;
        });
    }

    /// <summary>
    /// Stores the week's report over the row as it was read (<paramref name="read"/>, null when there was none). False,
    /// and nothing written, when the row changed since: a mark (rows stored meanwhile) or another reader got there first.
    /// </summary>
    public async Task<bool> TryWriteAsync(string team, IsoWeek week, StoredSnapshot? read, string fingerprint, SignalReport report, LoadStatistics statistics, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(report, Compact);
        var chunks = json.Chunk(ChunkChars).Select(c => new string(c)).ToArray();
        if (chunks.Length > MaxChunks)
        {
            return false;
        }

        var entity = new TableEntity(TeamKey(team), week.ToString())
        {
            ["Mark"] = read?.Mark ?? "",
            ["MarkedAt"] = read?.MarkedAt,
            ["ComputedMark"] = read?.Mark ?? "",
            ["Fingerprint"] = fingerprint,
            ["ComputedAt"] = computedAt,
            ["RowsRead"] = JsonSerializer.Serialize(statistics.EntitiesRead),
            ["Queries"] = statistics.Queries,
            ["ReportChunks"] = chunks.Length,
        };
        for (var i = 0; i < chunks.Length; i++)
        {
            entity[$"Report{i}"] = chunks[i];
        }

        var table = await tables.GetTableAsync(Table, cancellationToken);
        try
        {
            await tables.Guard(() => read is null
                ? table.AddEntityAsync(entity, cancellationToken)
                : table.UpdateEntityAsync(entity, read.ETag, TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Marks the team's weeks stale: a new mark changes the row's ETag, so a report computed before it is never stored as fresh.</summary>
    public async Task MarkAsync(string team, IEnumerable<IsoWeek> weeks, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var mark = Guid.NewGuid().ToString("N");
        var actions = weeks.Distinct().Order()
            .Select(w => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(TeamKey(team), w.ToString())
            {
                ["Mark"] = mark,
                ["MarkedAt"] = at,
            }))
            .ToList();
        if (actions.Count == 0)
        {
            return;
        }

        var table = await tables.GetTableAsync(Table, cancellationToken);
        foreach (var chunk in actions.Chunk(100))
        {
            await tables.Guard(() => table.SubmitTransactionAsync(chunk, cancellationToken));
        }
    }
}

/// <summary>A snapshot row as read: its ETag, its mark, and the report if one was stored.</summary>
internal sealed record StoredSnapshot(ETag ETag, string Mark, DateTimeOffset? MarkedAt, string? ComputedMark, string? Fingerprint, DateTimeOffset? ComputedAt, string? ReportJson)
{
    /// <summary>Computed with these settings and code, and no rows stored for its week since.</summary>
    public bool IsFreshFor(string fingerprint) =>
        ReportJson is not null && ComputedMark == Mark && string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal);

    /// <summary>The stored report, or null when there is none or it does not read (then the week is computed again).</summary>
    public SignalReport? Report()
    {
        try
        {
            return ReportJson is null ? null : SignalJson.Deserialize(ReportJson);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    internal static StoredSnapshot From(TableEntity entity)
    {
        var chunks = entity.GetInt32("ReportChunks") ?? 0;
        string? json = null;
        if (chunks > 0)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < chunks; i++)
            {
                builder.Append(entity.GetString($"Report{i}"));
            }

            json = builder.ToString();
        }

        return new StoredSnapshot(entity.ETag, entity.GetString("Mark") ?? "", entity.GetDateTimeOffset("MarkedAt"), entity.GetString("ComputedMark"),
            entity.GetString("Fingerprint"), entity.GetDateTimeOffset("ComputedAt"), json);
    }
}
