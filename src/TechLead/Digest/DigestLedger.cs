using Azure;
using Azure.Data.Tables;
using TechLead.Hosting;
using TechLead.Storage;

namespace TechLead.Digest;

/// <summary>The states of a (team, week) row in the digests table.</summary>
public enum DigestState
{
    [StoredAs("sending")]
    Sending,

    [StoredAs("sent")]
    Sent,

    [StoredAs("failed")]
    Failed,
}

/// <summary>The one place a <see cref="DigestState"/> meets its stored string (the row's <c>State</c>).</summary>
internal static class DigestStates
{
    public static string ToStoredString(this DigestState state) => StoredStrings<DigestState>.Of(state);

    /// <summary>The state a row holds.</summary>
    public static DigestState? Read(TableEntity row) => Parse(row.GetString("State"));

    /// <summary>A stored state: none (a row older than the state) is sent; an unknown one is null, and no rule matches it.</summary>
    public static DigestState? Parse(string? stored) => stored is null ? DigestState.Sent : StoredStrings<DigestState>.Parse(stored);
}

/// <summary>This run owns the (team, week) send: <see cref="ETag"/> guards the row until it is marked sent or failed.</summary>
internal sealed record DigestClaim(string Team, string Week, string MessageId, int Sends, ETag ETag);

/// <summary>Why a run did not get the claim: already sent (and not forced), or another run is sending it right now.</summary>
internal sealed record DigestClaimRefused(DigestState? State, DateTimeOffset? SentAt, DateTimeOffset? ClaimedAt);

/// <summary>
/// Exactly one send per team and week, across processes: a run claims the row with <c>AddEntity</c> (a conflict means
/// another run has it), sends, then marks it sent with the claim's ETag. A failed send marks it failed so the next run
/// retries; a claim left "sending" past <see cref="DigestOptions.StaleClaimMinutes"/> (a crash) is taken over with an
/// ETag-conditional update, so of two runs taking it over only one wins.
/// </summary>
internal sealed class DigestLedger(TableStore tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<DigestOptions> options)
{
    public async Task<DateTimeOffset?> SentAtAsync(string team, string week, CancellationToken cancellationToken)
    {
        var row = await GetAsync(team, week, cancellationToken);
        return row is not null && DigestStates.Read(row) == DigestState.Sent ? row.GetDateTimeOffset("SentAt") : null;
    }

    /// <summary>Claims the send, or says who has it. <paramref name="force"/> claims a week already sent (a new Message-ID).</summary>
    public async Task<(DigestClaim? Claim, DigestClaimRefused? Refused)> ClaimAsync(string team, string week, string messageId, bool force, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        var now = time.GetUtcNow();
        var (id, sends) = (messageId, 1);
        var result = await tables.ClaimAsync(table, Row(team, week, DigestState.Sending, messageId, sends: 1, now), existing =>
        {
            var state = DigestStates.Read(existing);
            var takeOver = state switch
            {
                DigestState.Failed => true,
                DigestState.Sending => RowClaims.IsStale(existing, now, TimeSpan.FromMinutes(options.Value.StaleClaimMinutes)),
                _ => force,
            };
            if (!takeOver)
            {
                return null;
            }

            // A crashed claim keeps its Message-ID, so the rare duplicate it may cause is recognisable; a forced resend is a new message.
            var sent = existing.GetInt32("Sends") ?? 1;
            var at = messageId.IndexOf('@', StringComparison.Ordinal);
            (id, sends) = state == DigestState.Sent ? ($"{messageId[..at]}.{sent + 1}{messageId[at..]}", sent + 1) : (existing.GetString("MessageId") ?? messageId, sent);
            var claim = Row(team, week, DigestState.Sending, id, sends, now);
            if (existing.GetDateTimeOffset("SentAt") is { } sentAt)
            {
                claim["SentAt"] = sentAt;
            }

            return claim;
        }, cancellationToken);

        return result.Outcome switch
        {
            ClaimOutcome.Claimed => (new DigestClaim(team, week, id, sends, result.ETag), null),
            ClaimOutcome.Refused => (null, new DigestClaimRefused(DigestStates.Read(result.Existing!), result.Existing!.GetDateTimeOffset("SentAt"), result.Existing!.GetDateTimeOffset("ClaimedAt"))),
            _ => (null, new DigestClaimRefused(DigestState.Sending, null, now)),
        };
    }

    public Task MarkSentAsync(DigestClaim claim, int recipients, CancellationToken cancellationToken) =>
        FinishAsync(claim, DigestState.Sent, entity =>
        {
            entity["SentAt"] = time.GetUtcNow();
            entity["Recipients"] = recipients;
        }, cancellationToken);

    public Task MarkFailedAsync(DigestClaim claim, string reason, CancellationToken cancellationToken) =>
        FinishAsync(claim, DigestState.Failed, entity => entity["Error"] = TextLimits.Cap(reason, 1000), cancellationToken);

    private async Task FinishAsync(DigestClaim claim, DigestState state, Action<TableEntity> fill, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        var entity = Row(claim.Team, claim.Week, state, claim.MessageId, claim.Sends, null);
        fill(entity);
        await tables.FinishAsync(table, entity, claim.ETag, cancellationToken);
    }

    private async Task<TableEntity?> GetAsync(string team, string week, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Tables.Digests, cancellationToken);
        var row = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(team), week, cancellationToken: cancellationToken));
        return row.HasValue ? row.Value : null;
    }

    private static TableEntity Row(string team, string week, DigestState state, string messageId, int sends, DateTimeOffset? claimedAt)
    {
        var entity = new TableEntity(KeyCodec.Encode(team), week)
        {
            ["State"] = state.ToStoredString(),
            ["MessageId"] = messageId,
            ["Sends"] = sends,
        };
        if (claimedAt is { } at)
        {
            entity["ClaimedAt"] = at.ToUniversalTime();
        }

        return entity;
    }
}
