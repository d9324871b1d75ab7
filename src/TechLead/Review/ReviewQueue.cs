using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Drafting;
using TechLead.Storage;

namespace TechLead.Review;

/// <summary>A decision the queue refuses (approving a rejected draft, an unknown id); the message says why.</summary>
public sealed class DraftDecisionException(string message) : Exception(message);

/// <summary>
/// A decision made on a version of the draft that is no longer current (someone else decided, or it was drafted
/// again): nothing was changed. The dashboard answers it with 412 Precondition Failed.
/// </summary>
internal sealed class DraftChangedException(string message) : Exception(message);

/// <summary>
/// The review queue in Table Storage (table <see cref="Tables.Drafts"/>): one row per draft, keyed by a hash of kind
/// and inputs so a redelivered input never makes a second draft. Status changes use the row's ETag, so two workers
/// or a worker and a reviewer never overwrite each other.
/// </summary>
public sealed partial class ReviewQueue(TableStore tables, IOptions<DraftingOptions> options, TimeProvider time, ILogger<ReviewQueue> logger)
{
    private const string Partition = DraftRows.Partition;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>Queues a request; if the same kind and inputs were requested before, returns that draft instead.</summary>
    public async Task<(DraftRecord Draft, bool Created)> RequestAsync(DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var hash = Hash($"{request.Kind}\n{request.IdempotencyInput}");
        var draft = new DraftRecord
        {
            Id = $"{Short(request.Kind)}-{hash[..16]}",
            Kind = request.Kind,
            Status = DraftStatus.Pending,
            Repository = request.Repository,
            Subject = request.Subject,
            InputIds = request.InputIds,
            InputHash = hash,
            PayloadJson = request.PayloadJson,
            NextAttemptAt = now,
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RetentionDays),
        };

        var table = await tables.GetTableAsync(Tables.Drafts, cancellationToken);
        try
        {
            await tables.Guard(() => table.AddEntityAsync(DraftRows.ToEntity(draft), cancellationToken));
            return (draft, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(draft.Id, cancellationToken) ?? draft, false);
        }
    }

    public async Task<DraftRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Drafts, cancellationToken);
        var response = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(Partition, KeyCodec.Encode(id), cancellationToken: cancellationToken));
        return response.HasValue && response.Value is not null ? TryRead(response.Value) : null;
    }

    /// <summary>A draft by its id or an unambiguous start of it (as printed by <c>drafts list</c>).</summary>
    public async Task<DraftRecord> FindAsync(string idOrPrefix, CancellationToken cancellationToken)
    {
        if (await GetAsync(idOrPrefix, cancellationToken) is { } exact)
        {
            return exact;
        }

        var matches = (await ListAsync(null, cancellationToken)).Where(d => d.Id.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DraftDecisionException($"No draft '{idOrPrefix}'. 'drafts list --status all' shows every draft."),
            _ => throw new DraftDecisionException($"'{idOrPrefix}' matches {matches.Count} drafts ({string.Join(", ", matches.Select(m => m.Id))}); give more of the id."),
        };
    }

    /// <summary>Drafts with the given status (null: all), newest first.</summary>
    public async Task<IReadOnlyList<DraftRecord>> ListAsync(DraftStatus? status, CancellationToken cancellationToken) =>
        (await ReadAsync(status, cancellationToken)).Drafts;

    /// <summary>
    /// Drafts with the given status (null: all), newest first, and how many rows could not be read: one damaged row
    /// is skipped and logged (its key only), never the reason the whole queue is unreadable.
    /// </summary>
    public async Task<DraftListing> ReadAsync(DraftStatus? status, CancellationToken cancellationToken)
    {
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {status.Value.ToStoredString()}");
        var (drafts, skipped) = await QueryRowsAsync(filter, cancellationToken);
        return new DraftListing(drafts.OrderByDescending(d => d.CreatedAt).ToList(), skipped);
    }

    /// <summary>Pending drafts whose next attempt is due, oldest first.</summary>
    public async Task<IReadOnlyList<DraftRecord>> DueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {DraftStatus.Pending.ToStoredString()} and NextAttemptAt le {now}");
        return (await QueryAsync(filter, cancellationToken))
            .Where(d => d.LeaseUntil is null || d.LeaseUntil < now)
            .OrderBy(d => d.CreatedAt)
            .ToList();
    }

    /// <summary>
    /// Claims a pending draft for one drafting attempt (counts the attempt). Null when someone else changed or
    /// claimed it first: then this worker leaves it alone.
    /// </summary>
    public async Task<DraftRecord?> TryLeaseAsync(DraftRecord draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var leased = draft with { Attempts = draft.Attempts + 1, LeaseUntil = time.GetUtcNow().Add(Lease) };
        return await TryReplaceAsync(leased, cancellationToken);
    }

    /// <summary>
    /// Stores the result of an attempt: a draft for review, or the reason it failed with the time of the next
    /// attempt (exponential backoff, at least the service's Retry-After), or no next attempt when retrying cannot help.
    /// </summary>
    public async Task<DraftRecord?> SaveOutcomeAsync(DraftRecord leased, DraftOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leased);
        ArgumentNullException.ThrowIfNull(outcome);
        var now = time.GetUtcNow();
        var spent = leased with
        {
            DrafterKind = outcome.DrafterKind,
            Usage = leased.Usage.Then(outcome.Usage),
            LeaseUntil = null,
        };
        DraftRecord updated;
        if (outcome.Succeeded)
        {
            updated = spent with
            {
                Status = DraftStatus.PendingReview,
                Documents = outcome.Documents,
                Findings = outcome.Findings,
                DraftedAt = now,
                LastFailure = null,
                NextAttemptAt = null,
            };
        }
        else
        {
            var settings = options.Value;
            var again = outcome.Retryable && leased.Attempts < settings.MaxAttempts;
            var backoff = settings.RetryBackoff * Math.Pow(2, Math.Max(0, leased.Attempts - 1));
            if (outcome.RetryAfter is { } asked && asked > backoff)
            {
                backoff = asked;
            }

            var reason = again
                ? outcome.FailureReason
                : $"{outcome.FailureReason} (no further automatic attempts after {leased.Attempts}; 'drafts retry {leased.Id}' tries again, '--offline' drafts it from the template)";
            updated = spent with { Status = DraftStatus.Pending, LastFailure = reason, NextAttemptAt = again ? now + backoff : null };
        }

        return await TryReplaceAsync(updated, cancellationToken);
    }

    public Task<DraftRecord> ApproveAsync(string id, string decidedBy, string? editedText, CancellationToken cancellationToken) =>
        ApproveAsync(id, decidedBy, editedText, expectedVersion: null, cancellationToken);

    /// <param name="expectedVersion">
    /// The <see cref="Version"/> the reviewer saw; when given and the draft changed since, nothing changes and
    /// <see cref="DraftChangedException"/> is thrown.
    /// </param>
    public Task<DraftRecord> ApproveAsync(string id, string decidedBy, string? editedText, string? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(id, DraftStatus.PendingReview, expectedVersion, draft => draft with
        {
            Status = string.IsNullOrWhiteSpace(editedText) ? DraftStatus.Approved : DraftStatus.Edited,
            EditedText = string.IsNullOrWhiteSpace(editedText) ? null : editedText,
            DecidedAt = time.GetUtcNow(),
            DecidedBy = decidedBy,
        }, cancellationToken);

    public Task<DraftRecord> RejectAsync(string id, string decidedBy, string? reason, CancellationToken cancellationToken) =>
        RejectAsync(id, decidedBy, reason, expectedVersion: null, cancellationToken);

    /// <param name="expectedVersion">As for <see cref="ApproveAsync(string, string, string?, string?, CancellationToken)"/>.</param>
    public Task<DraftRecord> RejectAsync(string id, string decidedBy, string? reason, string? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(id, null, expectedVersion, draft => draft.Status is DraftStatus.Pending or DraftStatus.PendingReview
            ? draft with { Status = DraftStatus.Rejected, DecidedAt = time.GetUtcNow(), DecidedBy = decidedBy, DecisionNote = reason, NextAttemptAt = null }
            : throw new DraftDecisionException($"Draft {draft.Id} is {draft.Status.ToStoredString()}; only pending drafts can be rejected."), cancellationToken);

    /// <summary>Records where an approved draft's text was written (a draft GitHub release).</summary>
    public Task<DraftRecord> RecordWrittenToAsync(string id, Uri location, CancellationToken cancellationToken) =>
        DecideAsync(id, null, null, draft => draft.Status is DraftStatus.Approved or DraftStatus.Edited
            ? draft with { WrittenTo = location }
            : throw new DraftDecisionException($"Draft {draft.Id} is {draft.Status.ToStoredString()}; only approved drafts are written anywhere."), cancellationToken);

    /// <summary>The text a person approved: their edit, or the drafted documents as Markdown.</summary>
    public static string ApprovedText(DraftRecord draft, DraftRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(renderer);
        return draft.EditedText ?? string.Join("\n", draft.Documents.Select(renderer.Markdown));
    }

    /// <summary>Makes a pending draft due now again, with a fresh attempt budget.</summary>
    public Task<DraftRecord> RetryAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, DraftStatus.Pending, null, draft => draft with { Attempts = 0, NextAttemptAt = time.GetUtcNow(), LeaseUntil = null }, cancellationToken);

    /// <summary>Deletes the texts of drafts past retention; the rows stay as tombstones so nothing is drafted twice.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ExpiresAt lt {now} and Status ne {DraftStatus.Expired.ToStoredString()}");
        var expired = 0;
        foreach (var draft in await QueryAsync(filter, cancellationToken))
        {
            var tombstone = draft with
            {
                Status = DraftStatus.Expired,
                PayloadJson = "",
                Documents = [],
                EditedText = null,
                Findings = [],
                NextAttemptAt = null,
                DecisionNote = $"expired after {options.Value.RetentionDays} days (was {draft.Status.ToStoredString()})",
            };
            if (await TryReplaceAsync(tombstone, cancellationToken) is not null)
            {
                expired++;
            }
        }

        return expired;
    }

    /// <summary>
    /// An opaque, strong HTTP entity tag for the version of the draft that was read: a hash of the row's ETag, so
    /// the storage's own (weak, timestamp-shaped) tag never leaves the app.
    /// </summary>
    public static string Version(DraftRecord draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return $"\"{Hash(draft.ETag ?? "")[..20]}\"";
    }

    private async Task<DraftRecord> DecideAsync(string id, DraftStatus? requiredStatus, string? expectedVersion, Func<DraftRecord, DraftRecord> change, CancellationToken cancellationToken)
    {
        var draft = expectedVersion is null
            ? await FindAsync(id, cancellationToken)
            : await GetAsync(id, cancellationToken) ?? throw new DraftDecisionException($"No draft '{id}'.");
        if (expectedVersion is not null && expectedVersion != Version(draft))
        {
            throw new DraftChangedException($"Draft {draft.Id} changed since you loaded it (it is now {draft.Status.ToStoredString()}); nothing was changed. Load it again and decide on what is there now.");
        }

        if (requiredStatus is not null && draft.Status != requiredStatus)
        {
            throw new DraftDecisionException(draft.Status == DraftStatus.Pending && requiredStatus == DraftStatus.PendingReview
                ? $"Draft {draft.Id} is not drafted yet ({draft.LastFailure ?? "waiting for ProcessDrafts"})."
                : $"Draft {draft.Id} is {draft.Status.ToStoredString()}; this needs a draft that is {requiredStatus.Value.ToStoredString()}.");
        }

        return await TryReplaceAsync(change(draft), cancellationToken)
            ?? (expectedVersion is null
                ? throw new DraftDecisionException($"Draft {draft.Id} changed while you decided; look at it again ('drafts show {draft.Id}').")
                : throw new DraftChangedException($"Draft {draft.Id} changed while you decided; nothing was changed. Load it again."));
    }

    private async Task<DraftRecord?> TryReplaceAsync(DraftRecord draft, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Drafts, cancellationToken);
        try
        {
            var response = await tables.Guard(() =>
                table.UpdateEntityAsync(DraftRows.ToEntity(draft), draft.ETag is null ? ETag.All : new ETag(draft.ETag), TableUpdateMode.Replace, cancellationToken));
            return draft with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private async Task<List<DraftRecord>> QueryAsync(string filter, CancellationToken cancellationToken) =>
        (await QueryRowsAsync(filter, cancellationToken)).Drafts;

    private async Task<(List<DraftRecord> Drafts, List<string> Skipped)> QueryRowsAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Drafts, cancellationToken);
        return await tables.Guard(async () =>
        {
            var drafts = new List<DraftRecord>();
            var skipped = new List<string>();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                if (TryRead(entity) is { } draft)
                {
                    drafts.Add(draft);
                }
                else
                {
                    skipped.Add(entity.RowKey);
                }
            }

            return (drafts, skipped);
        });
    }

    private DraftRecord? TryRead(TableEntity entity)
    {
        try
        {
            return DraftRows.FromEntity(entity);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException or UnreadableRowException)
        {
            // The exception's type and the field only: a message could quote the row's text.
            LogUnreadable(entity.RowKey, e is UnreadableRowException ? e.Message : e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draft row {RowKey} cannot be read ({Error}); it is skipped and left as it is.")]
    private partial void LogUnreadable(string rowKey, string error);

    private static string Short(string kind) => kind switch
    {
        DraftKinds.ReleaseNotes => "rn",
        DraftKinds.AdrSummary => "adr",
        _ => new string(kind.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray()).ToLowerInvariant(),
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Drafts as read, and the row keys of the rows skipped because they could not be read (left in place for a person to look at).</summary>
public sealed record DraftListing(IReadOnlyList<DraftRecord> Drafts, IReadOnlyList<string> SkippedKeys);
