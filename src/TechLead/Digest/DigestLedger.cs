using Azure;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Digest;

/// <summary>Which weekly digests were sent: one row per team and week, written only after SMTP accepted the mail.</summary>
public sealed class DigestLedger(TableStore tables)
{
    public async Task<DateTimeOffset?> SentAtAsync(string team, string week, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        var row = await TableStore.Guard(tables.Endpoint, () =>
            table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(team), week, cancellationToken: cancellationToken));
        return row.HasValue && row.Value is not null ? row.Value.GetDateTimeOffset("SentAt") : null;
    }

    public async Task RecordAsync(string team, string week, DateTimeOffset sentAt, string messageId, int recipients, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        var entity = new TableEntity(KeyCodec.Encode(team), week)
        {
            ["SentAt"] = sentAt.ToUniversalTime(),
            ["MessageId"] = messageId,
            ["Recipients"] = recipients,
        };
        await TableStore.Guard(tables.Endpoint, () => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }
}
