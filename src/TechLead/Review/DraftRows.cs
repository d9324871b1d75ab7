using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using TechLead.Drafting;
using TechLead.Storage;

namespace TechLead.Review;

/// <summary>
/// How a <see cref="DraftRecord"/> is stored as a row of <see cref="Tables.Drafts"/>: the record's small fields as JSON
/// in <c>Data</c>, its long texts (payload, documents, edited text) split across numbered columns.
/// </summary>
internal static class DraftRows
{
    public const string Partition = "drafts";

    // Table Storage strings are at most 64 KiB (32K UTF-16 characters); long texts are split across columns.
    private const int ColumnChars = 30_000;
    private const int MaxColumnsPerText = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions ReadJson = StoredJson.Reading(Json);

    public static TableEntity ToEntity(DraftRecord draft)
    {
        var entity = new TableEntity(Partition, KeyCodec.Encode(draft.Id))
        {
            ["Kind"] = draft.Kind,
            ["Status"] = draft.Status.ToStoredString(),
            ["Repository"] = draft.Repository,
            ["CreatedAt"] = draft.CreatedAt.ToUniversalTime(),
            ["ExpiresAt"] = draft.ExpiresAt.ToUniversalTime(),
            ["Data"] = JsonSerializer.Serialize(draft with { PayloadJson = "", Documents = [], EditedText = null }, Json),
        };
        Tables.AddTime(entity, "NextAttemptAt", draft.NextAttemptAt);
        WriteText(entity, "Payload", draft.PayloadJson);
        WriteText(entity, "Documents", draft.Documents.Count == 0 ? "" : JsonSerializer.Serialize(draft.Documents, Json));
        WriteText(entity, "Edited", draft.EditedText ?? "");
        return entity;
    }

    public static DraftRecord FromEntity(TableEntity entity)
    {
        var data = entity.GetString("Data") ?? "null";
        var draft = JsonSerializer.Deserialize<DraftRecord>(data, ReadJson)
            ?? throw new InvalidOperationException($"Draft row {entity.RowKey} has no data.");

        // Rows written before usage was one field carry its fields at the top level, under the same names.
        if (ReferenceEquals(draft.Usage, DraftUsage.None))
        {
            draft = draft with { Usage = JsonSerializer.Deserialize<DraftUsage>(data, ReadJson) ?? DraftUsage.None };
        }

        var documents = ReadText(entity, "Documents");
        var edited = ReadText(entity, "Edited");
        draft = draft with
        {
            PayloadJson = ReadText(entity, "Payload"),
            Documents = documents.Length == 0 ? [] : JsonSerializer.Deserialize<List<DraftDocument>>(documents, ReadJson) ?? [],
            EditedText = edited.Length == 0 ? null : edited,
            ETag = entity.ETag.ToString(),
        };

        // The reader lets a null list element through ("findings": [null]); every page that renders the draft would fail on it.
        return StoredJson.NullInside(draft) is { } problem ? throw new UnreadableRowException(problem) : draft;
    }

    private static void WriteText(TableEntity entity, string column, string text)
    {
        var parts = (text.Length + ColumnChars - 1) / ColumnChars;
        if (parts > MaxColumnsPerText)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{column} of a draft is {text.Length} characters; the limit is {MaxColumnsPerText * ColumnChars}."));
        }

        for (var i = 0; i < parts; i++)
        {
            entity[string.Create(CultureInfo.InvariantCulture, $"{column}{i}")] = text.Substring(i * ColumnChars, Math.Min(ColumnChars, text.Length - (i * ColumnChars)));
        }
    }

    private static string ReadText(TableEntity entity, string column)
    {
        var builder = new StringBuilder();
        for (var i = 0; entity.GetString(string.Create(CultureInfo.InvariantCulture, $"{column}{i}")) is { } part; i++)
        {
            builder.Append(part);
        }

        return builder.ToString();
    }
}

/// <summary>A row whose JSON maps but holds a null where the record has none; the message names the field, never its text.</summary>
internal sealed class UnreadableRowException(string message) : Exception(message);
