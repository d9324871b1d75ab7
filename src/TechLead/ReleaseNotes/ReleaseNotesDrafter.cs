using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TechLead.Drafting;

namespace TechLead.ReleaseNotes;

/// <summary>
/// Turns a <see cref="ReleaseNotesSkeleton"/> into two documents, technical and business ("Leveling Up as a Tech Lead"
/// by A. Fiser, ch. 10: reframe as business value). The structure, order, counts and PR numbers come from the skeleton;
/// a language model, when configured, only rephrases the items it is given, in chunks that fit
/// <c>Drafting:MaxInputTokensPerCall</c>.
/// </summary>
internal sealed class ReleaseNotesDrafter(
    ILanguageModel model,
    DraftGuardrails guardrails,
    TokenCounter tokens,
    IOptions<DraftingOptions> drafting)
{
    private const int TitleLimit = 300;
    private const int BodyLimit = 300;
    private const int OutputLimit = 300;

    private const string Instructions =
        "You rewrite release-note items for two audiences. For every item in the data write two single lines: "
        + "\"technical\": for engineers, what changed, in plain words, without the PR number; "
        + "\"business\": for non-technical stakeholders, what the change means for customers or the business (reframe it as business value "
        + "and relate it to goals such as reliability, speed, cost or customer experience), without inventing facts, numbers or promises. "
        + "Return exactly one entry per input item with \"pr\" set to that item's pr number. Do not add, merge or drop items.";

    private const string Schema = """
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"pr":{"type":"integer"},"technical":{"type":"string"},"business":{"type":"string"}},"required":["pr","technical","business"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """;

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    public async Task<DraftOutcome> DraftAsync(ReleaseNotesSkeleton skeleton, bool allowLanguageModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        var findings = new List<DraftFinding>();
        var ledger = new DraftCallLedger();
        var chunks = Chunks(skeleton, findings);
        var useModel = allowLanguageModel && model.IsConfigured && chunks.Count > 0;
        var texts = new Dictionary<int, (string Technical, string Business)>();
        foreach (var chunk in chunks)
        {
            ledger.Estimate(chunk.EstimatedTokens);
            if (!useModel)
            {
                continue;
            }

            var result = await model.CompleteJsonAsync(chunk.Request, cancellationToken);
            ledger.Record(result);
            if (!result.Succeeded)
            {
                return ledger.Outcome([], findings, DrafterKinds.AzureOpenAi);
            }

            foreach (var (number, text) in Rephrased(chunk, result.Json!, findings))
            {
                texts[number] = text;
            }
        }

        if (!useModel)
        {
            findings.Add(new(FindingCodes.DraftedOffline, DrafterKinds.OfflineNotice));
        }
        else
        {
            foreach (var missing in skeleton.Items.Where(i => !texts.ContainsKey(i.Number)))
            {
                findings.Add(new(FindingCodes.ItemNotRephrased, $"The model gave no usable text for #{missing.Number}; the PR title is shown instead."));
            }
        }

        var unlabelled = skeleton.Sections.FirstOrDefault(s => s.Title == ReleaseNotesSkeleton.NeedsLabelTitle);
        if (unlabelled is not null)
        {
            findings.Add(new(FindingCodes.NeedsLabel, string.Create(CultureInfo.InvariantCulture,
                $"{unlabelled.Items.Count} PRs have no category label or conventional-commit type ({string.Join(", ", unlabelled.Items.Select(i => $"#{i.Number}"))}); label them or move them by hand.")));
        }

        var notice = useModel
            ? "Items rephrased by a language model from the PR titles and descriptions; sections, order and PR numbers are computed. Review before sharing."
            : DrafterKinds.OfflineNotice;
        if (skeleton.FromSampleData)
        {
            notice += " Built from SAMPLE data, not from your repositories.";
        }

        return ledger.Outcome(
            [Technical(skeleton, texts, notice, findings), Business(skeleton, texts, notice, findings)],
            findings,
            useModel ? DrafterKinds.AzureOpenAi : DrafterKinds.Offline);
    }

    public sealed record Chunk(IReadOnlyList<ReleaseNoteItem> Items, LanguageModelRequest Request, int EstimatedTokens, string InputText);

    /// <summary>
    /// The calls the drafter makes: items in order, each chunk as large as fits the input-token budget and
    /// <c>Drafting:MaxItemsPerCall</c>. Cleaning the input here also records the input findings (injection, secrets).
    /// </summary>
    public IReadOnlyList<Chunk> Chunks(ReleaseNotesSkeleton skeleton, ICollection<DraftFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        var budget = drafting.Value.MaxInputTokensPerCall;
        var chunks = new List<Chunk>();
        var current = new List<(ReleaseNoteItem Item, object Data, string Text)>();
        Chunk? fitted = null;
        foreach (var (item, section) in skeleton.Sections.SelectMany(s => s.Items.Select(i => (i, s))))
        {
            var data = ItemData(item, section, findings, out var text);
            current.Add((item, data, text));
            var candidate = Build(skeleton, current);
            if (current.Count > 1 && (candidate.EstimatedTokens > budget || current.Count > drafting.Value.MaxItemsPerCall))
            {
                chunks.Add(fitted!);
                current = [(item, data, text)];
                candidate = Build(skeleton, current);
            }

            fitted = candidate;
        }

        if (fitted is not null)
        {
            chunks.Add(fitted);
        }

        return chunks;
    }

    private Chunk Build(ReleaseNotesSkeleton skeleton, List<(ReleaseNoteItem Item, object Data, string Text)> items)
    {
        var data = new { repository = skeleton.Repository.ToString(), items = items.Select(i => i.Data).ToList() };
        var maxOutput = Math.Min(drafting.Value.MaxOutputTokens, 200 + (90 * items.Count));
        var request = new LanguageModelRequest("release-notes", Instructions, DraftGuardrails.DataJson(data), "release_notes", Schema, maxOutput);
        return new Chunk(items.Select(i => i.Item).ToList(), request, tokens.CountInput(request), string.Join('\n', items.Select(i => i.Text)));
    }

    private object ItemData(ReleaseNoteItem item, ReleaseNoteSection section, ICollection<DraftFinding> findings, out string text)
    {
        var field = $"PR #{item.Number}";
        var title = guardrails.CleanInput(item.Title, TitleLimit, $"{field} title", findings);
        var body = guardrails.CleanInput(item.Body, BodyLimit, $"{field} description", findings);
        text = string.Join(' ', item.Number.ToString(CultureInfo.InvariantCulture), title, body, string.Join(' ', item.Labels));
        return new { pr = item.Number, section = section.Title, breaking = item.Breaking, title, description = body };
    }

    private IEnumerable<(int Number, (string Technical, string Business) Text)> Rephrased(Chunk chunk, string json, List<DraftFinding> findings)
    {
        ReleaseAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<ReleaseAnswer>(json, ReadOptions);
        }
        catch (JsonException)
        {
            answer = null;
        }

        var ids = chunk.Items.Select(i => i.Number.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var kept = DraftGuardrails.KeepCited(answer?.Items ?? [], a => a.Pr?.ToString(CultureInfo.InvariantCulture), ids, findings);
        foreach (var entry in kept)
        {
            var number = entry.Pr!.Value;
            var field = $"PR #{number}";
            var technical = guardrails.CleanOutput(entry.Technical, OutputLimit, $"{field} technical text", findings);
            var business = guardrails.CleanOutput(entry.Business, OutputLimit, $"{field} business text", findings);
            if (technical.Length == 0 || business.Length == 0)
            {
                continue;
            }

            var invented = DraftGuardrails.NumbersNotIn(technical + " " + business, chunk.InputText);
            if (invented.Count > 0)
            {
                findings.Add(new(FindingCodes.NumberNotInInput,
                    $"The model's text for #{number} contained numbers not in the PR ({string.Join(", ", invented)}); the PR title is shown instead."));
                continue;
            }

            yield return (number, (technical, business));
        }
    }

    private DraftDocument Technical(ReleaseNotesSkeleton skeleton, Dictionary<int, (string Technical, string Business)> texts, string notice, List<DraftFinding> findings)
    {
        var sections = skeleton.Sections
            .Select(s => new DraftSection(s.Title, s.Items.Select(i => Line(skeleton, i, texts.TryGetValue(i.Number, out var t) ? t.Technical : TemplateTechnical(i, findings))).ToList()))
            .ToList();
        if (skeleton.BotUpdates.Count > 0)
        {
            sections.Add(new("Dependency updates", [BotLine(skeleton, $"{(skeleton.BotUpdates.Count == 1 ? "1 dependency update" : string.Create(CultureInfo.InvariantCulture, $"{skeleton.BotUpdates.Count} dependency updates"))} by {string.Join(", ", skeleton.BotAuthors)}")]));
        }

        var leftOut = skeleton.DroppedReverts
            .Select(r => new DraftLine("Merged and reverted within this release", [Reference(skeleton, r.Reverted), Reference(skeleton, r.Revert)]))
            .Concat(skeleton.Excluded.Select(n => new DraftLine("Excluded by label", [Reference(skeleton, n)])))
            .ToList();
        if (leftOut.Count > 0)
        {
            sections.Add(new("Left out", leftOut));
        }

        return new DraftDocument { Title = $"{skeleton.Repository}: release notes {Range(skeleton)}", Notice = notice, Sections = sections };
    }

    private DraftDocument Business(ReleaseNotesSkeleton skeleton, Dictionary<int, (string Technical, string Business)> texts, string notice, List<DraftFinding> findings)
    {
        // Computed, never written by the model (ADR 0004: numbers are computed; the model may only rephrase).
        var counts = skeleton.Sections
            .GroupBy(s => s.BusinessTitle, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Items.Count)}"))
            .Concat(skeleton.BotUpdates.Count > 0 ? [string.Create(CultureInfo.InvariantCulture, $"Dependency updates {skeleton.BotUpdates.Count}")] : []);
        var total = skeleton.Items.Count() + skeleton.BotUpdates.Count;
        var overview = new DraftSection("Overview",
        [
            new DraftLine(string.Create(CultureInfo.InvariantCulture, $"This release brings {Changes(total)} ({string.Join(", ", counts)}).")),
        ]);
        var sections = skeleton.Sections
            .GroupBy(s => s.BusinessTitle, StringComparer.Ordinal)
            .Select(g => new DraftSection(g.Key, g.SelectMany(s => s.Items)
                .Select(i => Line(skeleton, i, texts.TryGetValue(i.Number, out var t) ? t.Business : TemplateBusiness(i, findings))).ToList()))
            .Prepend(overview)
            .ToList();
        if (skeleton.BotUpdates.Count > 0)
        {
            sections.Add(new("Keeping components current", [BotLine(skeleton, skeleton.BotUpdates.Count == 1 ? "A third-party component was updated to a supported version" : string.Create(CultureInfo.InvariantCulture, $"{skeleton.BotUpdates.Count} third-party components were updated to supported versions"))]));
        }

        return new DraftDocument { Title = $"{skeleton.Repository}: what's new {Range(skeleton)}", Notice = notice, Sections = sections };
    }

    private string TemplateTechnical(ReleaseNoteItem item, List<DraftFinding> findings)
    {
        var subject = guardrails.CleanOutput(item.Subject, OutputLimit, $"PR #{item.Number} title", findings);
        return item.Scope is { Length: > 0 } scope ? $"{subject} ({guardrails.CleanOutput(scope, 60, $"PR #{item.Number} scope", findings)})" : subject;
    }

    private string TemplateBusiness(ReleaseNoteItem item, List<DraftFinding> findings) =>
        guardrails.CleanOutput(item.Subject, OutputLimit, $"PR #{item.Number} title", findings);

    private DraftLine Line(ReleaseNotesSkeleton skeleton, ReleaseNoteItem item, string text) => new(text, [Reference(skeleton, item.Number)]);

    private DraftLine BotLine(ReleaseNotesSkeleton skeleton, string text) =>
        new(text, skeleton.BotUpdates.Select(b => Reference(skeleton, b.Number)).ToList());

    private DraftReference Reference(ReleaseNotesSkeleton skeleton, int number) =>
        new(string.Create(CultureInfo.InvariantCulture, $"#{number}"),
            new Uri(drafting.Value.GitHubWebUrl, string.Create(CultureInfo.InvariantCulture, $"{skeleton.Repository.Owner}/{skeleton.Repository.Name}/pull/{number}")));

    private static string Changes(int count) => count == 1 ? "1 change" : string.Create(CultureInfo.InvariantCulture, $"{count} changes");

    private static string Range(ReleaseNotesSkeleton skeleton) =>
        skeleton.PreviousTag is { Length: > 0 } tag
            ? $"since {tag}"
            : string.Create(CultureInfo.InvariantCulture, $"since {skeleton.Since:yyyy-MM-dd}");

    private sealed record ReleaseAnswer([property: JsonPropertyName("items")] IReadOnlyList<ReleaseAnswerItem>? Items);

    private sealed record ReleaseAnswerItem(
        [property: JsonPropertyName("pr")] int? Pr,
        [property: JsonPropertyName("technical")] string? Technical,
        [property: JsonPropertyName("business")] string? Business);
}
