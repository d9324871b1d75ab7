namespace TechLead.Feedback;

/// <summary>A draft before it is checked: its style, who wrote it, its parts and its text.</summary>
internal sealed record SbiDraftCandidate(string Style, string Drafter, SbiParts Parts, string Opening = "")
{
    public string Text => SbiComposer.Compose(Parts, Opening);

    /// <summary>A variant worth showing only if it is no worse than the first draft (the service decides).</summary>
    public bool Optional { get; init; }
}

/// <summary>
/// Drafts without a language model: the user's own sentences in SBI order, with the checker's mechanical fixes
/// applied (hedges, sandwich praise and closing instructions removed), then one open question (constructive) or
/// what to keep doing (positive). It adds no fact, so it is always available and answers in microseconds.
/// </summary>
internal sealed class OfflineSbiDrafter
{
    public const string DrafterKind = "offline";

    public IReadOnlyList<SbiDraftCandidate> Draft(SbiInput input, IReadOnlyList<SbiFinding> inputFindings)
    {
        var situation = Clean(input, SbiPart.Situation, inputFindings);
        var behavior = Clean(input, SbiPart.Behavior, inputFindings);
        var impact = Clean(input, SbiPart.Impact, inputFindings);

        if (input.ObservedOn is { } observed && input.IsEnglish && !Lexicon.Time.IsMatch(situation))
        {
            situation = $"On {SbiComposer.Date(observed)}, {SbiComposer.LowerFirstWord(situation)}";
        }

        // The user's own open question, when they ended with exactly one, closes the draft instead of ours.
        var ownQuestion = "";
        var impactSentences = FeedbackText.Sentences(impact);
        if (input.Kind == FeedbackKind.Constructive && impactSentences.Count > 1
            && impactSentences.Count(s => s.Of(impact).EndsWith('?')) == 1 && impactSentences[^1].Of(impact).EndsWith('?'))
        {
            ownQuestion = impactSentences[^1].Of(impact);
            impact = impact[..impactSentences[^1].Start].TrimEnd();
        }

        var direct = new SbiParts(situation, behavior, impact, Closing(input, FeedbackTone.Direct, ownQuestion));
        var warm = direct with { Closing = Closing(input, FeedbackTone.Warm, ownQuestion) };
        var warmOpening = !input.IsEnglish ? ""
            : input.Kind == FeedbackKind.Constructive ? SbiComposer.WarmOpeningConstructive : SbiComposer.WarmOpeningPositive;

        var drafts = new List<SbiDraftCandidate>
        {
            new("direct", DrafterKind, direct),
            new("warm", DrafterKind, warm, warmOpening),
        };
        if (input.Tone == FeedbackTone.Warm)
        {
            drafts.Reverse();
        }

        // A shorter variant when the user wrote more than one sentence somewhere: first sentence of each part.
        var shortParts = new SbiParts(First(situation), First(behavior), First(impact), direct.Closing);
        if (shortParts != direct)
        {
            drafts.Add(new SbiDraftCandidate("short", DrafterKind, shortParts) { Optional = true });
        }

        return drafts;
    }

    private static string Clean(SbiInput input, SbiPart part, IReadOnlyList<SbiFinding> findings)
    {
        var text = input.Text(part);
        var edits = findings
            .Where(f => f.Part == part && f.Replacement is not null && f.Span is not null)
            .Select(f => (new Segment(f.Span!.Start, f.Span.Length), f.Replacement!));
        var cleaned = FeedbackText.Replace(text, edits);
        // Removing the only sentence of a part would leave a hole in the structure: keep the user's words then.
        return cleaned.Length == 0 ? text : cleaned;
    }

    private static string Closing(SbiInput input, FeedbackTone tone, string ownQuestion)
    {
        if (!input.IsEnglish)
        {
            return ownQuestion;
        }

        return input.Kind switch
        {
            FeedbackKind.Constructive when ownQuestion.Length > 0 => ownQuestion,
            FeedbackKind.Constructive => tone == FeedbackTone.Direct ? SbiComposer.OpenQuestionDirect : SbiComposer.OpenQuestionWarm,
            _ => tone == FeedbackTone.Direct ? SbiComposer.KeepDoingDirect : SbiComposer.KeepDoingWarm,
        };
    }

    private static string First(string text) => FeedbackText.Sentences(text) is { Count: > 1 } sentences ? sentences[0].Of(text) : text;
}
