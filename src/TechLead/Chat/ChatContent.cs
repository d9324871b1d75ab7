namespace TechLead.Chat;

/// <summary>A run of text, linked when <see cref="Url"/> is set. The text may come from people (PR titles, team names): each platform escapes it.</summary>
internal sealed record ChatText(string Text, string? Url = null);

/// <summary>A heading and its lines; each line is one or more runs of text.</summary>
internal sealed record ChatSection(string Heading, IReadOnlyList<IReadOnlyList<ChatText>> Lines);

/// <summary>A number at a glance: a DORA metric's week and its 12-week trend as a sparkline.</summary>
internal sealed record ChatFact(string Name, string Value, string Trend);

/// <summary>
/// One chat message, whatever the platform: a title, a subtitle, sections, facts and links. Slack and Teams render it
/// (<see cref="SlackMessage"/>, <see cref="TeamsMessage"/>) within their own limits and escaping rules.
/// </summary>
internal sealed record ChatContent(string Title, string Subtitle, IReadOnlyList<ChatSection> Sections, IReadOnlyList<ChatFact> Facts, IReadOnlyList<ChatText> Links)
{
    /// <summary>The whole message as plain text: Slack's notification text, and what a reader without cards sees.</summary>
    public string PlainText => string.Join("\n", new[] { Title, Subtitle }
        .Concat(Sections.SelectMany(s => s.Lines.Select(l => $"{s.Heading}: {string.Concat(l.Select(t => t.Text))}")))
        .Concat(Facts.Select(f => $"{f.Name}: {f.Value}")));
}

/// <summary>A text trend: one Unicode block per week, low to high; a week without data is a middle dot.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Of(IReadOnlyList<double?> values)
    {
        var known = values.OfType<double>().ToList();
        if (known.Count == 0)
        {
            return new string('·', values.Count);
        }

        var (low, high) = (known.Min(), known.Max());
        return string.Concat(values.Select(v => v is not { } value ? '·'
            : high == low ? Blocks[3]
            : Blocks[(int)Math.Round((value - low) / (high - low) * (Blocks.Length - 1))]));
    }
}
