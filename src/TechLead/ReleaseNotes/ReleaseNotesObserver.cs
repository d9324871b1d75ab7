using Microsoft.Extensions.Logging;
using TechLead.Activity;

namespace TechLead.ReleaseNotes;

/// <summary>
/// Release notes react to what a webhook delivery stored: a published release becomes the repository's previous
/// release (unless the stored one was published later: a delivery replayed or redelivered late never moves it back),
/// and a merged pull request queues the repository's notes where a previous release is stored. Rows a sync stores
/// wait for the drafts run (<see cref="ReleaseNotesService.RequestDueAsync"/>), so a sync never queues notes per page.
/// Both steps are idempotent, so a retried delivery changes nothing twice.
/// </summary>
internal sealed partial class ReleaseNotesObserver(
    ReleaseNotesService releaseNotes,
    ReleaseBaselineStore baselines,
    ILogger<ReleaseNotesObserver> logger) : IStoredActivityObserver
{
    public async Task StoredAsync(ActivityBatch batch, CancellationToken cancellationToken)
    {
        if (batch.DeliveryId is not { } delivery)
        {
            return;
        }

        foreach (var release in batch.Releases)
        {
            await MovePreviousReleaseAsync(release, delivery, cancellationToken);
        }

        foreach (var merged in batch.PullRequests.Where(p => p.MergedAt is not null).DistinctBy(p => p.Repository))
        {
            if (await baselines.GetAsync(merged.Repository, cancellationToken) is null)
            {
                LogNoPreviousRelease(merged.Repository, merged.Number);
            }
            else
            {
                await releaseNotes.RequestAsync(merged.Repository, cancellationToken);
            }
        }
    }

    private async Task MovePreviousReleaseAsync(ReleaseRecord release, string delivery, CancellationToken cancellationToken)
    {
        if (release.IsDraft || release.IsPrerelease || release.PublishedAt is not { } published)
        {
            return;
        }

        if (await baselines.GetAsync(release.Repository, cancellationToken) is { } stored && published < stored.Since)
        {
            LogOlderRelease(release.Repository, delivery, published, stored.Since);
            return;
        }

        await releaseNotes.SetPreviousReleaseAsync(release.Repository, release.Tag, $"webhook {delivery}", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} #{Number} stored; no previous release is stored for the repository, so no release notes are queued (set one with 'draft release-notes --since-tag').")]
    private partial void LogNoPreviousRelease(RepositoryName repository, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release of {Repository} in delivery {DeliveryId} was published at {PublishedAt}, before the stored previous release ({Since}); the previous release stays.")]
    private partial void LogOlderRelease(RepositoryName repository, string deliveryId, DateTimeOffset publishedAt, DateTimeOffset since);
}
