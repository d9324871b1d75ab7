using System.Text.Json;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.GitHub;

/// <summary>Cursor names per repository: one per resource the sync reads.</summary>
internal static class GitHubResources
{
    public const string Repository = "repository";
    public const string PullRequests = "pulls";
    public const string OpenPullRequests = "pulls-open";
    public const string PendingReverts = "pulls-reverts";
    public const string Issues = "issues";
    public const string Releases = "releases";
    public const string Deployments = "deployments";
    public const string WorkflowRuns = "workflow-runs";
    public const string Adrs = "adr";
}

/// <summary>A resource's cursor: a small JSON state plus the ETag of the answer it was built from.</summary>
internal sealed record GitHubCursor<T>(T State, string? ETag);

/// <summary>Typed cursors over <see cref="SyncCursorStore"/> (source "github", scope = repository).</summary>
internal sealed class GitHubCursors(SyncCursorStore store, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GitHubCursor<T>?> GetAsync<T>(RepositoryName repository, string resource, CancellationToken cancellationToken)
        where T : class
    {
        var cursor = await store.GetAsync(Origins.GitHub, Scope(repository), resource, cancellationToken);
        if (cursor is null || string.IsNullOrEmpty(cursor.Value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(cursor.Value, Json) is { } state ? new GitHubCursor<T>(state, cursor.ETag) : null;
        }
        catch (JsonException)
        {
            // An unreadable cursor (an older format) only costs a re-read from GitHub; upserts keep it idempotent.
            return null;
        }
    }

    public Task SetAsync<T>(RepositoryName repository, string resource, T state, string? etag, CancellationToken cancellationToken) =>
        store.SetAsync(Origins.GitHub, Scope(repository), resource,
            new SyncCursor(JsonSerializer.Serialize(state, Json), etag, time.GetUtcNow()), cancellationToken);

    private static string Scope(RepositoryName repository) => repository.ToString().ToLowerInvariant();
}
