using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Pull requests: listed by <c>updated</c> descending until the stored cursor (<see cref="DescendingWalk"/>),
/// each page completed by one GraphQL request (first commit, reviews, ready-for-review, size, files) and stored
/// before the cursor moves. Then open pull requests are re-checked with a conditional request on the open list.
/// </summary>
internal sealed class PullRequestSync(RevertResolver reverts)
{
    public const string Resource = "pull requests";

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var outcome = await DescendingWalk.RunAsync<PullRequest>(context, GitHubResources.PullRequests, List(context.Repository, "all"),
            pr => pr.Number > 0 && pr.UpdatedAt != default ? (pr.UpdatedAt, pr.Number) : null,
            (page, ct) => StoreAsync(context, page, ct), cancellationToken);
        if (outcome.Complete)
        {
            await RecheckOpenAsync(context, outcome.Processed, cancellationToken);
        }
    }

    /// <summary>Maps pull requests with their GraphQL details, resolves reverts, and stores them.</summary>
    public async Task StoreAsync(RepositorySyncContext context, IReadOnlyList<PullRequest> pullRequests, CancellationToken cancellationToken)
    {
        foreach (var chunk in pullRequests.Chunk(GitHubGraphQlClient.MaxNodes))
        {
            var details = await context.Session.GraphQl.PullRequestDetailsAsync(
                chunk.Select(p => p.NodeId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            var mapped = chunk
                .Select(pr => (Source: pr, Record: context.MapOrSkip(Resource, $"pull request #{pr.Number}",
                    () => GitHubRecordMapper.PullRequest(context.Repository, pr, pr.NodeId is { } id && details.TryGetValue(id, out var d) ? d : null))))
                .Where(m => m.Record is not null)
                .Select(m => (m.Record!, m.Record!.RevertsNumber is null ? GitHubRecordMapper.DetectRevert(m.Source.Head?.Ref, m.Source.Title, m.Source.Body) : null))
                .ToList();
            var records = await reverts.ResolveAsync(context.Repository, mapped, cancellationToken);
            await context.StoreAsync(new ActivityBatch { PullRequests = records }, cancellationToken);
        }
    }

    private async Task RecheckOpenAsync(RepositorySyncContext context, IReadOnlySet<long> alreadyStored, CancellationToken cancellationToken)
    {
        var cursor = await context.Cursors.GetAsync<OpenPullRequestsCursor>(context.Repository, GitHubResources.OpenPullRequests, cancellationToken);
        var page = await context.Session.Rest.GetAsync<List<PullRequest>>(List(context.Repository, "open"), cursor?.ETag, cancellationToken);
        if (page.NotModified)
        {
            return;
        }

        var etag = page.ETag;
        var open = new List<PullRequest>();
        while (true)
        {
            open.AddRange((page.Body ?? []).Where(pr => !alreadyStored.Contains(pr.Number)));
            if (page.Next is null)
            {
                break;
            }

            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly("open pull requests");
                return;
            }

            page = await context.Session.Rest.GetAsync<List<PullRequest>>(page.Next, null, cancellationToken);
        }

        // Reviews and commits can change what we know about an open pull request; refresh them all.
        await StoreAsync(context, open, cancellationToken);
        await context.Cursors.SetAsync(context.Repository, GitHubResources.OpenPullRequests, new OpenPullRequestsCursor(open.Count), etag, cancellationToken);
    }

    private static Uri List(RepositoryName repository, string state) =>
        new($"repos/{repository.Owner}/{repository.Name}/pulls?state={state}&sort=updated&direction=desc&per_page=100", UriKind.Relative);

    private sealed record OpenPullRequestsCursor(int Refreshed);
}
