using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Storage;

namespace TechLead.Chat;

/// <summary>The states of a message row in the chat ledger.</summary>
public enum ChatState
{
    [StoredAs("sending")]
    Sending,

    [StoredAs("sent")]
    Sent,

    /// <summary>Every try failed for a reason that may pass (429, 5xx, the network): the next run tries again.</summary>
    [StoredAs("failed")]
    Failed,

    /// <summary>The platform refused the message for good (archived channel, removed webhook, invalid payload): not retried.</summary>
    [StoredAs("rejected")]
    Rejected,
}

/// <summary>The one place a <see cref="ChatState"/> meets its stored string (the row's <c>State</c>, also a run's outcome word).</summary>
internal static class ChatStates
{
    public static string ToStoredString(this ChatState state) => StoredStrings<ChatState>.Of(state);

    /// <summary>A stored state, or null for none or an unknown one (no rule takes such a row over).</summary>
    public static ChatState? Parse(string? stored) => StoredStrings<ChatState>.Parse(stored);

    /// <summary>The state a claimed row holds: a row without one predates the state (sent).</summary>
    internal static ChatState? Held(TableEntity row) => row.GetString("State") is { } stored ? Parse(stored) : ChatState.Sent;
}

/// <summary>This run owns one message to one channel until it marks it sent, failed or rejected.</summary>
internal sealed record ChatClaim(string Team, string Key, int Attempts, ETag ETag);

/// <summary>
/// Each chat message to each channel is sent once, across runs and processes, like the digest: a run claims the
/// (team, message, channel) row with <c>AddEntity</c> before it sends (a conflict means another run has it), then marks it
/// sent with the claim's ETag. A failed message is taken over by the next run; a claim left "sending" past
/// <see cref="ChatOptions.StaleClaimMinutes"/> (a crash) is taken over with an ETag-conditional update. The ledger also
/// remembers, per agreement, the last state chat announced, so a change is announced once.
/// </summary>
internal sealed class ChatLedger(TableStore tables, TimeProvider time, IOptions<ChatOptions> options)
{
    public const string Table = "ChatMessages";

    /// <summary>The claim, or the state of the row that another run (or an earlier one) holds.</summary>
    public async Task<(ChatClaim? Claim, ChatState? HeldState)> ClaimAsync(string team, string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var now = time.GetUtcNow();
        var attempts = 1;
        var result = await tables.ClaimAsync(table, Row(team, key, ChatState.Sending, attempts, now), existing =>
        {
            var state = ChatStates.Held(existing);
            var stale = RowClaims.IsStale(existing, now, TimeSpan.FromMinutes(options.Value.StaleClaimMinutes));
            if (!(state == ChatState.Failed || (state == ChatState.Sending && stale)))
            {
                return null;
            }

            attempts = (existing.GetInt32("Runs") ?? 1) + 1;
            return Row(team, key, ChatState.Sending, attempts, now);
        }, cancellationToken);

        return result.Outcome switch
        {
            ClaimOutcome.Claimed => (new ChatClaim(team, key, attempts, result.ETag), null),
            ClaimOutcome.Refused => (null, ChatStates.Held(result.Existing!)),
            _ => (null, ChatState.Sending),
        };
    }

    public Task MarkAsync(ChatClaim claim, ChatState state, string? reason, CancellationToken cancellationToken) =>
        FinishAsync(claim, entity =>
        {
            entity["State"] = state.ToStoredString();
            entity[state == ChatState.Sent ? "SentAt" : "FailedAt"] = time.GetUtcNow();
            if (reason is not null)
            {
                entity["Error"] = TextLimits.Cap(reason, 1000);
            }
        }, cancellationToken);

    /// <summary>The state of one message's row, or null when no run has claimed it.</summary>
    public async Task<ChatState?> StateAsync(string team, string key, CancellationToken cancellationToken) =>
        ChatStates.Parse((await GetAsync(team, key, cancellationToken))?.GetString("State"));

    /// <summary>The last agreement state chat announced for (team, agreement) and its week; nulls when none was.</summary>
    public async Task<(string? State, string? Week)> AnnouncedAsync(string team, string agreementKey, CancellationToken cancellationToken) =>
        await GetAsync(team, AnnouncedKey(agreementKey), cancellationToken) is { } row ? (row.GetString("Announced"), row.GetString("Week")) : (null, null);

    public async Task SetAnnouncedAsync(string team, string agreementKey, string state, string week, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var entity = new TableEntity(KeyCodec.Encode(team), KeyCodec.Encode(AnnouncedKey(agreementKey)))
        {
            ["Announced"] = state,
            ["Week"] = week,
            ["At"] = time.GetUtcNow(),
        };
        await tables.Guard(() => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    private static string AnnouncedKey(string agreementKey) => $"announced|{agreementKey}";

    private async Task FinishAsync(ChatClaim claim, Action<TableEntity> fill, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var entity = new TableEntity(KeyCodec.Encode(claim.Team), KeyCodec.Encode(claim.Key));
        fill(entity);
        await tables.FinishAsync(table, entity, claim.ETag, cancellationToken);
    }

    private async Task<TableEntity?> GetAsync(string team, string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(Table, cancellationToken);
        var row = await tables.Guard(() =>
            table.GetEntityIfExistsAsync<TableEntity>(KeyCodec.Encode(team), KeyCodec.Encode(key), cancellationToken: cancellationToken));
        return row.HasValue ? row.Value : null;
    }

    private static TableEntity Row(string team, string key, ChatState state, int runs, DateTimeOffset claimedAt) => new(KeyCodec.Encode(team), KeyCodec.Encode(key))
    {
        ["State"] = state.ToStoredString(),
        ["Runs"] = runs,
        ["ClaimedAt"] = claimedAt.ToUniversalTime(),
    };
}
