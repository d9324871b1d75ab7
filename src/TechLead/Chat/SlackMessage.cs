using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TechLead.Chat;

/// <summary>
/// A <see cref="ChatContent"/> as a Slack incoming-webhook message in Block Kit, inside Slack's documented limits (50
/// blocks a message, 150 characters a header, 3,000 a section text, 10 fields of 2,000, 75 a button label) with every
/// piece of text escaped for mrkdwn (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), so a PR title cannot become a link or a mention.
/// </summary>
internal static class SlackMessage
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtons = 25;
    /// <summary>The notification text; Slack truncates messages past 40,000 characters, a notification needs far less.</summary>
    public const int MaxFallback = 3000;
    private const int MaxLine = 600;

    public static JsonObject Render(ChatContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = Plain(Cap(content.Title, MaxHeader)) },
        };
        if (content.Subtitle.Length > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(Escape(Cap(content.Subtitle, MaxLine)))) });
        }

        if (content.Facts.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(content.Facts.Take(MaxFields)
                    .Select(f => (JsonNode)Markdown(CapEscaped($"*{Escape(f.Name)}*\n{Escape(f.Value)}\n`{Escape(f.Trend)}`", MaxFieldText)))
                    .ToArray()),
            });
        }

        // Leave room for the actions block at the end.
        var room = MaxBlocks - blocks.Count - (content.Links.Count > 0 ? 1 : 0);
        foreach (var section in content.Sections.Take(Math.Max(0, room)))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(SectionText(section)) });
        }

        if (content.Links.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(content.Links.Where(l => l.Url is not null).Take(MaxButtons)
                    .Select(l => (JsonNode)new JsonObject { ["type"] = "button", ["text"] = Plain(Cap(l.Text, MaxButtonText)), ["url"] = l.Url })
                    .ToArray()),
            });
        }

        return new JsonObject
        {
            // The notification text is read as mrkdwn as well.
            ["text"] = CapEscaped(Escape(content.PlainText), MaxFallback),
            ["blocks"] = blocks,
        };
    }

    /// <summary>"*Heading*" and one "• line" per line, stopping (with a count of the rest) before 3,000 characters.</summary>
    private static string SectionText(ChatSection section)
    {
        var text = new StringBuilder($"*{Escape(section.Heading)}*");
        for (var i = 0; i < section.Lines.Count; i++)
        {
            var line = "\n• " + string.Concat(section.Lines[i].Select(Run));
            var rest = section.Lines.Count - i;
            if (text.Length + line.Length > MaxSectionText - 40)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n… and {rest} more");
                break;
            }

            text.Append(line);
        }

        return text.ToString();
    }

    private static string Run(ChatText text) =>
        text.Url is { } url ? $"<{LinkSafe(url)}|{Escape(Cap(text.Text, MaxLine))}>" : Escape(Cap(text.Text, MaxLine));

    /// <summary>Slack's three control characters; everything else in mrkdwn is text.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A URL inside &lt;url|text&gt;: the characters that would end it are percent-encoded.</summary>
    private static string LinkSafe(string url) =>
        url.Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    internal static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    /// <summary>Caps escaped text without cutting an entity in half.</summary>
    private static string CapEscaped(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..(max - 1)];
        var amp = cut.LastIndexOf('&');
        return (amp >= 0 && cut.IndexOf(';', amp) < 0 ? cut[..amp] : cut) + "…";
    }
}
