using System.Globalization;
using TechLead.Drafting;
using TechLead.Review;

namespace TechLead.Dashboard;

/// <summary>
/// A draft as the review queue's API shows it: the text to review (markdown, and <see cref="Html"/> as it will read,
/// rendered by <see cref="DraftMarkdown"/>), what it was made from and what it cost.
/// </summary>
public sealed record ReviewDraftView(
    string Id,
    string Kind,
    string Status,
    string Subject,
    string? Repository,
    IReadOnlyList<InputLink> Inputs,
    string? DrafterKind,
    string? Model,
    string? Deployment,
    TokenUse Tokens,
    IReadOnlyList<DraftFinding> Findings,
    string Text,
    string? EditedText,
    string Html,
    string? EditedHtml,
    string? LastFailure,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DraftedAt,
    Decision? Decision,
    Uri? WrittenTo,
    string Version)
{
    public static ReviewDraftView Of(DraftRecord draft, DraftRenderer renderer, DraftGuardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = string.Join("\n", draft.Documents.Select(renderer.Markdown));
        var links = draft.Documents
            .SelectMany(d => d.Sections).SelectMany(s => s.Lines).SelectMany(l => l.References)
            .Where(r => r.Link is { } link && guardrails.IsAllowedLink(link))
            .GroupBy(r => r.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Link, StringComparer.Ordinal);
        return new ReviewDraftView(
            draft.Id,
            draft.Kind,
            draft.Status.ToStoredString(),
            draft.Subject,
            draft.Repository,
            draft.InputIds.Select(id => new InputLink(id, links.GetValueOrDefault(id))).ToArray(),
            draft.DrafterKind,
            draft.Usage.Model,
            draft.Usage.Deployment,
            TokenUse.Of(draft.Usage),
            draft.Findings,
            text,
            draft.EditedText,
            DraftMarkdown.ToHtml(text),
            draft.EditedText is null ? null : DraftMarkdown.ToHtml(draft.EditedText),
            draft.LastFailure,
            draft.CreatedAt,
            draft.DraftedAt,
            draft.DecidedAt is { } at ? new Decision(draft.Status.ToStoredString(), draft.DecidedBy ?? "unknown", at, draft.DecisionNote) : null,
            draft.WrittenTo,
            ReviewQueue.Version(draft));
    }
}

/// <summary>An input as people know it ("#123", "ADR-0001") and its address on the configured GitHub, when known.</summary>
public sealed record InputLink(string Id, Uri? Url);

/// <summary>
/// Language-model calls and tokens (reported by the service, and estimated locally before the call), with the line
/// the page shows.
/// </summary>
public sealed record TokenUse(int Calls, int Input, int Output, int EstimatedInput, string Text)
{
    public static TokenUse Of(DraftUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var text = usage.Calls == 0
            ? string.Create(CultureInfo.InvariantCulture, $"no model calls · about {usage.EstimatedInputTokens} input tokens if drafted by the model")
            : string.Create(CultureInfo.InvariantCulture, $"{usage.Calls} model {(usage.Calls == 1 ? "call" : "calls")} · {usage.InputTokens} input / {usage.OutputTokens} output tokens");
        return new TokenUse(usage.Calls, usage.InputTokens, usage.OutputTokens, usage.EstimatedInputTokens, text);
    }
}

/// <summary>Who decided what, when, and why (a rejection's reason).</summary>
public sealed record Decision(string Status, string By, DateTimeOffset At, string? Note);
