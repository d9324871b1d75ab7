namespace TechLead.Digest;

// The model the templates read (Digest/Templates/*.liquid). Plain strings and lists only: every figure is already
// formatted with its unit, and the templates encode everything they print.

public sealed record DigestView
{
    public required string Subject { get; init; }
    public required string Team { get; init; }
    public required string Week { get; init; }
    public required string Period { get; init; }
    public required bool IsSample { get; init; }
    public required string Preheader { get; init; }
    public required string Delivery { get; init; }
    public required IReadOnlyList<MoveView> Moves { get; init; }
    public required IReadOnlyList<AttentionView> Attention { get; init; }
    public required string Win { get; init; }
    public required IReadOnlyList<ChartView> Charts { get; init; }
    public required int ChartWeeks { get; init; }
    public required IReadOnlyList<GroupView> Groups { get; init; }
    public required IReadOnlyList<GlossaryView> Glossary { get; init; }
    public required IReadOnlyList<TierView> Tiers { get; init; }
    /// <summary>Each source once, numbered; glossary entries cite them as [1], [2].</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    public required string CannotTell { get; init; }
    public required string Repositories { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public string? DashboardUrl { get; init; }
}

/// <summary>"Change lead time up (worse): 5.2 days; usually 2.1 to 3.4 days".</summary>
public sealed record MoveView(string Headline, string Verdict, string Value, string Usual);

public sealed record AttentionView(string Title, int Count, IReadOnlyList<LinkView> Items, int More);

public sealed record LinkView(string Text, string Detail, string? Url);

/// <summary>A chart image: <see cref="Src"/> is <c>cid:...</c> in the email and a data: URI in the HTML file; null when missing.</summary>
public sealed record ChartView(string Title, string? Src, string Alt, string? Missing, int Width, int Height);

public sealed record GroupView(string Title, IReadOnlyList<RowView> Rows);

/// <summary><see cref="GlossaryUrl"/> is null when the one-line definition is all there is.</summary>
public sealed record RowView(string Name, string Value, string Usual, string Definition, string? GlossaryUrl, IReadOnlyList<string> Details);

public sealed record TierView(IReadOnlyList<string> Tiers, IReadOnlyList<TierRowView> Rows, string Source);

public sealed record TierRowView(string Signal, IReadOnlyList<string> Ranges);

/// <summary>A signal's full definition; <see cref="Source"/> is the number of its entry in <see cref="DigestView.Sources"/>.</summary>
public sealed record GlossaryView(string Anchor, string Name, string Definition, int Source, string? Note);
