using System.Text.Json.Serialization;
using TechLead.Drafting;
using TechLead.Hosting;

namespace TechLead.Review;

/// <summary>Where a draft is in its life. Nothing leaves "pending review" without a person.</summary>
[JsonConverter(typeof(StoredStringJsonConverter<DraftStatus>))]
public enum DraftStatus
{
    /// <summary>Requested, not drafted yet (or the last attempt failed: see <see cref="DraftRecord.LastFailure"/>).</summary>
    [StoredAs("pending")]
    Pending,

    [StoredAs("pending-review")]
    PendingReview,

    [StoredAs("approved")]
    Approved,

    /// <summary>Approved with the reviewer's edits; the drafted text is kept beside the edited one.</summary>
    [StoredAs("edited")]
    Edited,

    [StoredAs("rejected")]
    Rejected,

    /// <summary>Past retention: texts deleted, the row kept so the same input is never drafted again.</summary>
    [StoredAs("expired")]
    Expired,
}

/// <summary>The one place a <see cref="DraftStatus"/> meets its string: the row's <c>Status</c>, filters, JSON, CLI output and messages.</summary>
public static class DraftStatuses
{
    public static string ToStoredString(this DraftStatus status) => StoredStrings<DraftStatus>.Of(status);

    /// <summary>The status stored or asked for as <paramref name="text"/>, or null for none or an unknown one.</summary>
    public static DraftStatus? Parse(string? text) => StoredStrings<DraftStatus>.Parse(text);

    /// <summary>Every status's string, in the order of the life of a draft.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<DraftStatus>().Select(ToStoredString)];
}

public static class DraftKinds
{
    public const string ReleaseNotes = "release-notes";
    public const string AdrSummary = "adr-summary";
}

/// <summary>A request to draft something from given inputs; the same kind and inputs always make the same draft id.</summary>
public sealed record DraftRequest
{
    public required string Kind { get; init; }

    public string? Repository { get; init; }

    /// <summary>What a reviewer sees in lists: "octo/api release notes since v1.3.0", "ADR-0001: Use PostgreSQL".</summary>
    public required string Subject { get; init; }

    /// <summary>The inputs' ids as people know them: "#123", "ADR-0001", "docs/adr/0001-x.md@hash".</summary>
    public required IReadOnlyList<string> InputIds { get; init; }

    /// <summary>What makes two requests the same (with <see cref="Kind"/>): e.g. repository, path and content hash.</summary>
    public required string IdempotencyInput { get; init; }

    /// <summary>Everything the producer needs to draft it later, as JSON (a snapshot, so a retry drafts the same input).</summary>
    public required string PayloadJson { get; init; }
}

/// <summary>One draft in the review queue, with everything docs/drafting.md promises to keep (status, inputs, model, token counts, findings).</summary>
public sealed record DraftRecord
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required DraftStatus Status { get; init; }

    public string? Repository { get; init; }

    public required string Subject { get; init; }

    public IReadOnlyList<string> InputIds { get; init; } = [];

    public string InputHash { get; init; } = "";

    public string PayloadJson { get; init; } = "";

    public string? DrafterKind { get; init; }

    /// <summary>What every attempt so far cost together.</summary>
    public DraftUsage Usage { get; init; } = DraftUsage.None;

    public IReadOnlyList<DraftDocument> Documents { get; init; } = [];

    public IReadOnlyList<DraftFinding> Findings { get; init; } = [];

    /// <summary>The reviewer's text when they approved with edits; <see cref="Documents"/> keeps what was drafted.</summary>
    public string? EditedText { get; init; }

    public int Attempts { get; init; }

    public string? LastFailure { get; init; }

    /// <summary>When ProcessDrafts tries a pending draft again; null when it waits for a person.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DraftedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecidedBy { get; init; }

    public string? DecisionNote { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where the approved text was written, e.g. the draft GitHub release.</summary>
    public Uri? WrittenTo { get; init; }

    /// <summary>Optimistic concurrency: the row version this record was read at.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ETag { get; init; }
}

internal static class DraftOwnership
{
    /// <summary>Whether a draft is the team's: its repository is one of the team's, or it has none (not a repository's).</summary>
    public static bool BelongsTo(this DraftRecord draft, Team.TeamScope team)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(team);
        return draft.Repository is null || !Activity.RepositoryName.TryParse(draft.Repository, out var repository) || team.Includes(repository.Value);
    }
}
