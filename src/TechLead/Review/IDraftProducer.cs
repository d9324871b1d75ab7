using TechLead.Drafting;

namespace TechLead.Review;

/// <summary>Drafts one kind of queued request (release notes, ADR summaries) from the payload it was queued with.</summary>
public interface IDraftProducer
{
    string Kind { get; }

    Task<DraftOutcome> DraftAsync(DraftRecord draft, bool allowLanguageModel, CancellationToken cancellationToken);
}
