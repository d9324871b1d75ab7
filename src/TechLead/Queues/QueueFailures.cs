using Azure;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Queues;

/// <summary>A message in a poison queue: what it was about and, when recorded, why its last attempt failed.</summary>
internal sealed record PoisonedWork(string Queue, string Subject, string? Reason, int? Attempts, DateTimeOffset? FailedAt);

/// <summary>
/// The last failure of each subject's work (table <c>QueueFailures</c>), written on every failed attempt and removed
/// when the work succeeds. The Functions host moves a message to the poison queue without saying why; this row is the why.
/// </summary>
internal sealed class QueueFailures(TableStore tables, WorkQueues queues, IEnumerable<IQueueHandler> handlers, TimeProvider time)
{
    // Enough to name every poisoned repository of a large organisation; Peek returns at most 32 per call.
    private const int PeekLimit = 32;

    public async Task RecordAsync(string queue, string subject, string reason, long attempt, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.QueueFailures, cancellationToken);
        var row = new TableEntity(KeyCodec.Encode(queue), Key(subject))
        {
            ["Subject"] = subject,
            ["Reason"] = TextLimits.Cap(reason, 1000),
            ["Attempts"] = (int)Math.Min(attempt, int.MaxValue),
            ["FailedAt"] = time.GetUtcNow(),
        };
        await tables.Guard(() => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task ClearAsync(string queue, string subject, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.QueueFailures, cancellationToken);
        await tables.Guard(() => table.DeleteEntityAsync(KeyCodec.Encode(queue), Key(subject), ETag.All, cancellationToken));
    }

    /// <summary>What the poison queues hold now, each with the reason recorded for its subject.</summary>
    public async Task<IReadOnlyList<PoisonedWork>> PoisonedAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.QueueFailures, cancellationToken);
        var poisoned = new List<PoisonedWork>();
        foreach (var handler in handlers.DistinctBy(h => h.Queue))
        {
            var poison = await queues.GetQueueAsync(QueueNames.Poison(handler.Queue), cancellationToken);
            var messages = await queues.Guard(() => poison.PeekMessagesAsync(PeekLimit, cancellationToken));
            foreach (var message in messages.Value.DistinctBy(m => m.MessageText, StringComparer.Ordinal))
            {
                string subject;
                try
                {
                    subject = handler.Subject(message.MessageText);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    poisoned.Add(new PoisonedWork(handler.Queue, "(unreadable message)", null, null, message.InsertedOn));
                    continue;
                }

                var row = await tables.Guard(() =>
                    table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(handler.Queue), Key(subject), cancellationToken: cancellationToken));
                var failure = row.HasValue ? row.Value : null;
                poisoned.Add(new PoisonedWork(handler.Queue, subject, failure?.GetString("Reason"), failure?.GetInt32("Attempts"), failure?.GetDateTimeOffset("FailedAt")));
            }
        }

        return poisoned;
    }

    private static string Key(string subject) => KeyCodec.Encode(subject.ToLowerInvariant());
}
