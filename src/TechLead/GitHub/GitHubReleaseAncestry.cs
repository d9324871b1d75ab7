using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;
using TechLead.ReleaseNotes;

namespace TechLead.GitHub;

/// <summary>
/// <c>compare/{tag}...{default branch}</c>, every page: the commits the next release's notes come from. Read when
/// notes are requested (a tag can move, a branch always does, so nothing is cached).
/// </summary>
internal sealed class GitHubReleaseAncestry(GitHubSessionFactory sessions, IOptions<GitHubOptions> options) : IReleaseAncestry
{
    public async Task<(IReadOnlySet<string>? Commits, string? Reason)> CommitsAfterAsync(RepositoryName repository, string tag, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return (null, "GitHub is not configured");
        }

        using var session = sessions.Create();
        try
        {
            var metadata = await session.Rest.GetAsync<Repository>(new Uri($"repos/{repository.Owner}/{repository.Name}", UriKind.Relative), null, cancellationToken);
            var branch = metadata.Body?.DefaultBranch ?? "main";
            var uri = new Uri($"repos/{repository.Owner}/{repository.Name}/compare/{Uri.EscapeDataString(tag)}...{Uri.EscapeDataString(branch)}?per_page=100", UriKind.Relative);
            var commits = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                var page = await session.Rest.GetAsync<CompareResult>(uri, null, cancellationToken);
                commits.UnionWith((page.Body?.Commits ?? []).Select(c => c.Sha).Where(s => !string.IsNullOrEmpty(s)));
                if (page.Next is null)
                {
                    return (commits, null);
                }

                uri = page.Next;
            }
        }
        catch (Exception e) when (GitHubFailures.Describe(e, "Contents: read", cancellationToken) is { } failure)
        {
            return (null, $"GitHub could not compare {tag} with the default branch: {failure.Reason}");
        }
    }
}
