using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TechLead.Feedback;

/// <summary>A stretch of a text: offsets, not a copy.</summary>
internal readonly record struct Segment(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>Sentences, clauses, tidying and span rewrites for feedback text. Pure functions; no text leaves them.</summary>
internal static partial class FeedbackText
{
    /// <summary>
    /// Removes characters a reader cannot see but a language model can (zero-width, bidirectional controls, Unicode
    /// tags, other format and control characters) and tidies whitespace. Reports whether anything hidden was removed.
    /// </summary>
    public static string Sanitize(string raw, out bool hiddenRemoved)
    {
        hiddenRemoved = false;
        var normalized = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format || (category is UnicodeCategory.Control && rune.Value is not '\n' and not '\t'))
            {
                hiddenRemoved = true;
            }
            else if (Rune.IsWhiteSpace(rune) && rune.Value != '\n')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return Spaces().Replace(BlankLines().Replace(builder.ToString(), "\n"), " ").Trim();
    }

    /// <summary>Sentences: ended by . ! ? (and any closing quotes or brackets) before whitespace, or by a line break.</summary>
    public static IReadOnlyList<Segment> Sentences(string text)
    {
        var sentences = new List<Segment>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (start < 0)
            {
                if (!char.IsWhiteSpace(c))
                {
                    start = i;
                }
                else
                {
                    continue;
                }
            }

            if (c == '\n')
            {
                Add(sentences, text, start, i);
                start = -1;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < text.Length && (text[end] is '.' or '!' or '?' or '"' or '\'' or '’' or '”' or ')' or ']'))
                {
                    end++;
                }

                if (end >= text.Length || char.IsWhiteSpace(text[end]))
                {
                    Add(sentences, text, start, end);
                    start = -1;
                    i = end - 1;
                }
            }
        }

        if (start >= 0)
        {
            Add(sentences, text, start, text.Length);
        }

        return sentences;
    }

    /// <summary>Sentences, each further cut before "but", "however", "although", "though" or "yet".</summary>
    public static IReadOnlyList<Segment> Clauses(string text)
    {
        var clauses = new List<Segment>();
        foreach (var sentence in Sentences(text))
        {
            var start = sentence.Start;
            foreach (Match turn in Turn().Matches(text, sentence.Start))
            {
                if (turn.Index >= sentence.End)
                {
                    break;
                }

                if (turn.Index > start)
                {
                    Add(clauses, text, start, turn.Index);
                    start = turn.Index + turn.Length;
                }
            }

            Add(clauses, text, start, sentence.End);
        }

        return clauses;
    }

    public static Segment SentenceAround(string text, int index) =>
        Sentences(text).FirstOrDefault(s => index >= s.Start && index < s.End, new Segment(0, text.Length));

    public static int WordCount(string text) => Word().Count(text);

    public static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    /// <summary>Words of at least three letters that are not function words: what makes a sentence specific.</summary>
    public static int ContentWordCount(string text) =>
        Word().Matches(text).Count(m => m.Length >= 3 && !Lexicon.CommonWords.Contains(m.Value));

    /// <summary>
    /// Puts <paramref name="replacement"/> in place of each span (right to left, overlapping spans skipped), then
    /// tidies what is left: a deletion at the start of a sentence also takes a dangling "but"/"and" with it.
    /// </summary>
    public static string Replace(string text, IEnumerable<(Segment Span, string Replacement)> edits)
    {
        var result = text;
        var lastStart = int.MaxValue;
        foreach (var (span, replacement) in edits.OrderByDescending(e => e.Span.Start))
        {
            if (span.End > lastStart || span.End > result.Length)
            {
                continue;
            }

            result = string.Concat(result.AsSpan(0, span.Start), replacement, result.AsSpan(span.End));
            lastStart = span.Start;
            if (replacement.Length == 0 && AtSentenceStart(result, span.Start))
            {
                var dangling = Dangling().Match(result, span.Start);
                if (dangling.Success && dangling.Index == span.Start)
                {
                    result = result.Remove(span.Start, dangling.Length);
                }
            }
        }

        return Tidy(result);
    }

    /// <summary>Collapses spaces, removes spaces before punctuation and empty punctuation, capitalises sentence starts.</summary>
    public static string Tidy(string text)
    {
        var tidy = Spaces().Replace(text, " ");
        tidy = SpaceBeforePunctuation().Replace(tidy, "$1");
        tidy = RepeatedComma().Replace(tidy, ",");
        tidy = CommaBeforeStop().Replace(tidy, "$1");
        tidy = LeadingPunctuation().Replace(tidy, "");
        tidy = SentenceStart().Replace(tidy, m => m.Groups[1].Value + char.ToUpperInvariant(m.Groups[2].Value[0]));
        return tidy.Trim();
    }

    public static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    public static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or '…' or '"' or '”' or ')';

    public static string WithFullStop(string text) => text.Length == 0 || EndsSentence(text) ? text : text.TrimEnd(',', ';', ':', ' ') + ".";

    private static bool AtSentenceStart(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i < 0 || text[i] is '.' or '!' or '?' or '\n';
    }

    private static void Add(List<Segment> segments, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            segments.Add(new Segment(start, end - start));
        }
    }

    [GeneratedRegex(@"[ ]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@",?\s+(?=(?:but|however|although|though|yet)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Turn();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’]\p{L}+)*(?:-[\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\G[\s,;:]*(?:(?:but|and|so|however|although|though|yet)\b[\s,]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Dangling();

    [GeneratedRegex(@" +([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@",(?:\s*,)+")]
    private static partial Regex RepeatedComma();

    [GeneratedRegex(@"[,;:]+([.!?])")]
    private static partial Regex CommaBeforeStop();

    [GeneratedRegex(@"^[\s,;:]+")]
    private static partial Regex LeadingPunctuation();

    [GeneratedRegex(@"([.!?][""'’”)]*\s+)(\p{Ll})")]
    private static partial Regex SentenceStart();
}
