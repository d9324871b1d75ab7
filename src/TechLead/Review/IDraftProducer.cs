using TechLead.Drafting;

namespace TechLead.Review;

/// <summary>
/// One kind of draft (release notes, ADR summaries): it queues what is due from stored activity and drafts a queued
/// request from its payload. The review queue knows producers only through this; each registers itself.
/// </summary>
public interface IDraftProducer
{
    string Kind { get; }

    /// <summary>Queues a request for everything due (idempotent: a request already queued is not queued again); returns how many were new.</summary>
    Task<int> RequestDueAsync(CancellationToken cancellationToken);

    Task<DraftOutcome> DraftAsync(DraftRecord draft, bool allowLanguageModel, CancellationToken cancellationToken);
}
