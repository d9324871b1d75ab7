using System.Text.Json;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Storage;

namespace TechLead.Webhooks.Events;

/// <summary>
/// <c>pull_request</c> closed with <c>merged: true</c>: store the PR, then the ADR files it changed. Whatever follows
/// (release notes, ADR summaries) is queued by the draft producers observing the stored rows. Everything here is
/// idempotent, so a retried delivery changes nothing twice.
/// </summary>
internal sealed class PullRequestEvents(
    ActivityStore store,
    ActivityIngestor ingestor,
    GitHubSessionFactory sessions,
    IOptions<GitHubOptions> github,
    TimeProvider time) : IWebhookEventProcessor
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
        var stored = await store.GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(repository), KeyCodec.Number(record.Number), cancellationToken);
        await ingestor.StoreAsync(new ActivityBatch { PullRequests = [KeepKnownDetails(record, stored)], DeliveryId = delivery.DeliveryId }, cancellationToken);

        if (session is not null && details is not null)
        {
            var adrs = await AdrFiles.ChangedAsync(session.GraphQl, repository, details.Files, time.GetUtcNow(), cancellationToken);
            if (adrs.Count > 0)
            {
                await ingestor.StoreAsync(new ActivityBatch { AdrFiles = adrs, DeliveryId = delivery.DeliveryId }, cancellationToken);
            }
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
}
