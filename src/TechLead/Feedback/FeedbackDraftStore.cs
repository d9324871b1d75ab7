using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Feedback;

/// <summary>A draft the user asked to keep for follow-up: their input and the drafts, nothing else.</summary>
public sealed record KeptFeedback(
    string Id,
    DateTimeOffset CreatedAt,
    SbiInput Input,
    IReadOnlyList<KeptDraft> Drafts,
    IReadOnlyList<string> FindingCodes);

public sealed record KeptDraft(string Style, string Drafter, string Text);

/// <summary>
/// Table "FeedbackDrafts": one row per kept draft (PartitionKey = id, so a delete touches exactly one row).
/// Feedback text is personal data: it is written only when the user sets keep, and deleted on request.
/// </summary>
public sealed class FeedbackDraftStore(TableStore tables)
{
    public const string Table = "FeedbackDrafts";
    private const string Row = "sbi";

    public async Task SaveAsync(KeptFeedback kept, CancellationToken cancellationToken)
    {
        var input = kept.Input;
        var entity = new TableEntity(kept.Id, Row)
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
        await TableStore.Guard(tables.Endpoint, () => table.AddEntityAsync(entity, cancellationToken));
    }

    public async Task<KeptFeedback?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var row = await TableStore.Guard(tables.Endpoint, () => table.GetEntityIfExistsAsync<TableEntity>(id, Row, cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var entity = row.Value;
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
        return new KeptFeedback(id, entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, input, drafts, codes);
    }

    /// <summary>Deletes a kept draft; false when there was none with that id.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var response = await TableStore.Guard(tables.Endpoint, () => table.DeleteEntityAsync(id, Row, ETag.All, cancellationToken));
        return response.Status != 404;
    }
}
