namespace TechLead.Activity;

/// <summary>
/// Told about every batch once its rows are stored, so whatever was computed from earlier rows (the weekly signal
/// snapshots) can be marked out of date and what a webhook delivery stored can be acted on (drafts). Activity declares
/// it and the layers above implement it, so ingestion never depends on them.
/// </summary>
internal interface IStoredActivityObserver
{
    /// <summary>Called after the rows are written; a failure fails the store, so the caller retries and marks again.</summary>
    Task StoredAsync(ActivityBatch batch, CancellationToken cancellationToken);
}
