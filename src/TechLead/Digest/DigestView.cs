using TechLead.Overview;

namespace TechLead.Digest;

// The model the templates read (Digest/Templates/*.liquid). Plain strings and lists only: every figure is already
// formatted with its unit, and the templates encode everything they print.

internal sealed record DigestView
{
    public required string Subject { get; init; }
    public required string Team { get; init; }
    public required string Week { get; init; }
    public required string Period { get; init; }
    public required bool IsSample { get; init; }
    public required string Preheader { get; init; }
    public required string Delivery { get; init; }
    public required IReadOnlyList<MoveView> Moves { get; init; }
    public int BaselineWeeks => SignalMoves.BaselineWeeks;
    public required IReadOnlyList<AttentionView> Attention { get; init; }
    public required string Win { get; init; }
    public required IReadOnlyList<ChartView> Charts { get; init; }
    public required int ChartWeeks { get; init; }
    public required IReadOnlyList<GroupView> Groups { get; init; }
    /// <summary>Empty when a dashboard is configured: the names link to the definitions there instead.</summary>
    public required IReadOnlyList<GlossaryGroupView> Glossary { get; init; }
    /// <summary>The performance levels as their own block, when there is no glossary to carry them.</summary>
    public required IReadOnlyList<TierView> Tiers { get; init; }
    public required string CannotTell { get; init; }
    public required string Repositories { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public string? DashboardUrl { get; init; }
}

/// <summary>"Change lead time up (worse): 5.2 days; usually 2.1 to 3.4 days" (the range of the 8 weeks before, or says over how many).</summary>
internal sealed record MoveView(string Headline, string Verdict, string Value, string Usual);

/// <summary><see cref="Note"/> is what the items share (how to open them), empty when nothing.</summary>
internal sealed record AttentionView(string Title, int Count, IReadOnlyList<LinkView> Items, int More, string Note);

internal sealed record LinkView(string Text, string Detail, string? Url);

/// <summary>
/// A chart image: <see cref="Src"/> is <c>cid:...</c> in the email and a data: URI in the HTML file; null when missing.
/// Shown at most <see cref="DisplayWidth"/> CSS pixels wide, two side by side where they fit.
/// </summary>
internal sealed record ChartView(string Title, string? Src, string Alt, string? Missing, int DisplayWidth);

internal sealed record GroupView(string Title, IReadOnlyList<RowView> Rows);

/// <summary>
/// One signal on one line: value and "before"; <see cref="Details"/> is the tier, parts and failures joined on one line
/// (empty when there are none). The name links to the signal's definition: its glossary entry, or the dashboard.
/// </summary>
internal sealed record RowView(string Name, string Value, string Usual, string Link, string Details);

/// <summary>A category's definitions as one paragraph, with the short names of their sources ("DORA 2024").</summary>
internal sealed record GlossaryGroupView(string Title, IReadOnlyList<GlossaryView> Entries, string Sources);

/// <summary>
/// A signal's definition in one line, and its DORA performance levels when it has them ("elite Less than one day; ...");
/// the full text is on the dashboard and in docs/signals.md.
/// </summary>
internal sealed record GlossaryView(string Anchor, string Name, string Definition, string? Levels);

internal sealed record TierView(IReadOnlyList<string> Tiers, IReadOnlyList<TierRowView> Rows, string Source);

internal sealed record TierRowView(string Signal, IReadOnlyList<string> Ranges);
