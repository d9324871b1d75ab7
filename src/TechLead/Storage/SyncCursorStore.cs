using Azure.Data.Tables;

namespace TechLead.Storage;

/// <summary>A position in a source (a timestamp, a page token) plus the ETag of the last answer.</summary>
internal sealed record SyncCursor(string Value, string? ETag, DateTimeOffset UpdatedAt);

/// <summary>
/// Cursors per source, scope (repository, project) and resource. Callers move a cursor only after the data
/// behind it is stored, so a crash mid-run repeats work instead of losing it.
/// </summary>
internal sealed class SyncCursorStore(TableStore tables)
{
    public async Task<SyncCursor?> GetAsync(string source, string scope, string resource, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.SyncCursors, cancellationToken);
        var response = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(source), RowKey(scope, resource), cancellationToken: cancellationToken));
        if (!response.HasValue || response.Value is null)
        {
            return null;
        }

        var entity = response.Value;
        return new SyncCursor(entity.GetString("Value") ?? "", entity.GetString("ETag"), entity.GetDateTimeOffset("CursorUpdatedAt") ?? entity.Timestamp ?? DateTimeOffset.MinValue);
    }

    public async Task SetAsync(string source, string scope, string resource, SyncCursor cursor, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.SyncCursors, cancellationToken);
        var entity = new TableEntity(KeyCodec.Encode(source), RowKey(scope, resource))
        {
            ["Value"] = cursor.Value,
            ["ETag"] = cursor.ETag,
            ["CursorUpdatedAt"] = cursor.UpdatedAt.ToUniversalTime(),
        };
        await tables.Guard(() => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    private static string RowKey(string scope, string resource) => KeyCodec.Encode($"{scope}|{resource}");
}
