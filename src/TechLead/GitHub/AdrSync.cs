using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// ADR files: the folder is discovered once (one GraphQL request, <see cref="AdrFolders"/>), then listed with a
/// conditional REST request; only files whose git blob changed are read and stored (<see cref="AdrFiles"/>). Skipped entirely when the
/// repository itself answered 304 (nothing was pushed).
/// </summary>
internal sealed class AdrSync(ActivityStore store) : IRepositorySyncStep
{
    public const string Resource = "ADR files";

    public string Name => Resource;

    public string Permission => "Contents: read";

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        var repository = context.Repository;
        var cursor = await context.Cursors.GetAsync<AdrCursor>(repository, GitHubResources.Adrs, cancellationToken);
        if (!context.RepositoryChanged && cursor is not null)
        {
            return;
        }

        context.Report(Resource);
        var folder = cursor?.State.Folder;
        var etag = cursor?.ETag;
        var discovered = false;
        if (folder is null)
        {
            (folder, etag, discovered) = (await DiscoverAsync(context, cancellationToken), null, true);
        }

        if (folder is null)
        {
            await context.Cursors.SetAsync(repository, GitHubResources.Adrs, new AdrCursor(null), null, cancellationToken);
            return;
        }

        RestPage<List<RepositoryContent>> listing;
        try
        {
            listing = await List(context, folder, etag, cancellationToken);
        }
        catch (NotFoundException) when (!discovered)
        {
            // The folder moved or was removed since the last run: look again.
            folder = await DiscoverAsync(context, cancellationToken);
            if (folder is null)
            {
                await context.Cursors.SetAsync(repository, GitHubResources.Adrs, new AdrCursor(null), null, cancellationToken);
                return;
            }

            listing = await List(context, folder, null, cancellationToken);
        }

        if (listing.NotModified)
        {
            return;
        }

        var files = (listing.Body ?? []).Where(f => f.Type.StringValue == "file" && f.Path is not null && AdrFolders.IsAdrFile(f.Name ?? f.Path)).ToList();
        var known = (await store.QueryAsync(AdrFileMap.Instance, ActivityTables.RepositoryKey(repository), null, cancellationToken))
            .ToDictionary(a => a.Path, a => a.BlobSha, StringComparer.Ordinal);
        var changed = files.Where(f => !known.TryGetValue(f.Path, out var sha) || sha != f.Sha).ToList();
        var listed = changed.ToDictionary(f => f.Path, f => f.Sha, StringComparer.Ordinal);
        // The listing's SHA where GraphQL gave none, so an unchanged file is never read twice.
        var records = (await AdrFiles.ReadAsync(context.Session.GraphQl, repository, changed.Select(f => f.Path).ToList(), context.Now, cancellationToken))
            .Select(r => r with { BlobSha = r.BlobSha ?? listed[r.Path] })
            .ToList();
        await context.StoreAsync(new ActivityBatch { AdrFiles = records }, cancellationToken);
        await context.Cursors.SetAsync(repository, GitHubResources.Adrs, new AdrCursor(folder), listing.ETag, cancellationToken);
    }

    private static Task<string?> DiscoverAsync(RepositorySyncContext context, CancellationToken cancellationToken) =>
        AdrFolders.DiscoverAsync(context.Session.GraphQl, context.Repository, cancellationToken);

    private static Task<RestPage<List<RepositoryContent>>> List(RepositorySyncContext context, string folder, string? etag, CancellationToken cancellationToken) =>
        context.Session.Rest.GetAsync<List<RepositoryContent>>(
            new Uri($"repos/{context.Repository.Owner}/{context.Repository.Name}/contents/{string.Join('/', folder.Split('/').Select(Uri.EscapeDataString))}", UriKind.Relative),
            etag, cancellationToken);

    /// <summary>The ADR folder found (null: none), with the listing's ETag kept alongside.</summary>
    private sealed record AdrCursor(string? Folder);
}
