using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TechLead.Drafting;

namespace TechLead.Adr;

/// <summary>
/// Summarises one ADR: the fields exactly as the file states them ("not stated" otherwise), one sentence
/// "In the context of ..., we decided ..., accepting ..." and the findings. The sentence is a template from the file's
/// own words; with a language model configured, the model may rephrase it (and only it), citing the ADR's id.
/// </summary>
public sealed class AdrSummarizer
{
    private readonly ILanguageModel model;
    private readonly DraftGuardrails guardrails;
    private readonly TokenCounter tokens;
    private readonly IOptions<AdrOptions> options;
    private readonly TimeProvider time;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal AdrSummarizer(
        ILanguageModel model,
        DraftGuardrails guardrails,
        TokenCounter tokens,
        IOptions<AdrOptions> options,
        TimeProvider time)
    {
        this.model = model;
        this.guardrails = guardrails;
        this.tokens = tokens;
        this.options = options;
        this.time = time;
    }

    public const string NotStated = "not stated";
    private const int FieldLimit = 1500;
    private const int SentenceLimit = 600;

    private const string Instructions =
        "You summarise one architecture decision record (ADR) for a busy tech lead. For the ADR in the data, write one sentence "
        + "of the form \"In the context of <situation>, we decided <decision>, accepting <downsides>.\" using only facts in the data. "
        + "If the data gives no downsides, write \"accepting downsides that are not stated\". Cite the ADR by copying its id into \"adr\".";

    private const string Schema = """
        {"type":"object","properties":{"summaries":{"type":"array","items":{"type":"object","properties":{"adr":{"type":"string"},"sentence":{"type":"string"}},"required":["adr","sentence"],"additionalProperties":false}}},"required":["summaries"],"additionalProperties":false}
        """;

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The findings a reviewer should see, from the file alone and from the other ADRs of the repository.</summary>
    public IReadOnlyList<DraftFinding> Check(AdrDocument adr, IReadOnlyList<AdrDocument> siblings)
    {
        ArgumentNullException.ThrowIfNull(adr);
        ArgumentNullException.ThrowIfNull(siblings);
        var findings = new List<DraftFinding>();
        if (adr.Format == AdrFormat.Unrecognised)
        {
            findings.Add(new(FindingCodes.UnrecognisedFormat,
                $"{adr.Path} matches no known ADR format (Leveling Up as a Tech Lead, Nygard, MADR, log4brains); found: {string.Join("; ", adr.Found)}."));
            return findings;
        }

        if (adr.Bad.Count == 0 && adr.Unclassified.Count == 0)
        {
            findings.Add(new(FindingCodes.NoNegativeConsequences, $"{adr.Id} states no negative consequences; every decision has a cost worth writing down."));
        }
        else if (adr.Bad.Count == 0)
        {
            findings.Add(new(FindingCodes.ConsequencesNotClassified, $"{adr.Id} does not mark its consequences as good or bad; check that the downsides are stated."));
        }

        if (adr.IsSuperseded && adr.SupersededBy.Count == 0)
        {
            findings.Add(new(FindingCodes.SupersededWithoutBackLink, $"{adr.Id} is marked superseded but does not name the ADR that supersedes it."));
        }

        foreach (var sibling in siblings.Where(s => !string.Equals(s.Path, adr.Path, StringComparison.Ordinal)))
        {
            if (sibling.Supersedes.Contains(adr.Id, StringComparer.OrdinalIgnoreCase) && !adr.SupersededBy.Contains(sibling.Id, StringComparer.OrdinalIgnoreCase))
            {
                findings.Add(new(FindingCodes.SupersededWithoutBackLink, $"{sibling.Id} says it supersedes {adr.Id}, but {adr.Id} does not point to {sibling.Id}."));
            }

            if (adr.Supersedes.Contains(sibling.Id, StringComparer.OrdinalIgnoreCase) && !sibling.SupersededBy.Contains(adr.Id, StringComparer.OrdinalIgnoreCase))
            {
                findings.Add(new(FindingCodes.SupersededWithoutBackLink, $"{adr.Id} supersedes {sibling.Id}, but {sibling.Id} does not point back to {adr.Id}."));
            }
        }

        if (adr.IsAccepted && adr.DateValue is { } date)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (date.AddMonths(options.Value.ReviewAfterMonths) < today)
            {
                var months = ((today.Year - date.Year) * 12) + today.Month - date.Month;
                findings.Add(new(FindingCodes.AcceptedButOld,
                    string.Create(CultureInfo.InvariantCulture, $"{adr.Id} was accepted {months} months ago ({date:yyyy-MM-dd}); check that the decision still holds (Adr:ReviewAfterMonths={options.Value.ReviewAfterMonths}).")));
            }
        }

        return findings;
    }

    /// <summary>The template sentence, from the file's own words.</summary>
    public static string TemplateSentence(AdrDocument adr)
    {
        ArgumentNullException.ThrowIfNull(adr);
        var context = FirstSentence(adr.Context) ?? "(context not stated)";
        var decision = adr.Decision is null ? "(decision not stated)" : Decided(FirstSentence(adr.Decision)!);
        var accepting = adr.Bad.Count > 0 ? string.Join("; ", adr.Bad.Select(b => Lower(TrimEnd(b))))
            : adr.Unclassified.Count > 0 ? FirstSentence(adr.Unclassified[0])!
            : "downsides that are not stated";
        return $"In the context of {Lower(context)}, we decided {decision}, accepting {Lower(accepting)}.";
    }

    /// <summary>Summary of one ADR; offline (template sentence) unless a language model is configured and allowed.</summary>
    public async Task<DraftOutcome> SummariseAsync(AdrDocument adr, IReadOnlyList<AdrDocument> siblings, bool allowLanguageModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adr);
        var findings = new List<DraftFinding>(Check(adr, siblings));
        var template = TemplateSentence(adr);
        var ledger = new DraftCallLedger();
        var useModel = allowLanguageModel && model.IsConfigured && adr.Format != AdrFormat.Unrecognised;
        var sentence = template;

        var request = Request(adr, findings);
        ledger.Estimate(tokens.CountInput(request));
        if (useModel)
        {
            var result = await model.CompleteJsonAsync(request, cancellationToken);
            ledger.Record(result);
            if (!result.Succeeded)
            {
                return ledger.Outcome([], findings, DrafterKinds.AzureOpenAi);
            }

            sentence = Rephrased(adr, result.Json!, request.DataJson, findings) ?? template;
        }
        else if (adr.Format != AdrFormat.Unrecognised)
        {
            findings.Add(new(FindingCodes.DraftedOffline, DrafterKinds.OfflineNotice));
        }

        return ledger.Outcome([Document(adr, sentence, useModel)], findings, useModel ? DrafterKinds.AzureOpenAi : DrafterKinds.Offline);
    }

    /// <summary>The call's input: the cleaned fields as a data block. Exposed for token measurements.</summary>
    public LanguageModelRequest Request(AdrDocument adr, ICollection<DraftFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(adr);
        var data = new
        {
            adr = new
            {
                id = adr.Id,
                title = guardrails.CleanInput(adr.Title, 300, $"{adr.Id} title", findings),
                status = adr.Status ?? NotStated,
                context = guardrails.CleanInput(adr.Context, FieldLimit, $"{adr.Id} context", findings),
                decision = guardrails.CleanInput(adr.Decision, FieldLimit, $"{adr.Id} decision", findings),
                options = adr.Options.Select((o, i) => guardrails.CleanInput(o, 300, $"{adr.Id} option {i + 1}", findings)).ToList(),
                goodConsequences = adr.Good.Select((g, i) => guardrails.CleanInput(g, 300, $"{adr.Id} good consequence {i + 1}", findings)).ToList(),
                badConsequences = adr.Bad.Select((b, i) => guardrails.CleanInput(b, 300, $"{adr.Id} bad consequence {i + 1}", findings)).ToList(),
                otherConsequences = adr.Unclassified.Select((u, i) => guardrails.CleanInput(u, 600, $"{adr.Id} consequences {i + 1}", findings)).ToList(),
            },
        };
        return new LanguageModelRequest("adr-summary", Instructions, DraftGuardrails.DataJson(data), "adr_summary", Schema, 400);
    }

    private string? Rephrased(AdrDocument adr, string json, string input, List<DraftFinding> findings)
    {
        AdrAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<AdrAnswer>(json, ReadOptions);
        }
        catch (JsonException)
        {
            answer = null;
        }

        var kept = DraftGuardrails.KeepCited(answer?.Summaries ?? [], s => s.Adr, new HashSet<string>([adr.Id], StringComparer.OrdinalIgnoreCase), findings);
        var sentence = kept.Count == 0 ? "" : guardrails.CleanOutput(kept[0].Sentence, SentenceLimit, $"{adr.Id} summary", findings);
        if (!sentence.StartsWith("In the context of", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new(FindingCodes.ItemNotRephrased, $"The model gave no usable summary sentence for {adr.Id}; the template sentence is shown."));
            return null;
        }

        var invented = DraftGuardrails.NumbersNotIn(sentence, input);
        if (invented.Count > 0)
        {
            findings.Add(new(FindingCodes.NumberNotInInput, $"The model's sentence for {adr.Id} contained numbers not in the ADR ({string.Join(", ", invented)}); the template sentence is shown."));
            return null;
        }

        return sentence;
    }

    private static DraftDocument Document(AdrDocument adr, string sentence, bool byModel)
    {
        var reference = new DraftReference[] { new(adr.Id) };
        static DraftLine Stated(string? value) => new(string.IsNullOrWhiteSpace(value) ? NotStated : value);
        static List<DraftLine> List(IReadOnlyList<string> values) => values.Count == 0 ? [new(NotStated)] : values.Select(v => new DraftLine(v)).ToList();

        if (adr.Format == AdrFormat.Unrecognised)
        {
            return new DraftDocument
            {
                Title = $"{adr.Id}: unrecognised format",
                Notice = "This file matches no known ADR format; nothing below is a summary, only what could be found.",
                Sections = [new("What could be found", adr.Found.Select(f => new DraftLine(f)).ToList())],
            };
        }

        var sections = new List<DraftSection>
        {
            new("Summary", [new DraftLine(sentence, reference)]),
            new("Status", [Stated(adr.Status)]),
            new("Date", [Stated(adr.Date)]),
            new("Options considered", List(adr.Options)),
            new("Decision", [Stated(adr.Decision)]),
            new("Good consequences", List(adr.Good)),
            new("Bad consequences", List(adr.Bad)),
        };
        if (adr.Unclassified.Count > 0)
        {
            sections.Add(new("Consequences not marked good or bad", List(adr.Unclassified)));
        }

        if (adr.Notes.Count > 0)
        {
            sections.Add(new("Notes", List(adr.Notes)));
        }

        sections.Add(new("Supersedes", adr.SupersedesNone ? [new DraftLine("none")] : List(adr.Supersedes)));
        sections.Add(new("Superseded by", List(adr.SupersededBy)));
        sections.Add(new("Source", [new DraftLine($"{adr.Path} ({FormatName(adr.Format)} format)")]));
        return new DraftDocument
        {
            Title = $"{adr.Id}: {adr.Title ?? NotStated}",
            Notice = byModel ? "Summary sentence drafted by a language model from the fields below; the fields are the file's own words." : DrafterKinds.OfflineNotice,
            Sections = sections,
        };
    }

    public static string FormatName(AdrFormat format) => format switch
    {
        AdrFormat.Book => "Leveling Up as a Tech Lead",
        AdrFormat.Nygard => "Nygard/adr-tools",
        AdrFormat.Madr => "MADR",
        AdrFormat.Log4brains => "log4brains",
        _ => "unrecognised",
    };

    private static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var paragraph = text.Split("\n\n")[0].Trim();
        var end = paragraph.IndexOf(". ", StringComparison.Ordinal);
        return TrimEnd(end > 0 ? paragraph[..end] : paragraph);
    }

    private static string Decided(string decision)
    {
        var text = decision.Trim();
        foreach (var prefix in (string[])["We will ", "We'll ", "We decided to ", "We decide to "])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return "to " + text[prefix.Length..];
            }
        }

        return text.StartsWith("Chosen option:", StringComparison.OrdinalIgnoreCase) ? "on " + text["Chosen option:".Length..].Trim() : Lower(text);
    }

    private static string TrimEnd(string text) => text.Trim().TrimEnd('.', ';', ',', ':').Trim();

    // Lower-cases the first letter so the part reads inside the sentence, unless the first word has more capitals ("PostgreSQL", "CI").
    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) && !text.Split(' ')[0].Skip(1).Any(char.IsUpper)
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;

    private sealed record AdrAnswer([property: JsonPropertyName("summaries")] IReadOnlyList<AdrSentence>? Summaries);

    private sealed record AdrSentence([property: JsonPropertyName("adr")] string? Adr, [property: JsonPropertyName("sentence")] string? Sentence);
}
