using TechLead.Activity;

namespace TechLead.ReleaseNotes;

/// <summary>
/// The commits on the default branch that a release's tag does not contain (git's <c>tag...branch</c>): the notes for
/// the next release are the PRs whose merge commits are among them, as GitHub's own generated notes choose.
/// </summary>
internal interface IReleaseAncestry
{
    /// <summary>The commit SHAs, or null with the reason when they cannot be read (no GitHub, no access): then time decides.</summary>
    Task<(IReadOnlySet<string>? Commits, string? Reason)> CommitsAfterAsync(RepositoryName repository, string tag, CancellationToken cancellationToken);
}
