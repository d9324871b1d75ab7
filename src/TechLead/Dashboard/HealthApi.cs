using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using TechLead.Review;
using TechLead.Storage;

namespace TechLead.Dashboard;

/// <summary>
/// <c>GET /api/health</c>: anonymous (a monitor probes it), so it shows times and counts only, never text. 200 when
/// storage answers, 503 (ProblemDetails) when it does not.
/// </summary>
public sealed class HealthApi(TableStore tables, ReviewQueue queue, TimeProvider time)
{
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var syncs = await LastSyncsAsync(cancellationToken);
            var digest = await LastDigestAsync(cancellationToken);
            var (waiting, unreadable) = await QueueAsync(cancellationToken);
            return ApiJson.Ok(new HealthReport("ok", time.GetUtcNow(), new StorageHealth(true), syncs, digest, waiting, unreadable));
        }
        catch (StorageUnavailableException)
        {
            var problem = TypedResults.Problem(
                title: "Storage unreachable",
                detail: "Table Storage did not answer, so nothing can be synced, computed or reviewed until it does.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["storage"] = new StorageHealth(false) });
            return problem;
        }
    }

    /// <summary>The newest cursor move per source (GitHub, Jira, the sample): a cursor moves only after its data is stored.</summary>
    private async Task<IReadOnlyList<SourceSync>> LastSyncsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.SyncCursors, cancellationToken);
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await TableStore.Guard(tables.Endpoint, async () =>
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
        return await TableStore.Guard(tables.Endpoint, async () =>
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
    private async Task<(int Waiting, int Unreadable)> QueueAsync(CancellationToken cancellationToken)
    {
        var listing = await queue.ReadAsync(null, cancellationToken);
        return (listing.Drafts.Count(d => d.Status == DraftStatus.PendingReview), listing.Skipped);
    }
}

public sealed record HealthReport(string Status, DateTimeOffset CheckedAt, StorageHealth Storage, IReadOnlyList<SourceSync> LastSuccessfulSync, DateTimeOffset? LastDigestSentAt, int DraftsWaitingForReview, int UnreadableDrafts);

public sealed record StorageHealth(bool Reachable);

public sealed record SourceSync(string Source, DateTimeOffset At);
