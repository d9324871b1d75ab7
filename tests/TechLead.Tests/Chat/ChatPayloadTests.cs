using System.Text;
using System.Text.Json.Nodes;
using TechLead.Chat;

namespace TechLead.Tests.Chat;

/// <summary>The Slack and Teams payloads: inside each platform's documented limits, with people's text escaped as each requires.</summary>
public sealed class ChatPayloadTests
{
    /// <summary>A PR title written to break out: Slack mentions and links, Markdown emphasis and links, an HTML tag.</summary>
    private const string Hostile = "Fix <!channel> & <@U024BE7LH> <https://evil.example|click> **urgent** [x](https://evil.example) <b>bold</b>";

    private static ChatContent Content(int lines = 3, int lineLength = 40, string? text = null) => new(
        "Weekly summary for Payments & <Search>, 2026-W47",
        "8 deployments on 4 days",
        [
            new ChatSection("Needs you", Enumerable.Range(0, lines).Select(i =>
                (IReadOnlyList<ChatText>)[new ChatText("Stale PRs: "), new ChatText(text ?? new string('x', lineLength), "https://github.com/octo-org/api/issues/" + i)]).ToList()),
            new ChatSection("One win", [[new ChatText("Change lead time fell.")]]),
        ],
        [new ChatFact("Deployment frequency", "8 deployments/week", Sparkline.Of([1, 2, 3]))],
        [new ChatText("Open the dashboard", "https://techlead.example/?team=Payments")]);

    [Fact]
    public void Sparklines_scale_each_week_between_the_lowest_and_highest_and_mark_weeks_without_data()
    {
        // 0..7 fill the eight blocks in order; a constant series sits in the middle; null is a dot.
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Of([0, 1, 2, 3, 4, 5, 6, 7]));
        Assert.Equal("▄▄▄", Sparkline.Of([5, 5, 5]));
        // 10 is halfway: 0.5 * 7 = 3.5, which rounds (to even) to block 4, "▅".
        Assert.Equal("▁·▅█", Sparkline.Of([0, null, 10, 20]));
        Assert.Equal("···", Sparkline.Of([null, null, null]));
    }

    [Fact]
    public void Slack_escapes_ampersand_and_angle_brackets_in_every_text_so_no_mention_or_link_can_be_injected()
    {
        var message = SlackMessage.Render(Content(lines: 1, text: Hostile));

        var section = MarkdownTexts(message).Single(t => t.StartsWith("*Needs you*", StringComparison.Ordinal));
        Assert.Contains("|Fix &lt;!channel&gt; &amp; &lt;@U024BE7LH&gt; &lt;https://evil.example|click&gt; **urgent** [x](https://evil.example) &lt;b&gt;bold&lt;/b&gt;>", section, StringComparison.Ordinal);
        Assert.Contains("<https://github.com/octo-org/api/issues/0|", section, StringComparison.Ordinal);
        // The notification text is read as mrkdwn too; the header is plain_text, which Slack shows as written.
        Assert.StartsWith("Weekly summary for Payments &amp; &lt;Search&gt;, 2026-W47", (string)message["text"]!, StringComparison.Ordinal);
        // The only unescaped '<' in any mrkdwn text opens a link this code wrote.
        Assert.All(MarkdownTexts(message), t => Assert.All(t.Split('<').Skip(1), part => Assert.StartsWith("https://github.com/", part, StringComparison.Ordinal)));
    }

    [Fact]
    public void Slack_stays_within_blocks_per_message_and_characters_per_section_with_the_rest_counted()
    {
        var message = SlackMessage.Render(Content(lines: 200, lineLength: 500));

        var blocks = message["blocks"]!.AsArray();
        Assert.True(blocks.Count <= 50);
        Assert.All(MarkdownTexts(message), t => Assert.True(t.Length <= 3000, $"{t.Length} characters"));
        var needs = MarkdownTexts(message).Single(t => t.StartsWith("*Needs you*", StringComparison.Ordinal));
        var shown = needs.Split('\n').Count(l => l.StartsWith("• ", StringComparison.Ordinal));
        Assert.EndsWith($"… and {200 - shown} more", needs, StringComparison.Ordinal);
        Assert.True((string)blocks[0]!["text"]!["text"]! is { Length: <= 150 });
        Assert.True(((string)message["text"]!).Length <= 3000);
    }

    [Fact]
    public void Teams_gets_an_adaptive_card_1_5_in_the_workflows_envelope_with_all_text_in_text_runs_that_do_not_read_markdown()
    {
        var message = TeamsMessage.Render(Content(lines: 1, text: Hostile));

        Assert.Equal("message", (string)message["type"]!);
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string)card["type"]!);
        Assert.Equal("1.5", (string)card["version"]!);
        var types = Descendants(card).Select(n => (string?)n["type"]).OfType<string>().ToHashSet();
        Assert.DoesNotContain("TextBlock", types); // TextBlock reads Markdown; TextRun does not
        Assert.DoesNotContain("FactSet", types);
        var runs = Descendants(card).Where(n => (string?)n["type"] == "TextRun").Select(n => (string)n["text"]!).ToList();
        Assert.Contains(Hostile, runs); // shown exactly as typed
        var link = Descendants(card).Single(n => (string?)n["type"] == "TextRun" && (string)n["text"]! == Hostile);
        Assert.Equal("https://github.com/octo-org/api/issues/0", (string)link["selectAction"]!["url"]!);
    }

    [Fact]
    public void Teams_messages_stay_under_28_KB_by_dropping_lines_and_saying_how_many()
    {
        var message = TeamsMessage.Render(Content(lines: 300, lineLength: 500));

        Assert.True(Encoding.UTF8.GetByteCount(message.ToJsonString()) <= 28 * 1024);
        var runs = Descendants(message).Where(n => (string?)n["type"] == "TextRun").Select(n => (string)n["text"]!).ToList();
        var shown = runs.Count(r => r.StartsWith("xxxx", StringComparison.Ordinal));
        Assert.InRange(shown, 20, 299);
        Assert.Contains($"… and {300 - shown} more", runs);
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(o),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };

    private static IEnumerable<string> MarkdownTexts(JsonObject message) =>
        Descendants(message).Where(o => (string?)o["type"] == "mrkdwn").Select(o => (string)o["text"]!);
}
