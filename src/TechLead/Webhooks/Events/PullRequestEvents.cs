using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;
using TechLead.Adr;
using TechLead.GitHub;
using TechLead.ReleaseNotes;
using TechLead.Storage;
using TechLead.Sync;

namespace TechLead.Webhooks.Events;

/// <summary>
/// <c>pull_request</c> closed with <c>merged: true</c>: store the PR, queue the repository's release notes, and queue
/// summaries of ADR files the PR changed. Everything here is idempotent, so a retried delivery changes nothing twice.
/// </summary>
internal sealed partial class PullRequestEvents(
    ActivityStore store,
    ActivityIngestor ingestor,
    GitHubSessionFactory sessions,
    IOptions<GitHubOptions> github,
    ReleaseBaselineStore baselines,
    ReleaseNotesService releaseNotes,
    AdrDrafts adrDrafts,
    TimeProvider time,
    ILogger<PullRequestEvents> logger) : IWebhookEventProcessor
{
    public string Event => "pull_request";

    public async Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken)
    {
        if (WebhookPayload.Action(payload) != "closed")
        {
            return;
        }

        var repository = WebhookPayload.Repository(payload);
        var pullRequest = WebhookPayload.Object<PullRequest>(payload, "pull_request");
        if (pullRequest.MergedAt is null)
        {
            return;
        }

        using var session = github.Value.IsConfigured ? sessions.Create() : null;
        // The payload lacks first commit, reviews and files; one GraphQL request adds them where GitHub is configured.
        var details = session is null ? null
            : (await session.GraphQl.PullRequestDetailsAsync([pullRequest.NodeId], cancellationToken)).GetValueOrDefault(pullRequest.NodeId);
        var record = GitHubRecordMapper.PullRequest(repository, pullRequest, details);
        var stored = await store.GetAsync(PullRequestMap.Instance, Tables.RepositoryKey(repository), KeyCodec.Number(record.Number), cancellationToken);
        await ingestor.StoreAsync(new ActivityBatch { PullRequests = [KeepKnownDetails(record, stored)] }, cancellationToken);

        if (await baselines.GetAsync(repository, cancellationToken) is null)
        {
            LogNoPreviousRelease(repository, record.Number);
        }
        else
        {
            await releaseNotes.RequestAsync(repository, cancellationToken);
        }

        if (session is not null && details is not null)
        {
            await QueueChangedAdrsAsync(session, repository, details.Files, cancellationToken);
        }
    }

    /// <summary>A payload knows less than a sync did: keep what the stored row already knew.</summary>
    internal static PullRequestRecord KeepKnownDetails(PullRequestRecord fromPayload, PullRequestRecord? stored) =>
        stored is null ? fromPayload : fromPayload with
        {
            FirstCommitAt = fromPayload.FirstCommitAt ?? stored.FirstCommitAt,
            FirstReviewAt = fromPayload.FirstReviewAt ?? stored.FirstReviewAt,
            FirstReviewerKind = fromPayload.FirstReviewerKind ?? stored.FirstReviewerKind,
            ReviewRounds = fromPayload.FirstReviewAt is null ? stored.ReviewRounds : fromPayload.ReviewRounds,
            Reviewers = fromPayload.Reviewers.Count == 0 ? stored.Reviewers : fromPayload.Reviewers,
            Files = fromPayload.Files.Count == 0 ? stored.Files : fromPayload.Files,
            ReadyForReviewAt = stored.ReadyForReviewAt ?? fromPayload.ReadyForReviewAt,
            RevertsNumber = fromPayload.RevertsNumber ?? stored.RevertsNumber,
        };

    private async Task QueueChangedAdrsAsync(GitHubSession session, RepositoryName repository, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0 || await AdrFolders.DiscoverAsync(session.GraphQl, repository, cancellationToken) is not { } folder)
        {
            return;
        }

        var changed = files.Where(f => AdrFolders.IsAdrPath(f, folder)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var adrs = (await session.GraphQl.FilesAsync(repository, changed, cancellationToken))
            .Where(f => f.Text is not null)
            .Select(f => new AdrFileRecord
            {
                Repository = repository,
                Path = f.Path,
                Content = f.Text!,
                ContentHash = AdrFolders.ContentHash(f.Text!),
                LastChangedAt = f.LastChangedAt ?? time.GetUtcNow(),
                Origin = Origins.GitHub,
            })
            .ToList();
        await ingestor.StoreAsync(new ActivityBatch { AdrFiles = adrs }, cancellationToken);
        foreach (var adr in adrs)
        {
            await adrDrafts.RequestAsync(adr, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository} #{Number} stored; no previous release is stored for the repository, so no release notes are queued (set one with 'draft release-notes --since-tag').")]
    private partial void LogNoPreviousRelease(RepositoryName repository, int number);
}
