using Octokit;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.GitHub;

/// <summary>
/// Pull requests: listed by <c>updated</c> descending until the stored cursor (<see cref="DescendingWalk"/>),
/// each page completed by one GraphQL request (first commit, reviews, ready-for-review, size, files) and stored
/// before the cursor moves. Then open pull requests are re-checked with a conditional request on the open list.
/// A revert that names the reverted pull request by title or commit is usually listed before it (newest first):
/// it is kept in a small pending list (a cursor of its own, so a crash does not lose it) and resolved once the
/// walk has stored everything older.
/// </summary>
internal sealed class PullRequestSync(RevertResolver reverts, ActivityStore store) : IRepositorySyncStep
{
    public const string Resource = "pull requests";

    public string Name => Resource;

    public string Permission => "Pull requests: read";

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var pending = (await context.Cursors.GetAsync<PendingReverts>(context.Repository, GitHubResources.PendingReverts, cancellationToken))?.State.Items.ToList() ?? [];
        var outcome = await DescendingWalk.RunAsync<PullRequest>(context, GitHubResources.PullRequests, List(context.Repository, "all"),
            pr => pr.Number > 0 && pr.UpdatedAt != default ? (pr.UpdatedAt, pr.Number) : null,
            async (page, ct) =>
            {
                var unresolved = await StoreAsync(context, page, ct);
                if (unresolved.Count > 0)
                {
                    pending.AddRange(unresolved);
                    await context.Cursors.SetAsync(context.Repository, GitHubResources.PendingReverts, new PendingReverts(pending), null, ct);
                }
            },
            cancellationToken);
        if (!outcome.Complete)
        {
            return;
        }

        if (pending.Count > 0)
        {
            await ResolvePendingAsync(context, pending, cancellationToken);
        }

        await RecheckOpenAsync(context, outcome.Processed, cancellationToken);
    }

    /// <summary>
    /// Maps pull requests with their GraphQL details, resolves reverts where it can, and stores them. Returns the
    /// reverts whose reverted pull request is not stored yet.
    /// </summary>
    public async Task<IReadOnlyList<PendingRevert>> StoreAsync(RepositorySyncContext context, IReadOnlyList<PullRequest> pullRequests, CancellationToken cancellationToken)
    {
        var unresolved = new List<PendingRevert>();
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
            unresolved.AddRange(mapped.Zip(records)
                .Where(m => m.Second.RevertsNumber is null && m.First.Item2 is { Number: null })
                .Select(m => new PendingRevert(m.Second.Number, m.First.Item2!.RevertedTitle, m.First.Item2.RevertedSha)));
        }

        return unresolved;
    }

    /// <summary>Everything older is stored now: resolve the pending reverts and store those that found their pull request.</summary>
    private async Task ResolvePendingAsync(RepositorySyncContext context, List<PendingRevert> pending, CancellationToken cancellationToken)
    {
        var items = new List<(PullRequestRecord, RevertReference?)>();
        foreach (var revert in pending.DistinctBy(p => p.Number))
        {
            if (await store.GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(context.Repository), KeyCodec.Number(revert.Number), cancellationToken) is { } record)
            {
                items.Add((record, new RevertReference(null, revert.Title, revert.Sha)));
            }
        }

        var resolved = (await reverts.ResolveAsync(context.Repository, items, cancellationToken)).Where(r => r.RevertsNumber is not null).ToList();
        // An update of rows already counted, so it is not counted again; what stays unresolved reverts something older than the backfill.
        await context.StoreAsync(new ActivityBatch { PullRequests = resolved }, cancellationToken, count: false);
        await context.Cursors.SetAsync(context.Repository, GitHubResources.PendingReverts, new PendingReverts([]), null, cancellationToken);
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
        _ = await StoreAsync(context, open, cancellationToken);
        await context.Cursors.SetAsync(context.Repository, GitHubResources.OpenPullRequests, new OpenPullRequestsCursor(open.Count), etag, cancellationToken);
    }

    private static Uri List(RepositoryName repository, string state) =>
        new($"repos/{repository.Owner}/{repository.Name}/pulls?state={state}&sort=updated&direction=desc&per_page=100", UriKind.Relative);

    private sealed record OpenPullRequestsCursor(int Refreshed);

    private sealed record PendingReverts(IReadOnlyList<PendingRevert> Items);
}

/// <summary>A stored revert whose reverted pull request (named by title or commit) was not stored yet.</summary>
internal sealed record PendingRevert(int Number, string? Title, string? Sha);
