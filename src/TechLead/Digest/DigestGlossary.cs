using System.Text.RegularExpressions;

namespace TechLead.Digest;

/// <summary>
/// The digest's glossary is one line per signal: what the number is, and where it comes from. The full definitions,
/// bounds, notes and sources stay on the dashboard and in docs/signals.md; a weekly email repeats only the gist.
/// </summary>
internal static partial class DigestGlossary
{
    /// <summary>A clause shorter than this is not a definition on its own, so the cut moves on to the next one.</summary>
    private const int MinimumClause = 30;

    /// <summary>
    /// The definition's first sentence without its parentheses and without what follows its first colon or semicolon:
    /// "Share of the week's production deployments followed by a failure: a revert ..." keeps the part before the colon.
    /// </summary>
    public static string OneLine(string definition)
    {
        var end = definition.IndexOf(". ", StringComparison.Ordinal);
        var text = end < 0 ? definition.TrimEnd('.') : definition[..end];
        // Innermost first, so nested parentheses go too.
        for (var previous = ""; previous != text;)
        {
            previous = text;
            text = Parenthesis().Replace(text, "");
        }

        var cut = Clause().Matches(text).FirstOrDefault(m => m.Index >= MinimumClause);
        return (cut is null ? text : text[..cut.Index]).Trim() + ".";
    }

    /// <summary>"DORA 2024: Accelerate State of DevOps Report 2024 ..." reads as "DORA 2024"; the text before the first colon, semicolon or parenthesis.</summary>
    public static string ShortSource(string source)
    {
        var end = ShortSourceEnd().Match(source);
        return (end.Success ? source[..end.Index] : source).Trim();
    }

    [GeneratedRegex(@"\s*\([^()]*\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"[:;]\s", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Clause();

    [GeneratedRegex(@":|;|\s\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ShortSourceEnd();
}
