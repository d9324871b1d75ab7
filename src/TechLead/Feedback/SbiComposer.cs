using System.Globalization;

namespace TechLead.Feedback;

/// <summary>The drafts' own words (never facts), and how parts become one text.</summary>
internal static class SbiComposer
{
    /// <summary>The open question "Leveling Up as a Tech Lead" (A. Fiser) suggests (ch. 5).</summary>
    public const string OpenQuestionDirect = "How do you think we can address this?";
    public const string OpenQuestionWarm = "What do you think we could do differently?";
    public const string KeepDoingDirect = "Please keep doing that.";
    public const string KeepDoingWarm = "Thank you, and please keep doing that.";
    public const string WarmOpeningConstructive = "I'd like to share something I noticed.";
    public const string WarmOpeningPositive = "I wanted to say thank you for something I noticed.";

    /// <summary>Every word the templates use: the fact guard allows them in drafts.</summary>
    internal static readonly IReadOnlyCollection<string> TemplateWords =
        new[] { OpenQuestionDirect, OpenQuestionWarm, KeepDoingDirect, KeepDoingWarm, WarmOpeningConstructive, WarmOpeningPositive, "On" }
            .SelectMany(FeedbackText.Words).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>"3 March 2025": how a draft states observedOn.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Opening, then "situation, behaviour." (one sentence when the situation is a phrase), impact, closing.</summary>
    public static string Compose(SbiParts parts, string opening = "")
    {
        var sentences = new List<string>();
        if (opening.Length > 0)
        {
            sentences.Add(FeedbackText.WithFullStop(opening));
        }

        var situation = FeedbackText.Capitalize(parts.Situation.Trim());
        var behavior = parts.Behavior.Trim();
        if (situation.Length == 0 || FeedbackText.EndsSentence(situation))
        {
            sentences.Add(situation);
            sentences.Add(FeedbackText.Capitalize(FeedbackText.WithFullStop(behavior)));
        }
        else
        {
            sentences.Add(FeedbackText.WithFullStop(situation.TrimEnd(',', ';', ':', ' ', '-', '—') + ", " + LowerFirstWord(behavior)));
        }

        sentences.Add(FeedbackText.Capitalize(FeedbackText.WithFullStop(parts.Impact.Trim())));
        sentences.Add(parts.Closing.Trim());
        return string.Join(" ", sentences.Where(s => s.Length > 0));
    }

    /// <summary>Lowers "You" or "During" so a phrase can continue a sentence; never a name or "I".</summary>
    internal static string LowerFirstWord(string text)
    {
        var first = FeedbackText.Words(text).FirstOrDefault();
        return first is null || !text.StartsWith(first, StringComparison.Ordinal) || first == "I" || first.StartsWith("I'", StringComparison.Ordinal)
            || first.StartsWith("I’", StringComparison.Ordinal) || !Lexicon.CommonWords.Contains(first) || !char.IsUpper(first[0]) || first.Skip(1).Any(char.IsUpper)
            ? text
            : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
