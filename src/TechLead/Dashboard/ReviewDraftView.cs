using TechLead.Drafting;
using TechLead.Review;

namespace TechLead.Dashboard;

/// <summary>A draft as the review queue's API shows it: the text to review, what it was made from and what it cost.</summary>
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
        var links = draft.Documents
            .SelectMany(d => d.Sections).SelectMany(s => s.Lines).SelectMany(l => l.References)
            .Where(r => r.Link is { } link && guardrails.IsAllowedLink(link))
            .GroupBy(r => r.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Link, StringComparer.Ordinal);
        return new ReviewDraftView(
            draft.Id,
            draft.Kind,
            draft.Status,
            draft.Subject,
            draft.Repository,
            draft.InputIds.Select(id => new InputLink(id, links.GetValueOrDefault(id))).ToArray(),
            draft.DrafterKind,
            draft.Model,
            draft.Deployment,
            new TokenUse(draft.Calls, draft.InputTokens, draft.OutputTokens, draft.EstimatedInputTokens),
            draft.Findings,
            string.Join("\n", draft.Documents.Select(renderer.Markdown)),
            draft.EditedText,
            draft.LastFailure,
            draft.CreatedAt,
            draft.DraftedAt,
            draft.DecidedAt is { } at ? new Decision(draft.Status, draft.DecidedBy ?? "unknown", at, draft.DecisionNote) : null,
            draft.WrittenTo,
            ReviewQueue.Version(draft));
    }
}

/// <summary>An input as people know it ("#123", "ADR-0001") and its address on the configured GitHub, when known.</summary>
public sealed record InputLink(string Id, Uri? Url);

/// <summary>Language-model calls and tokens (reported by the service, and estimated locally before the call).</summary>
public sealed record TokenUse(int Calls, int Input, int Output, int EstimatedInput);

/// <summary>Who decided what, when, and why (a rejection's reason).</summary>
public sealed record Decision(string Status, string By, DateTimeOffset At, string? Note);
