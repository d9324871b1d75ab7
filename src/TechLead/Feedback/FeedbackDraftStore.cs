using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Feedback;

/// <summary>A draft the user asked to keep for follow-up: their input and the drafts, nothing else.</summary>
public sealed record KeptFeedback(
    string Id,
    DateTimeOffset CreatedAt,
    SbiInput Input,
    IReadOnlyList<KeptDraft> Drafts,
    IReadOnlyList<string> FindingCodes)
{
    /// <summary>When it is deleted (Feedback:KeepDays after it was kept); it is unreadable from then on.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>One kept draft in its author's list: no feedback text, just enough to open or delete it.</summary>
public sealed record KeptFeedbackSummary(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Kind);

public sealed record KeptDraft(string Style, string Drafter, string Text);

/// <summary>
/// Table "FeedbackDrafts": one row per kept draft, PartitionKey = its author (<see cref="Access.Caller.OwnerKey"/>),
/// RowKey = id, so every read and delete names the author and nobody else's row can be reached. Feedback text is
/// personal data: written only when the user sets keep, deleted on request, and deleted Feedback:KeepDays after.
/// </summary>
public sealed class FeedbackDraftStore(TableStore tables, TimeProvider time, IOptions<FeedbackOptions> options)
{
    public const string Table = "FeedbackDrafts";

    /// <summary>The RowKey of the first layout (PartitionKey = id, no author): such rows belong to nobody and are purged.</summary>
    private const string OwnerlessRow = "sbi";

    private TimeSpan KeepFor => TimeSpan.FromDays(options.Value.KeepDays);

    public DateTimeOffset ExpiryOf(DateTimeOffset createdAt) => createdAt + KeepFor;

    public async Task SaveAsync(string owner, KeptFeedback kept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var input = kept.Input;
        var entity = new TableEntity(KeyCodec.Encode(owner), kept.Id)
        {
            ["CreatedAt"] = kept.CreatedAt.ToUniversalTime(),
            ["Kind"] = SbiInput.Name(input.Kind),
            ["Audience"] = SbiInput.Name(input.Audience),
            ["Tone"] = SbiInput.Name(input.Tone),
            ["Language"] = input.Language,
            ["ObservedOn"] = input.ObservedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Situation"] = input.Situation,
            ["Behavior"] = input.Behavior,
            ["Impact"] = input.Impact,
            ["FindingCodes"] = string.Join(' ', kept.FindingCodes),
            ["DraftCount"] = kept.Drafts.Count,
        };
        for (var i = 0; i < kept.Drafts.Count; i++)
        {
            entity[$"Draft{i}Style"] = kept.Drafts[i].Style;
            entity[$"Draft{i}Drafter"] = kept.Drafts[i].Drafter;
            entity[$"Draft{i}Text"] = kept.Drafts[i].Text;
        }

        var table = await tables.GetTableAsync(Table, cancellationToken);
        await tables.Guard(() => table.AddEntityAsync(entity, cancellationToken));
    }

    /// <summary>The author's kept draft, or null when there is none of theirs with that id (or it has expired).</summary>
    public async Task<KeptFeedback?> GetAsync(string owner, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var row = await tables.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(owner), id, cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        try
        {
            return IsExpired(row.Value) ? null : Read(row.Value, id);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            // A damaged row reads as absent (never a 500) and is named in /api/health; it is left as it is.
            tables.Unreadable.Seen(Table, row.Value.PartitionKey, row.Value.RowKey);
            return null;
        }
    }

    private KeptFeedback Read(TableEntity entity, string id)
    {
        var drafts = Enumerable.Range(0, entity.GetInt32("DraftCount") ?? 0)
            .Select(i => new KeptDraft(entity.GetString($"Draft{i}Style") ?? "", entity.GetString($"Draft{i}Drafter") ?? "", entity.GetString($"Draft{i}Text") ?? ""))
            .ToList();
        var input = new SbiInput
        {
            Kind = Enum.Parse<FeedbackKind>(entity.GetString("Kind") ?? nameof(FeedbackKind.Constructive), ignoreCase: true),
            Audience = Enum.Parse<FeedbackAudience>(entity.GetString("Audience") ?? nameof(FeedbackAudience.Peer), ignoreCase: true),
            Tone = Enum.Parse<FeedbackTone>(entity.GetString("Tone") ?? nameof(FeedbackTone.Direct), ignoreCase: true),
            Language = entity.GetString("Language") ?? "en",
            ObservedOn = entity.GetString("ObservedOn") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Situation = entity.GetString("Situation") ?? "",
            Behavior = entity.GetString("Behavior") ?? "",
            Impact = entity.GetString("Impact") ?? "",
            Keep = true,
        };
        var codes = (entity.GetString("FindingCodes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var createdAt = CreatedAt(entity);
        return new KeptFeedback(id, createdAt, input, drafts, codes) { ExpiresAt = ExpiryOf(createdAt) };
    }

    /// <summary>The author's kept drafts, newest first, without their text.</summary>
    public async Task<IReadOnlyList<KeptFeedbackSummary>> ListAsync(string owner, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyCodec.Encode(owner)}");
        return await tables.Guard(async () =>
        {
            var kept = new List<KeptFeedbackSummary>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "CreatedAt", "Kind"], cancellationToken: cancellationToken))
            {
                try
                {
                    if (!IsExpired(row))
                    {
                        kept.Add(new KeptFeedbackSummary(row.RowKey, CreatedAt(row), ExpiryOf(CreatedAt(row)), row.GetString("Kind") ?? ""));
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    // A column of the wrong type: the row is skipped here and named in /api/health.
                    tables.Unreadable.Seen(Table, owner, row.RowKey);
                }
            }

            return (IReadOnlyList<KeptFeedbackSummary>)kept.OrderByDescending(k => k.CreatedAt).ToList();
        });
    }

    /// <summary>Deletes the author's kept draft; false when they have none with that id.</summary>
    public async Task<bool> DeleteAsync(string owner, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var response = await tables.Guard(() => table.DeleteEntityAsync(KeyCodec.Encode(owner), id, ETag.All, cancellationToken));
        return response.Status != 404;
    }

    /// <summary>Deletes every kept draft past Feedback:KeepDays, and rows of the first layout that name no author.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var cutoff = time.GetUtcNow() - KeepFor;
        var filter = TableClient.CreateQueryFilter($"CreatedAt le {cutoff} or RowKey eq {OwnerlessRow}");
        return await tables.Guard(async () =>
        {
            var deleted = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }

            return deleted;
        });
    }

    private bool IsExpired(TableEntity row) => ExpiryOf(CreatedAt(row)) <= time.GetUtcNow();

    private static DateTimeOffset CreatedAt(TableEntity row) => row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
}
