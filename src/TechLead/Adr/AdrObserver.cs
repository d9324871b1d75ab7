using TechLead.Activity;

namespace TechLead.Adr;

/// <summary>
/// Queues a summary of every ADR file a webhook delivery stored (the files a merged pull request changed), once per
/// content version. Files a sync stores wait for the drafts run (<see cref="AdrDrafts.RequestDueAsync"/>), which asks
/// for the same versions, so nothing is queued twice.
/// </summary>
internal sealed class AdrObserver(AdrDrafts drafts) : IStoredActivityObserver
{
    public async Task StoredAsync(ActivityBatch batch, CancellationToken cancellationToken)
    {
        if (batch.DeliveryId is null)
        {
            return;
        }

        foreach (var file in batch.AdrFiles)
        {
            await drafts.RequestAsync(file, cancellationToken);
        }
    }
}
