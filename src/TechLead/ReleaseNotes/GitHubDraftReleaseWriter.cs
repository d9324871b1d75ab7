using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;

namespace TechLead.ReleaseNotes;

/// <summary>
/// Writes approved release notes into a DRAFT GitHub release (created, or the existing draft for the tag updated).
/// It never publishes: a release that is already published is left alone and reported.
/// </summary>
public sealed class GitHubDraftReleaseWriter(IOptions<ReleaseNotesOptions> options)
{
    public bool IsEnabled => options.Value.WriteDraftRelease && !string.IsNullOrWhiteSpace(options.Value.GitHubToken);

    /// <summary>Creates or updates the draft release for <paramref name="tag"/>; returns its web address.</summary>
    public async Task<Uri> WriteAsync(RepositoryName repository, string tag, string name, string body, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            throw new ReleaseNotesException("Writing draft releases is off: set ReleaseNotes:WriteDraftRelease=true and ReleaseNotes:GitHubToken.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var client = new GitHubClient(new ProductHeaderValue("techlead-drafts"), options.Value.GitHubApiUrl)
        {
            Credentials = new Credentials(options.Value.GitHubToken),
        };
        var releases = client.Repository.Release;
        var existing = (await releases.GetAll(repository.Owner, repository.Name, new ApiOptions { PageSize = 100, PageCount = 1, StartPage = 1 }))
            .FirstOrDefault(r => string.Equals(r.TagName, tag, StringComparison.Ordinal));
        if (existing is { Draft: false })
        {
            throw new ReleaseNotesException($"Release {tag} of {repository} is already published ({existing.HtmlUrl}); draft notes are never written over a published release.");
        }

        var written = existing is null
            ? await releases.Create(repository.Owner, repository.Name, new NewRelease(tag) { Name = name, Body = body, Draft = true, Prerelease = false })
            : await releases.Edit(repository.Owner, repository.Name, existing.Id, new ReleaseUpdate { Name = name, Body = body, Draft = true });
        return new Uri(written.HtmlUrl);
    }
}
