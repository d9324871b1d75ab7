namespace TechLead.Feedback;

public enum FeedbackKind
{
    Positive,
    Constructive,
}

/// <summary>Who receives the feedback: it changes the framing of a draft, never its facts.</summary>
public enum FeedbackAudience
{
    Peer,
    Report,
    Manager,
}

public enum FeedbackTone
{
    Direct,
    Warm,
}

/// <summary>Where a finding points: one of the three SBI parts, the closing of a draft, or the observed date.</summary>
public enum SbiPart
{
    Situation,
    Behavior,
    Impact,
    Closing,
    ObservedOn,
}

/// <summary>
/// A validated request: the user's own words (hidden characters removed, whitespace tidied) and their choices.
/// These are the only facts a draft may contain.
/// </summary>
public sealed record SbiInput
{
    public required FeedbackKind Kind { get; init; }

    public required string Situation { get; init; }

    public required string Behavior { get; init; }

    public required string Impact { get; init; }

    public DateOnly? ObservedOn { get; init; }

    public FeedbackAudience Audience { get; init; } = FeedbackAudience.Peer;

    public FeedbackTone Tone { get; init; } = FeedbackTone.Direct;

    /// <summary>A BCP 47 language tag, "en" by default. The word-based rules know English only.</summary>
    public string Language { get; init; } = "en";

    public bool Keep { get; init; }

    /// <summary>The parts in which <see cref="TextSanitizer"/> removed hidden (zero-width, bidi, tag) characters.</summary>
    public IReadOnlySet<SbiPart> HiddenCharactersRemoved { get; init; } = new HashSet<SbiPart>();

    public bool IsEnglish => Language.Equals("en", StringComparison.OrdinalIgnoreCase)
        || Language.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    public string Text(SbiPart part) => part switch
    {
        SbiPart.Situation => Situation,
        SbiPart.Behavior => Behavior,
        SbiPart.Impact => Impact,
        _ => "",
    };

    public static string Name(SbiPart part) => part switch
    {
        SbiPart.Situation => "situation",
        SbiPart.Behavior => "behavior",
        SbiPart.Impact => "impact",
        SbiPart.Closing => "closing",
        _ => "observedOn",
    };

    public static string Name(FeedbackKind kind) => kind == FeedbackKind.Positive ? "positive" : "constructive";

    public static string Name(FeedbackAudience audience) => audience switch
    {
        FeedbackAudience.Report => "report",
        FeedbackAudience.Manager => "manager",
        _ => "peer",
    };

    public static string Name(FeedbackTone tone) => tone == FeedbackTone.Warm ? "warm" : "direct";
}
