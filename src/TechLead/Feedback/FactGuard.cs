using System.Globalization;
using System.Text.RegularExpressions;

namespace TechLead.Feedback;

/// <summary>Why a draft was rejected: it stated something the user did not.</summary>
public sealed record FactViolation(string Code, string Token);

/// <summary>
/// "The user's facts are the only facts": a deterministic check that a draft adds no name, number, date, quote,
/// link or interpretation of the person ("you seemed distracted") that is not in the user's input. Conservative on
/// purpose: a capitalised word that is neither the user's nor a common English word counts as a new name, so an honest
/// rephrasing is sometimes rejected, never the reverse.
/// </summary>
internal static partial class FactGuard
{
    public const string AddsName = "adds-name";
    public const string AddsNumber = "adds-number";
    public const string AddsDate = "adds-date";
    public const string AddsQuote = "adds-quote";
    public const string AddsLink = "adds-link";
    public const string AddsInterpretation = "adds-interpretation";

    /// <summary>The rejection codes (for drafts, not findings): a stable interface like the finding codes.</summary>
    public static IReadOnlyList<string> Codes { get; } = [AddsName, AddsNumber, AddsDate, AddsQuote, AddsLink, AddsInterpretation];

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '’', '”'];

    public static IReadOnlyList<FactViolation> Check(string draft, SbiInput input)
    {
        var source = string.Join("\n", input.Situation, input.Behavior, input.Impact);
        var vocabulary = FeedbackText.Words(source).Select(Bare).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var numbers = FeedbackText.Words(source).Select(Lexicon.NumberValue).OfType<long>().ToHashSet();
        if (input.ObservedOn is { } observed)
        {
            // The drafts may state the date the user gave, in words or as ISO.
            foreach (var word in FeedbackText.Words(SbiComposer.Date(observed) + " " + observed.DayOfWeek + " " + observed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            {
                vocabulary.Add(Bare(word));
                if (Lexicon.NumberValue(word) is { } value)
                {
                    numbers.Add(value);
                }
            }
        }

        var violations = new List<FactViolation>();
        void Add(string code, string token)
        {
            if (!violations.Any(v => v.Code == code && string.Equals(v.Token, token, StringComparison.OrdinalIgnoreCase)))
            {
                violations.Add(new FactViolation(code, token));
            }
        }

        foreach (var link in Link().Matches(draft).Select(m => m.Value.TrimEnd(TrailingPunctuation)))
        {
            if (!source.Contains(link, StringComparison.OrdinalIgnoreCase))
            {
                Add(AddsLink, link);
            }
        }

        foreach (var mention in Mention().Matches(draft).Select(m => m.Value.TrimEnd(TrailingPunctuation)))
        {
            if (!source.Contains(mention, StringComparison.OrdinalIgnoreCase))
            {
                Add(AddsName, mention);
            }
        }

        var flatSource = Flat(source);
        foreach (Match quote in Quote().Matches(draft))
        {
            var quoted = quote.Groups["q"].Value;
            if (FeedbackText.WordCount(quoted) >= 2 && !flatSource.Contains(Flat(quoted), StringComparison.OrdinalIgnoreCase))
            {
                Add(AddsQuote, quoted);
            }
        }

        // "You seemed distracted" is a claim about the person: only the user may make it, in their own words.
        foreach (Match interpretation in Lexicon.Interpretation.Matches(draft))
        {
            if (!flatSource.Contains(Flat(interpretation.Value), StringComparison.OrdinalIgnoreCase))
            {
                Add(AddsInterpretation, interpretation.Value);
            }
        }

        foreach (var word in FeedbackText.Words(Link().Replace(draft, " ")))
        {
            var bare = Bare(word);
            if (Lexicon.NumberValue(word) is { } number)
            {
                if (!numbers.Contains(number) && !vocabulary.Contains(bare))
                {
                    Add(AddsNumber, word);
                }
            }
            else if (Lexicon.DateWords.Contains(bare))
            {
                if (!vocabulary.Contains(bare))
                {
                    Add(AddsDate, word);
                }
            }
            else if (char.IsUpper(word[0]) && !IsPronounI(word) && !vocabulary.Contains(bare)
                && !Lexicon.CommonWords.Contains(bare) && !SbiComposer.TemplateWords.Contains(bare))
            {
                Add(AddsName, word);
            }
        }

        return violations;
    }

    private static bool IsPronounI(string word) => word == "I" || word.StartsWith("I'", StringComparison.Ordinal) || word.StartsWith("I’", StringComparison.Ordinal);

    /// <summary>"Priya's" and "Priya" are the same fact.</summary>
    private static string Bare(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? word[..^2] : word;

    private static string Flat(string text) => string.Join(' ', FeedbackText.Words(text));

    [GeneratedRegex(@"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w@])[@#][\w][\w.-]*")]
    private static partial Regex Mention();

    [GeneratedRegex(@"""(?<q>[^""]{3,})""|“(?<q>[^”]{3,})”|‘(?<q>[^’]{3,}\s[^’]*)’")]
    private static partial Regex Quote();
}
