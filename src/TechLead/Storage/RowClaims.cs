using Azure;
using Azure.Data.Tables;

namespace TechLead.Storage;

/// <summary>What a claim on a row came to.</summary>
internal enum ClaimOutcome
{
    /// <summary>This run owns the row until it finishes with <see cref="RowClaim.ETag"/>.</summary>
    Claimed,

    /// <summary>The row exists and may not be taken over (<see cref="RowClaim.Existing"/> says why).</summary>
    Refused,

    /// <summary>Another run changed the row at the same moment (it vanished, or won the takeover).</summary>
    Contended,
}

/// <param name="Existing">The row found: the one taken over, or the one that refused; null for a fresh claim.</param>
internal readonly record struct RowClaim(ClaimOutcome Outcome, ETag ETag, TableEntity? Existing);

/// <summary>
/// Claim-before-send on one Table Storage row, for anything that must happen once (a digest per team and week, a chat
/// message per channel): add the row; if it exists, take it over with an ETag-conditional replace when the caller
/// says it may (failed, or a crashed claim gone stale), so of two racing runs exactly one wins. Finishing merges with
/// the claim's ETag, so a run whose claim was taken over cannot overwrite the new owner's row.
/// </summary>
internal static class RowClaims
{
    /// <param name="fresh">The row a first claim adds.</param>
    /// <param name="takeOver">Given the existing row, the row that replaces it, or null when it may not be taken over.</param>
    public static async Task<RowClaim> ClaimAsync(this TableStore tables, TableClient table, TableEntity fresh, Func<TableEntity, TableEntity?> takeOver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(takeOver);
        try
        {
            var added = await tables.Guard(() => table.AddEntityAsync(fresh, cancellationToken));
            return new RowClaim(ClaimOutcome.Claimed, added.Headers.ETag ?? ETag.All, null);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another run (or an earlier one) has the row: the caller decides from its state.
        }

        var found = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(fresh.PartitionKey, fresh.RowKey, cancellationToken: cancellationToken));
        if (!found.HasValue || found.Value is null)
        {
            return new RowClaim(ClaimOutcome.Contended, default, null);
        }

        var existing = found.Value;
        if (takeOver(existing) is not { } replacement)
        {
            return new RowClaim(ClaimOutcome.Refused, default, existing);
        }

        try
        {
            var updated = await tables.Guard(() => table.UpdateEntityAsync(replacement, existing.ETag, TableUpdateMode.Replace, cancellationToken));
            return new RowClaim(ClaimOutcome.Claimed, updated.Headers.ETag ?? ETag.All, existing);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new RowClaim(ClaimOutcome.Contended, default, existing);
        }
    }

    /// <summary>Whether a claim still "sending" was left by a run that crashed: no ClaimedAt, or older than <paramref name="staleAfter"/>.</summary>
    public static bool IsStale(TableEntity row, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(row);
        var claimedAt = row.GetDateTimeOffset("ClaimedAt");
        return claimedAt is null || now - claimedAt > staleAfter;
    }

    /// <summary>Merges the finished state into the claimed row (ClaimedAt stays), only while the claim is still this run's.</summary>
    public static async Task FinishAsync(this TableStore tables, TableClient table, TableEntity finished, ETag claim, CancellationToken cancellationToken) =>
        await tables.RenewAsync(table, finished, claim, cancellationToken);

    /// <summary>Merges into the claimed row while the claim is still this run's; returns the claim's new ETag (a 412 means it was taken over).</summary>
    public static async Task<ETag> RenewAsync(this TableStore tables, TableClient table, TableEntity values, ETag claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(table);
        var updated = await tables.Guard(() => table.UpdateEntityAsync(values, claim, TableUpdateMode.Merge, cancellationToken));
        return updated.Headers.ETag ?? ETag.All;
    }

    /// <summary>Deletes the claimed row while the claim is still this run's; a row taken over meanwhile stays (its owner's).</summary>
    public static async Task ReleaseAsync(this TableStore tables, TableClient table, string partitionKey, string rowKey, ETag claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await tables.Guard(() => table.DeleteEntityAsync(partitionKey, rowKey, claim, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone or someone else's now: nothing of ours to release.
        }
    }
}
