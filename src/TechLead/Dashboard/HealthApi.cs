using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using TechLead.Queues;
using TechLead.Review;
using TechLead.Storage;

namespace TechLead.Dashboard;

/// <summary>
/// <c>GET /api/health</c>: anonymous (a monitor probes it), so it shows times, counts and what is stuck (the poison
/// queues: which repository, project or team, and why), never drafted text. 200 when Table Storage and Queue Storage
/// both answered at the last refresh, 503 (ProblemDetails naming each service that did not, its endpoint and the
/// setting that chose it) otherwise. Each is probed once, briefly, before anything is read. Answers from memory: the report is refreshed at most every
/// <see cref="RefreshEvery"/>, in the background, while callers get the last one; only the first call waits.
/// </summary>
public sealed partial class HealthApi : IDisposable
{
    private readonly TableStore tables;
    private readonly WorkQueues queues;
    private readonly ReviewQueue queue;
    private readonly QueueFailures failures;
    private readonly TimeProvider time;
    private readonly ILogger<HealthApi> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal HealthApi(
        TableStore tables,
        WorkQueues queues,
        ReviewQueue queue,
        QueueFailures failures,
        TimeProvider time,
        ILogger<HealthApi> logger)
    {
        this.tables = tables;
        this.queues = queues;
        this.queue = queue;
        this.failures = failures;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>How old the answer may get before a call starts a refresh: a probe every few seconds reads storage at most this often.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Snapshot? _last;

    public async Task<Results<JsonHttpResult<HealthReport>, ProblemHttpResult>> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _last);
        if (snapshot is null)
        {
            snapshot = await RefreshAsync(wait: true, cancellationToken) ?? Volatile.Read(ref _last)!;
        }
        else if (time.GetUtcNow() - snapshot.TakenAt >= RefreshEvery)
        {
            // Not awaited: this caller (and every other until it finishes) gets the last report at once.
            _ = RefreshAsync(wait: false, CancellationToken.None);
        }

        return Answer(snapshot);
    }

    private static Results<JsonHttpResult<HealthReport>, ProblemHttpResult> Answer(Snapshot snapshot)
    {
        if (snapshot.Report is { } report)
        {
            return ApiJson.Ok(report);
        }

        var storage = snapshot.Storage;
        var down = new[] { storage.Tables, storage.Queues }.Where(c => !c.Reachable).ToList();
        return TypedResults.Problem(
            title: down.Count == 0 ? "Storage unreachable" : string.Join(" and ", down.Select(c => c.Service)) + " unreachable",
            detail: snapshot.Problem ?? string.Join(" ", down.Select(c => c.Describe() + (c.Service == StorageCheck.Tables
                ? " Nothing can be synced, computed or reviewed until it answers."
                : " Queued work (syncs, digests, webhook deliveries) waits until it answers."))),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["storage"] = storage, ["checkedAt"] = snapshot.TakenAt });
    }

    /// <summary>One refresh at a time; <paramref name="wait"/>=false skips when one is already running.</summary>
    private async Task<Snapshot?> RefreshAsync(bool wait, CancellationToken cancellationToken)
    {
        if (wait)
        {
            await _refreshing.WaitAsync(cancellationToken);
        }
        else if (!await _refreshing.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            // Callers that queued behind the first refresh take its result instead of reading storage again.
            if (Volatile.Read(ref _last) is { } fresh && time.GetUtcNow() - fresh.TakenAt < RefreshEvery)
            {
                return fresh;
            }

            var snapshot = await ReadAsync(cancellationToken);
            Volatile.Write(ref _last, snapshot);
            return snapshot;
        }
        catch (Exception e) when (!wait && e is not OutOfMemoryException)
        {
            // A background refresh that fails keeps the last answer; the next call tries again.
            LogRefreshFailed(e);
            return null;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var checks = await Task.WhenAll(tables.CheckAsync(cancellationToken), queues.CheckAsync(cancellationToken));
        var storage = new StorageHealth(checks.All(c => c.Reachable), checks[0], checks[1]);
        if (!storage.Reachable)
        {
            return new Snapshot(null, storage, null, now);
        }

        try
        {
            var syncs = await LastSyncsAsync(cancellationToken);
            var digest = await LastDigestAsync(cancellationToken);
            var (waiting, unreadable, unreadableDrafts) = await QueueAsync(cancellationToken);
            var poisoned = await failures.PoisonedAsync(cancellationToken);
            return new Snapshot(new HealthReport("ok", now, storage, syncs, digest, waiting, unreadable,
                poisoned.Select(p => new StuckWork(p.Queue, p.Subject, p.Reason, p.Attempts, p.FailedAt)).ToList())
            {
                UnreadableRows = [.. unreadableDrafts.Select(k => $"{Tables.Drafts}/{k}"), .. tables.Unreadable.Names],
            }, storage, null, now);
        }
        catch (StorageUnavailableException e)
        {
            // It went away after answering the probe: the message names the service and endpoint.
            return new Snapshot(null, storage with { Reachable = false }, e.Message, now);
        }
    }

    /// <summary>The newest cursor move per source (GitHub, Jira, the sample): a cursor moves only after its data is stored.</summary>
    private async Task<IReadOnlyList<SourceSync>> LastSyncsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.SyncCursors, cancellationToken);
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await tables.Guard(async () =>
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "CursorUpdatedAt"], cancellationToken: cancellationToken))
            {
                var source = KeyCodec.Decode(row.PartitionKey);
                var at = row.GetDateTimeOffset("CursorUpdatedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue;
                if (!newest.TryGetValue(source, out var seen) || at > seen)
                {
                    newest[source] = at;
                }
            }

            return true;
        });
        return newest.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new SourceSync(p.Key, p.Value)).ToArray();
    }

    private async Task<DateTimeOffset?> LastDigestAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        return await tables.Guard(async () =>
        {
            DateTimeOffset? newest = null;
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["SentAt"], cancellationToken: cancellationToken))
            {
                if (row.GetDateTimeOffset("SentAt") is { } sent && (newest is null || sent > newest))
                {
                    newest = sent;
                }
            }

            return newest;
        });
    }

    /// <summary>Drafts waiting for a reviewer, and rows of the queue that cannot be read (skipped everywhere, so named here).</summary>
    private async Task<(int Waiting, int Unreadable, IReadOnlyList<string> UnreadableKeys)> QueueAsync(CancellationToken cancellationToken)
    {
        var listing = await queue.ReadAsync(null, cancellationToken);
        return (listing.Drafts.Count(d => d.Status == DraftStatus.PendingReview), listing.SkippedKeys.Count, listing.SkippedKeys);
    }

    public void Dispose() => _refreshing.Dispose();

    /// <param name="Report">Null when storage did not answer.</param>
    /// <param name="Problem">Why, when a read failed after both services answered the probe.</param>
    private sealed record Snapshot(HealthReport? Report, StorageHealth Storage, string? Problem, DateTimeOffset TakenAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the health report failed; /api/health keeps answering with the last one.")]
    private partial void LogRefreshFailed(Exception exception);
}

public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, StorageHealth Storage, IReadOnlyList<SourceSync> LastSuccessfulSync, DateTimeOffset? LastDigestSentAt,
    int DraftsWaitingForReview, int UnreadableDrafts, IReadOnlyList<StuckWork> PoisonedWork)
{
    /// <summary>
    /// Rows skipped because they do not map, named by table and key: the review queue's as read now, and the activity
    /// and snapshot rows the readers skipped since start. They are left in storage for a person to look at.
    /// </summary>
    public IReadOnlyList<string> UnreadableRows { get; init; } = [];
}

/// <summary>Both services answered (<paramref name="Reachable"/>), and each one's own answer.</summary>
public sealed record StorageHealth(bool Reachable, StorageCheck Tables, StorageCheck Queues);

public sealed record SourceSync(string Source, DateTimeOffset At);

/// <summary>A message in a poison queue: the repository, project, team or delivery it was about, and why its last attempt failed.</summary>
public sealed record StuckWork(string Queue, string Subject, string? Reason, int? Attempts, DateTimeOffset? FailedAt);
