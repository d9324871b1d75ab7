namespace TechLead.Feedback;

/// <summary>Where in a part a finding points: offsets into the part's text as checked (after hidden characters were removed).</summary>
public sealed record TextSpan(int Start, int Length, string Text);

/// <summary>
/// One named observation about feedback text. <see cref="Code"/> is a stable interface (docs/feedback.md);
/// severity, basis, why and hint come from <see cref="FindingCatalog"/>.
/// </summary>
public sealed record SbiFinding
{
    public required string Code { get; init; }

    /// <summary>The part the finding is about; null when it is about the whole feedback (e.g. its language).</summary>
    public SbiPart? Part { get; init; }

    /// <summary>The offending words; null when the finding is about a whole part (e.g. no time in the situation).</summary>
    public TextSpan? Span { get; init; }

    /// <summary>The sentence rewritten with <see cref="Replacement"/> applied, when a mechanical fix exists.</summary>
    public string? SuggestedRewrite { get; init; }

    /// <summary>
    /// What the offline drafter puts in place of <see cref="Span"/> ("" deletes it); null when only the author can
    /// fix it (a label or an assumed motive needs the observation behind it, which only the author knows).
    /// </summary>
    public string? Replacement { get; init; }

    /// <summary>Detail appended to the catalogue's hint (e.g. how many weeks old).</summary>
    public string? Detail { get; init; }

    public FindingRule Rule => FindingCatalog.Get(Code);
}

internal static class FindingSeverity
{
    /// <summary>The book "Leveling Up as a Tech Lead" (A. Fiser) (or, for <c>impact-not-concrete</c>, SBI practice labelled beyond the book) says to fix this.</summary>
    public const string Problem = "problem";

    /// <summary>A gentle note: a heuristic beyond the book, or information about how the text was handled.</summary>
    public const string Note = "note";
}

internal static class FindingBasis
{
    /// <summary>"Leveling Up as a Tech Lead" (A. Fiser), chapter 5 (<see cref="Source"/> says so to users).</summary>
    public const string Book = "book";

    /// <summary>A heuristic beyond the book, labelled as such.</summary>
    public const string BeyondTheBook = "beyond-the-book";

    /// <summary>About how this tool handled the text (safety, language).</summary>
    public const string Tool = "tool";

    /// <summary>What <see cref="Book"/> stands for, by title, author and chapter.</summary>
    public const string BookSource = "Leveling Up as a Tech Lead (A. Fiser), ch. 5";

    // The basis stays a stable machine value; people read the source by name.
    private static readonly Dictionary<string, string> BeyondTheBookSources = new(StringComparer.Ordinal)
    {
        [FindingCatalog.ImpactNotConcrete] = "Center for Creative Leadership, Situation-Behavior-Impact (SBI) feedback guides",
        [FindingCatalog.Absolute] = "A common coaching heuristic, not from Leveling Up as a Tech Lead",
        [FindingCatalog.GenderCodedWord] = "Gaucher, Friesen & Kay (2011), Evidence that gendered wording in job advertisements exists and sustains gender inequality",
        [FindingCatalog.EffortNotOutcome] = "Correll & Simard (2016), Research: Vague feedback is holding women back, Harvard Business Review",
    };

    /// <summary>Where a rule comes from, by name, as users read it; null when it is about how this tool handled the text.</summary>
    public static string? Source(FindingRule rule) => rule.Basis switch
    {
        Book => BookSource,
        BeyondTheBook => BeyondTheBookSources.GetValueOrDefault(rule.Code),
        _ => null,
    };
}

public sealed record FindingRule(string Code, string Severity, string Basis, string Why, string Hint);
