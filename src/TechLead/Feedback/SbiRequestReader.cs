using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TechLead.Feedback;

/// <summary>A request read: the input, or every problem found (field name to messages, as in RFC 9457 "errors").</summary>
internal sealed record SbiRequestResult(SbiInput? Input, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool IsValid => Input is not null;
}

/// <summary>
/// Reads the JSON body of <c>POST /api/feedback/sbi</c> and lists every problem at once. Messages name the field
/// and the rule, never the user's text.
/// </summary>
internal static partial class SbiRequestReader
{
    private static readonly string[] Fields = ["kind", "situation", "behavior", "impact", "observedOn", "audience", "tone", "language", "keep"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["behaviour"] = "behavior",
        ["observed_on"] = "observedOn",
        ["date"] = "observedOn",
        ["when"] = "observedOn",
        ["type"] = "kind",
        ["store"] = "keep",
        ["save"] = "keep",
        ["lang"] = "language",
    };

    public static SbiRequestResult Read(ReadOnlyMemory<byte> body, int maxPartLength, DateOnly today)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Problem(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
            {
                problems[field] = list = [];
            }

            list.Add(message);
        }

        // Some clients start UTF-8 with a byte order mark; the JSON reader does not accept one.
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.IsEmpty)
        {
            Problem("$", "The body is empty: send a JSON object with kind, situation, behavior and impact.");
            return Result(null, problems);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            Problem("$", $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).");
            return Result(null, problems);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "The body must be a JSON object with kind, situation, behavior and impact.");
                return Result(null, problems);
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (!root.EnumerateObject().All(p => TryString(p, out _)))
            {
                Problem("$", "A field name is not valid text (invalid UTF-8 or an unpaired \\u escape).");
                return Result(null, problems);
            }

            foreach (var property in root.EnumerateObject())
            {
                var field = Fields.FirstOrDefault(f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    // A known misspelling is named by our own spelling of it; anything else is the caller's text and is not repeated.
                    var alias = Aliases.Keys.FirstOrDefault(a => a.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                    Problem(alias ?? "$", alias is null
                        ? $"An unknown field was sent. The fields are: {string.Join(", ", Fields)}."
                        : $"Unknown field. Did you mean '{Aliases[alias]}'? The fields are: {string.Join(", ", Fields)}.");
                }
                else if (!values.TryAdd(field, property.Value))
                {
                    Problem(field, "Appears more than once.");
                }
            }

            var kind = Choice<FeedbackKind>(values, "kind", required: true, Problem);
            var situation = Part(values, "situation", maxPartLength, Problem, out var situationHidden);
            var behavior = Part(values, "behavior", maxPartLength, Problem, out var behaviorHidden);
            var impact = Part(values, "impact", maxPartLength, Problem, out var impactHidden);
            var observedOn = ObservedOn(values, today, Problem);
            var audience = Choice<FeedbackAudience>(values, "audience", required: false, Problem);
            var tone = Choice<FeedbackTone>(values, "tone", required: false, Problem);
            var language = Language(values, Problem);
            var keep = Keep(values, Problem);

            if (problems.Count > 0)
            {
                return Result(null, problems);
            }

            var hidden = new HashSet<SbiPart>();
            if (situationHidden)
            {
                hidden.Add(SbiPart.Situation);
            }

            if (behaviorHidden)
            {
                hidden.Add(SbiPart.Behavior);
            }

            if (impactHidden)
            {
                hidden.Add(SbiPart.Impact);
            }

            return Result(new SbiInput
            {
                Kind = kind!.Value,
                Situation = situation!,
                Behavior = behavior!,
                Impact = impact!,
                ObservedOn = observedOn,
                Audience = audience ?? FeedbackAudience.Peer,
                Tone = tone ?? FeedbackTone.Direct,
                Language = language,
                Keep = keep,
                HiddenCharactersRemoved = hidden,
            }, problems);
        }
    }

    private static string? Part(Dictionary<string, JsonElement> values, string field, int maxLength, Action<string, string> problem, out bool hiddenRemoved)
    {
        hiddenRemoved = false;
        if (!values.TryGetValue(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problem(field, $"Is required: {Describe(field)}.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem(field, $"Must be a string: {Describe(field)}.");
            return null;
        }

        if (!TryString(value, out var raw))
        {
            problem(field, NotText);
            return null;
        }

        if (raw.Length > maxLength)
        {
            problem(field, $"Is {raw.Length} characters long; the limit is {maxLength}.");
            return null;
        }

        var text = FeedbackText.Sanitize(raw, out hiddenRemoved);
        if (text.Length == 0)
        {
            problem(field, $"Is empty: {Describe(field)}.");
            return null;
        }

        return text;
    }

    private static string Describe(string field) => field switch
    {
        "situation" => "when and where it happened, e.g. \"During yesterday's sprint planning meeting\"",
        "behavior" => "what the person did or said, as you observed it",
        _ => "what it did to you and to the team or the work",
    };

    private static T? Choice<T>(Dictionary<string, JsonElement> values, string field, bool required, Action<string, string> problem)
        where T : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        if (!values.TryGetValue(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problem(field, $"Is required: one of {allowed}.");
            }

            return null;
        }

        if (TryString(value, out var text) && Enum.TryParse<T>(text, ignoreCase: true, out var parsed)
            && Enum.GetNames<T>().Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)))
        {
            return parsed;
        }

        problem(field, $"Must be one of {allowed}.");
        return null;
    }

    private static DateOnly? ObservedOn(Dictionary<string, JsonElement> values, DateOnly today, Action<string, string> problem)
    {
        if (!values.TryGetValue("observedOn", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!TryString(value, out var text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem("observedOn", "Must be a date as yyyy-MM-dd, e.g. \"2025-03-14\".");
            return null;
        }

        // One day of slack: the author may be a time zone ahead of the team.
        if (date > today.AddDays(1))
        {
            problem("observedOn", "Is in the future: give the date the behaviour happened.");
            return null;
        }

        return date;
    }

    private static string Language(Dictionary<string, JsonElement> values, Action<string, string> problem)
    {
        if (!values.TryGetValue("language", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "en";
        }

        var text = TryString(value, out var raw) ? raw.Trim() : null;
        if (text is not null && text.Equals("english", StringComparison.OrdinalIgnoreCase))
        {
            return "en";
        }

        if (text is null || text.Length > 35 || !LanguageTag().IsMatch(text))
        {
            problem("language", "Must be a BCP 47 language tag such as \"en\", \"en-GB\" or \"de\".");
            return "en";
        }

        return text;
    }

    private static bool Keep(Dictionary<string, JsonElement> values, Action<string, string> problem)
    {
        if (!values.TryGetValue("keep", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problem("keep", "Must be true or false.");
        return false;
    }

    private const string NotText = "Is not valid text (invalid UTF-8 or an unpaired \\u escape).";

    /// <summary>A JSON string as .NET text; false for other kinds and for strings .NET cannot represent (lone surrogates, bad UTF-8).</summary>
    private static bool TryString(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryString(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>An unknown field's name is echoed as the problem key: cap it and keep it printable.</summary>
    private static SbiRequestResult Result(SbiInput? input, Dictionary<string, List<string>> problems) =>
        new(input, problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
