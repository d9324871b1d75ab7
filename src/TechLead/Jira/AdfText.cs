using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TechLead.Jira;

/// <summary>
/// Plain text from a v3 description (Atlassian Document Format: a JSON tree of nodes with <c>text</c> leaves) or a
/// v2 description (a wiki-markup string), capped. Links found in it (link marks, inline cards) are kept separately:
/// they are how a work item names its GitHub pull requests.
/// </summary>
internal static partial class AdfText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "paragraph", "heading", "listItem", "codeBlock", "blockquote", "panel", "rule", "tableRow",
    };

    public static (string Text, IReadOnlyList<string> Links) Extract(JsonElement? description, int maxLength)
    {
        var text = new StringBuilder();
        var links = new List<string>();
        if (description is { ValueKind: JsonValueKind.String } s)
        {
            text.Append(s.GetString());
        }
        else if (description is { ValueKind: JsonValueKind.Object } document)
        {
            Walk(document, text, links, maxLength);
        }

        var plain = Whitespace().Replace(text.ToString(), " ").Trim();
        links.AddRange(Urls().Matches(plain).Select(m => m.Value));
        return (plain.Length <= maxLength ? plain : string.Concat(plain.AsSpan(0, maxLength - 1), "…"), links.Distinct(StringComparer.Ordinal).ToList());
    }

    private static void Walk(JsonElement node, StringBuilder text, List<string> links, int maxLength)
    {
        if (text.Length > maxLength * 2)
        {
            return;
        }

        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "text" && node.TryGetProperty("text", out var leaf) && leaf.ValueKind == JsonValueKind.String)
        {
            text.Append(leaf.GetString());
        }
        else if (type == "hardBreak")
        {
            text.Append(' ');
        }

        if (node.TryGetProperty("marks", out var marks) && marks.ValueKind == JsonValueKind.Array)
        {
            foreach (var mark in marks.EnumerateArray())
            {
                if (Href(mark) is { } href)
                {
                    links.Add(href);
                }
            }
        }

        if (type is "inlineCard" or "blockCard" && node.TryGetProperty("attrs", out var attrs)
            && attrs.ValueKind == JsonValueKind.Object && attrs.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
        {
            links.Add(url.GetString()!);
            text.Append(url.GetString());
        }

        if (node.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in content.EnumerateArray())
            {
                Walk(child, text, links, maxLength);
            }
        }

        if (type is not null && Blocks.Contains(type))
        {
            text.Append('\n');
        }
    }

    private static string? Href(JsonElement mark) =>
        mark.ValueKind == JsonValueKind.Object
        && mark.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "link"
        && mark.TryGetProperty("attrs", out var attrs) && attrs.ValueKind == JsonValueKind.Object
        && attrs.TryGetProperty("href", out var href) && href.ValueKind == JsonValueKind.String
            ? href.GetString()
            : null;

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"https?://[^\s\]\)|""<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex Urls();
}
