using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// ADR files read from GitHub as records, for the sync (files whose blob changed) and the webhook (files a merged pull
/// request changed) alike: 25 per GraphQL request, with the time of the last commit that touched them, a SHA-256 of
/// their text and git's blob SHA, so the next sync skips a file the webhook already stored.
/// </summary>
internal static class AdrFiles
{
    public static async Task<IReadOnlyList<AdrFileRecord>> ReadAsync(
        GitHubGraphQlClient graphQl, RepositoryName repository, IReadOnlyList<string> paths, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            return [];
        }

        return (await graphQl.FilesAsync(repository, paths, cancellationToken))
            .Where(f => f.Text is not null)
            .Select(f => new AdrFileRecord
            {
                Repository = repository,
                Path = f.Path,
                Content = f.Text!,
                ContentHash = AdrFolders.ContentHash(f.Text!),
                BlobSha = f.BlobSha,
                LastChangedAt = f.LastChangedAt ?? now,
                Origin = Origins.GitHub,
            })
            .ToList();
    }

    /// <summary>The ADR files among <paramref name="changedPaths"/> (a merged pull request's files); none without an ADR folder.</summary>
    public static async Task<IReadOnlyList<AdrFileRecord>> ChangedAsync(
        GitHubGraphQlClient graphQl, RepositoryName repository, IReadOnlyList<string> changedPaths, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (changedPaths.Count == 0 || await AdrFolders.DiscoverAsync(graphQl, repository, cancellationToken) is not { } folder)
        {
            return [];
        }

        return await ReadAsync(graphQl, repository, changedPaths.Where(f => AdrFolders.IsAdrPath(f, folder)).ToList(), now, cancellationToken);
    }
}
