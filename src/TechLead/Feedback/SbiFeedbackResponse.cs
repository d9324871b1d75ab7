namespace TechLead.Feedback;

/// <summary>The answer to <c>POST /api/feedback/sbi</c> (serialised camelCase). docs/feedback.md shows a full example.</summary>
public sealed record SbiFeedbackResponse(
    string Kind,
    bool Sent,
    string Note,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<DraftView> Drafts,
    string Drafter,
    string DrafterNote,
    IReadOnlyList<RejectedDraftView> RejectedDrafts,
    KeptView? Kept,
    CheckedPartsView Checked);

/// <summary>
/// The three parts exactly as checked (hidden characters removed, whitespace tidied): the text the findings' spans
/// index into, so a page that shows these highlights the flagged words and not their neighbours.
/// </summary>
public sealed record CheckedPartsView(string Situation, string Behavior, string Impact);

public sealed record FindingView(
    string Code,
    string Severity,
    string Basis,
    string? Source,
    string? Part,
    SpanView? Span,
    string Why,
    string Hint,
    string? SuggestedRewrite)
{
    public static FindingView Of(SbiFinding finding)
    {
        var rule = finding.Rule;
        return new FindingView(
            finding.Code,
            rule.Severity,
            rule.Basis,
            FindingBasis.Source(rule),
            finding.Part is { } part ? SbiInput.Name(part) : null,
            finding.Span is { } span ? new SpanView(span.Start, span.Length, span.Text) : null,
            rule.Why,
            finding.Detail is null ? rule.Hint : $"{rule.Hint} {finding.Detail}",
            finding.SuggestedRewrite);
    }
}

public sealed record SpanView(int Start, int Length, string Text);

public sealed record DraftView(string Style, string Drafter, string Text, DraftPartsView Parts, IReadOnlyList<FindingView> Findings);

public sealed record DraftPartsView(string Opening, string Situation, string Behavior, string Impact, string Closing);

public sealed record RejectedDraftView(string Drafter, IReadOnlyList<FactViolation> Reasons);

public sealed record KeptView(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Delete);

/// <summary>The answer to <c>GET /api/feedback/sbi/{id}</c>: what was kept, exactly.</summary>
public sealed record KeptFeedbackView(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Kind,
    string Situation,
    string Behavior,
    string Impact,
    string? ObservedOn,
    string Audience,
    string Tone,
    string Language,
    IReadOnlyList<KeptDraft> Drafts,
    IReadOnlyList<string> FindingCodes,
    string Delete)
{
    public static KeptFeedbackView Of(KeptFeedback kept) => new(
        kept.Id,
        kept.CreatedAt,
        kept.ExpiresAt,
        SbiInput.Name(kept.Input.Kind),
        kept.Input.Situation,
        kept.Input.Behavior,
        kept.Input.Impact,
        kept.Input.ObservedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        SbiInput.Name(kept.Input.Audience),
        SbiInput.Name(kept.Input.Tone),
        kept.Input.Language,
        kept.Drafts,
        kept.FindingCodes,
        SbiFeedbackService.DeleteHint(kept.Id));
}
