namespace TechLead.Adr;

/// <summary>The published ADR formats the parser recognises (docs/drafting.md, "ADR formats read").</summary>
public enum AdrFormat
{
    /// <summary>"Leveling Up as a Tech Lead": sections, then a <c>---</c> footer with Date, Status, Supersedes, Related ADRs.</summary>
    Book,

    /// <summary>Michael Nygard's template as adr-tools writes it: a <c>## Status</c> section.</summary>
    Nygard,

    /// <summary>MADR 3/4: YAML front matter (status, date), Considered Options, Decision Outcome.</summary>
    Madr,

    /// <summary>log4brains (and MADR 2): <c>- Status:</c> bullets under the title.</summary>
    Log4brains,

    Unrecognised,
}

/// <summary>
/// What an ADR file states, and nothing more: a field the file does not state is null or empty, and is shown as
/// "not stated", never guessed.
/// </summary>
public sealed record AdrDocument
{
    public required string Path { get; init; }

    public required AdrFormat Format { get; init; }

    /// <summary>"ADR-0001" when the title or file name carries a number; otherwise the file name without extension.</summary>
    public required string Id { get; init; }

    public string? Title { get; init; }

    /// <summary>Normalised: Proposed, Accepted, Rejected, Deprecated, Superseded, Draft; or the file's own word.</summary>
    public string? Status { get; init; }

    public string? Date { get; init; }

    public DateOnly? DateValue { get; init; }

    public string? Context { get; init; }

    public IReadOnlyList<string> Options { get; init; } = [];

    public string? Decision { get; init; }

    public IReadOnlyList<string> Good { get; init; } = [];

    public IReadOnlyList<string> Bad { get; init; } = [];

    /// <summary>Consequences the file does not mark as good or bad (prose, neutral bullets).</summary>
    public IReadOnlyList<string> Unclassified { get; init; } = [];

    /// <summary>Other remarks next to the consequences, e.g. a dissent ("revisit if needs change").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<string> Supersedes { get; init; } = [];

    public IReadOnlyList<string> SupersededBy { get; init; } = [];

    /// <summary>The file says explicitly that it supersedes nothing ("Supersedes: None"), which is not the same as not stating it.</summary>
    public bool SupersedesNone { get; init; }

    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>For an unrecognised file: what could be found anyway.</summary>
    public IReadOnlyList<string> Found { get; init; } = [];

    public bool IsAccepted => string.Equals(Status, "Accepted", StringComparison.Ordinal);

    public bool IsSuperseded => string.Equals(Status, "Superseded", StringComparison.Ordinal);
}
