using TechLead.Activity;

namespace TechLead.Sync;

/// <summary>
/// Told about every batch once its rows are stored, so whatever was computed from earlier rows (the weekly signal
/// snapshots) can be marked out of date. Sync declares it and the layers above implement it, so Sync never depends on them.
/// </summary>
public interface IStoredActivityObserver
{
    /// <summary>Called after the rows are written; a failure fails the store, so the caller retries and marks again.</summary>
    Task StoredAsync(ActivityBatch batch, CancellationToken cancellationToken);
}
