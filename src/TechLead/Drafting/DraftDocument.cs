using System.Text.Json.Serialization;

namespace TechLead.Drafting;

/// <summary>
/// A draft as structure, not markup: headings, plain-text lines and their references (PR numbers, ADR ids).
/// Rendering to Markdown or HTML encodes every text and links only references whose address is on an allowed host,
/// so no drafted text can inject markup or links.
/// </summary>
public sealed record DraftDocument
{
    public required string Title { get; init; }

    /// <summary>Shown under the title, e.g. the offline label.</summary>
    public string? Notice { get; init; }

    public IReadOnlyList<DraftSection> Sections { get; init; } = [];
}

public sealed record DraftSection(string Heading, IReadOnlyList<DraftLine> Lines);

/// <summary>One line of plain text followed by the ids it cites.</summary>
public sealed record DraftLine
{
    [JsonConstructor]
    public DraftLine(string text, IReadOnlyList<DraftReference> references)
    {
        Text = text;
        References = references;
    }

    public DraftLine(string text) : this(text, []) { }

    public string Text { get; }

    public IReadOnlyList<DraftReference> References { get; }
}

/// <summary>An input id ("#123", "ADR-0001") and, when known, where it lives.</summary>
public sealed record DraftReference(string Label, Uri? Link = null);
