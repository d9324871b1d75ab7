using Microsoft.Extensions.Logging;
using TechLead.Hosting;

namespace TechLead.Review;

public sealed record ProcessDraftsResult(int Requested, int Drafted, int Failed, int Expired);

/// <summary>
/// The timer job behind the review queue: asks every producer to queue what is due (summaries of changed ADRs, release
/// notes for what was merged since each stored previous release, whatever stored the activity: sync or webhook), drafts
/// every pending request whose attempt is due, and expires old drafts.
/// A failed attempt leaves the draft pending with its reason and a later attempt time.
/// </summary>
public sealed partial class ProcessDraftsJob(
    ReviewQueue queue,
    IEnumerable<IDraftProducer> producers,
    ILogger<ProcessDraftsJob> logger) : IJob
{
    public string Name => "ProcessDrafts";

    public Task RunAsync(CancellationToken cancellationToken) => ProcessAsync(cancellationToken);

    public async Task<ProcessDraftsResult> ProcessAsync(CancellationToken cancellationToken)
    {
        var requested = 0;
        foreach (var producer in producers)
        {
            requested += await producer.RequestDueAsync(cancellationToken);
        }

        int drafted = 0, failed = 0;
        foreach (var due in await queue.DueAsync(cancellationToken))
        {
            var outcome = await DraftOneAsync(due, allowLanguageModel: true, cancellationToken);
            if (outcome is null)
            {
                continue;
            }

            if (outcome.Status == DraftStatus.PendingReview)
            {
                drafted++;
                TechLead.Telemetry.TechLeadTelemetry.Drafted(outcome.Kind, outcome.DrafterKind ?? "unknown");
            }
            else
            {
                failed++;
            }
        }

        var expired = await queue.ExpireAsync(cancellationToken);
        LogProcessed(requested, drafted, failed, expired);
        return new ProcessDraftsResult(requested, drafted, failed, expired);
    }

    /// <summary>One attempt at one pending draft; null when another worker has it.</summary>
    public async Task<DraftRecord?> DraftOneAsync(DraftRecord draft, bool allowLanguageModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var producer = producers.FirstOrDefault(p => p.Kind == draft.Kind);
        if (producer is null)
        {
            LogNoProducer(draft.Id, draft.Kind);
            return null;
        }

        if (await queue.TryLeaseAsync(draft, cancellationToken) is not { } leased)
        {
            return null;
        }

        var outcome = await producer.DraftAsync(leased, allowLanguageModel, cancellationToken);
        var saved = await queue.SaveOutcomeAsync(leased, outcome, cancellationToken);
        if (saved is not null && !outcome.Succeeded)
        {
            LogNotDrafted(draft.Id, outcome.FailureReason ?? "", saved.NextAttemptAt);
        }

        return saved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ProcessDrafts: {Requested} drafts queued, {Drafted} drafted for review, {Failed} not drafted (still pending), {Expired} expired.")]
    private partial void LogProcessed(int requested, int drafted, int failed, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draft {Id} was not drafted: {Reason}. Next attempt: {NextAttempt}.")]
    private partial void LogNotDrafted(string id, string reason, DateTimeOffset? nextAttempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Draft {Id} has kind {Kind}, which no producer drafts; it stays pending.")]
    private partial void LogNoProducer(string id, string kind);
}
