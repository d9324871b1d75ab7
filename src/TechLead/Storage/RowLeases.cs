using Azure;
using Azure.Data.Tables;

namespace TechLead.Storage;

/// <summary>
/// Exclusive leases with an expiry, one Table Storage row each (table <c>Leases</c>): two workers never hold the same
/// key at once. Built on <see cref="RowClaims"/>: a fresh key is added, an expired lease is taken over with an
/// ETag-conditional replace (of two racing takers exactly one wins), renewals and the release carry the lease's ETag,
/// so a holder whose lease lapsed and was taken cannot extend or delete the new holder's row.
/// </summary>
internal sealed class RowLeases(TableStore tables, TimeProvider time)
{
    /// <summary>Takes the lease on <paramref name="key"/> for <paramref name="duration"/>, or says who holds it until when.</summary>
    public async Task<LeaseAttempt> TryAcquireAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var table = await tables.GetTableAsync(Tables.Leases, cancellationToken);
        var now = time.GetUtcNow();
        var row = Row(key, holder, now, now + duration);
        var claim = await tables.ClaimAsync(table, row, existing => ExpiresAt(existing) <= now ? row : null, cancellationToken);
        return claim.Outcome switch
        {
            ClaimOutcome.Claimed => new LeaseAttempt(new RowLease(this, table, key, holder, claim.ETag), null),
            ClaimOutcome.Refused => new LeaseAttempt(null, ExpiresAt(claim.Existing!)),
            // Another worker took it at the same moment: it holds the lease for about a full duration.
            _ => new LeaseAttempt(null, now + duration),
        };
    }

    internal async Task<ETag> RenewAsync(TableClient table, string key, string holder, TimeSpan duration, ETag etag, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await tables.RenewAsync(table, Row(key, holder, now, now + duration), etag, cancellationToken);
    }

    internal Task ReleaseAsync(TableClient table, string key, ETag etag, CancellationToken cancellationToken) =>
        tables.ReleaseAsync(table, Partition, KeyCodec.Encode(key), etag, cancellationToken);

    private const string Partition = "lease";

    private static TableEntity Row(string key, string holder, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new(Partition, KeyCodec.Encode(key)) { ["Holder"] = holder, ["ClaimedAt"] = now, ["ExpiresAt"] = expiresAt };

    private static DateTimeOffset ExpiresAt(TableEntity row) => row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue;
}

/// <param name="Lease">The lease taken, or null when another holder has it.</param>
/// <param name="HeldUntil">When the other holder's lease runs out unless renewed.</param>
internal sealed record LeaseAttempt(RowLease? Lease, DateTimeOffset? HeldUntil);

/// <summary>A lease this process holds; renew it before it runs out, release it when done.</summary>
internal sealed class RowLease
{
    private readonly RowLeases _leases;
    private readonly TableClient _table;
    private ETag _etag;

    internal RowLease(RowLeases leases, TableClient table, string key, string holder, ETag etag) =>
        (_leases, _table, Key, Holder, _etag) = (leases, table, key, holder, etag);

    public string Key { get; }

    public string Holder { get; }

    /// <summary>Extends the lease; false when it lapsed and another holder took it (stop working on its key).</summary>
    public async Task<bool> RenewAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            _etag = await _leases.RenewAsync(_table, Key, Holder, duration, _etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task ReleaseAsync(CancellationToken cancellationToken) => _leases.ReleaseAsync(_table, Key, _etag, cancellationToken);
}
