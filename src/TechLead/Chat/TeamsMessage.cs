using System.Text;
using System.Text.Json.Nodes;

namespace TechLead.Chat;

/// <summary>
/// A <see cref="ChatContent"/> as an Adaptive Card (schema 1.5, which Teams renders) in the message envelope a Teams
/// Workflows "when a webhook request is received" flow posts. All text is in RichTextBlock TextRuns, which do not
/// read Markdown, so a PR title like <c>**urgent** [x](http://evil)</c> shows as typed. The serialized message stays
/// under Teams' 28 KB message limit: lines are dropped from the end of the longest section until it fits.
/// </summary>
internal static class TeamsMessage
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";
    /// <summary>Teams' documented limit is 28 KB for the whole message; a little is kept back for the envelope the flow adds.</summary>
    public const int MaxBytes = 27 * 1024;
    private const int MaxLine = 600;

    public static JsonObject Render(ChatContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sections = content.Sections.Select(s => s.Lines.ToList()).ToList();
        var dropped = new int[sections.Count];
        while (true)
        {
            var message = Envelope(Card(content, sections, dropped));
            var longest = sections.Select((lines, i) => (lines.Count, i)).Max();
            if (Encoding.UTF8.GetByteCount(message.ToJsonString()) <= MaxBytes || longest.Count == 0)
            {
                return message;
            }

            sections[longest.i].RemoveAt(sections[longest.i].Count - 1);
            dropped[longest.i]++;
        }
    }

    /// <summary>The Workflows envelope: a message with the card as its one attachment.</summary>
    public static JsonObject Envelope(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = CardContentType,
            ["contentUrl"] = null,
            ["content"] = card,
        }),
    };

    private static JsonObject Card(ChatContent content, List<List<IReadOnlyList<ChatText>>> sections, int[] dropped)
    {
        var body = new JsonArray
        {
            Rich([Run(content.Title, r => { r["size"] = "Large"; r["weight"] = "Bolder"; })]),
        };
        if (content.Subtitle.Length > 0)
        {
            body.Add(Rich([Run(content.Subtitle, r => r["isSubtle"] = true)], spacing: "None"));
        }

        if (content.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var fact in content.Facts)
            {
                facts.Add(Rich(
                [
                    Run(fact.Name + "  ", r => r["weight"] = "Bolder"),
                    Run(fact.Value + "  "),
                    Run(fact.Trend, r => r["fontType"] = "Monospace"),
                ], spacing: "Small"));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = facts });
        }

        for (var i = 0; i < sections.Count; i++)
        {
            var items = new JsonArray { Rich([Run(content.Sections[i].Heading, r => r["weight"] = "Bolder")]) };
            foreach (var line in sections[i])
            {
                items.Add(Rich([Run("• "), .. line.Select(LinkedRun)], spacing: "Small"));
            }

            if (dropped[i] > 0)
            {
                items.Add(Rich([Run($"… and {dropped[i]} more", r => r["isSubtle"] = true)], spacing: "Small"));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (content.Links.Any(l => l.Url is not null))
        {
            card["actions"] = new JsonArray(content.Links.Where(l => l.Url is not null)
                .Select(l => (JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = SlackMessage.Cap(l.Text, 40), ["url"] = l.Url })
                .ToArray());
        }

        return card;
    }

    private static JsonObject Rich(JsonNode[] inlines, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(inlines) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static JsonObject Run(string text, Action<JsonObject>? style = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = SlackMessage.Cap(text, MaxLine) };
        style?.Invoke(run);
        return run;
    }

    private static JsonNode LinkedRun(ChatText text) => text.Url is { } url
        ? Run(text.Text, r =>
        {
            r["color"] = "Accent";
            r["underline"] = true;
            r["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = url };
        })
        : Run(text.Text);
}
