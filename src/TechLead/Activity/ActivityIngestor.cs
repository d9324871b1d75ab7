using Azure.Data.Tables;
using TechLead.Storage;

namespace TechLead.Activity;

/// <summary>What one store pass wrote, per kind of record.</summary>
public sealed record StoredCounts(int PullRequests, int Deployments, int Releases, int Issues, int WorkflowRuns, int WorkItems, int AdrFiles)
{
    public int Total => PullRequests + Deployments + Releases + Issues + WorkflowRuns + WorkItems + AdrFiles;

    public override string ToString() =>
        $"{PullRequests} pull requests, {Deployments} deployments, {Releases} releases, {Issues} issues, {WorkflowRuns} workflow runs, {WorkItems} work items, {AdrFiles} ADR files";
}

/// <summary>
/// The one path every source (sample, GitHub, Jira, webhooks) stores activity through, so every source gets the
/// same keys, trimming, batching and idempotency, the catalogue of known repositories stays complete, and every
/// <see cref="IStoredActivityObserver"/> hears about the rows once they are stored.
/// </summary>
internal sealed class ActivityIngestor(ActivityStore store, RepositoryCatalog catalog, IEnumerable<IStoredActivityObserver> observers)
{
    public async Task<StoredCounts> StoreAsync(ActivityBatch batch, CancellationToken cancellationToken)
    {
        var repositories = batch.PullRequests.Select(p => (p.Repository, p.Origin))
            .Concat(batch.Deployments.Select(d => (d.Repository, d.Origin)))
            .Concat(batch.Releases.Select(r => (r.Repository, r.Origin)))
            .Concat(batch.Issues.Select(i => (i.Repository, i.Origin)))
            .Concat(batch.WorkflowRuns.Select(w => (w.Repository, w.Origin)))
            .Concat(batch.AdrFiles.Select(a => (a.Repository, a.Origin)))
            .Distinct()
            .ToList();
        await catalog.RegisterAsync(repositories, cancellationToken);

        var counts = new StoredCounts(
            await store.UpsertAsync(PullRequestMap.Instance, batch.PullRequests, cancellationToken),
            await store.UpsertAsync(DeploymentMap.Instance, batch.Deployments, cancellationToken),
            await store.UpsertAsync(ReleaseMap.Instance, batch.Releases, cancellationToken),
            await store.UpsertAsync(IssueMap.Instance, batch.Issues, cancellationToken),
            await store.UpsertAsync(WorkflowRunMap.Instance, batch.WorkflowRuns, cancellationToken),
            await store.UpsertAsync(WorkItemMap.Instance, batch.WorkItems, cancellationToken),
            await store.UpsertAsync(AdrFileMap.Instance, batch.AdrFiles, cancellationToken));
        // After the rows, never before: whoever reads a mark then loads rows sees these rows.
        if (batch.Count > 0)
        {
            foreach (var observer in observers)
            {
                await observer.StoredAsync(batch, cancellationToken);
            }
        }

        return counts;
    }
}

/// <summary>
/// The catalogue of repositories any source stored activity for. Apart from the ingestor, so an observer of stored
/// rows (a draft producer) can list repositories without depending on the ingestor that tells it.
/// </summary>
internal sealed class RepositoryCatalog(TableStore tables)
{
    private const string RepositoriesTable = "Repositories";
    private const string CatalogPartition = "repositories";

    public async Task<IReadOnlyList<KnownRepository>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(RepositoriesTable, cancellationToken);
        return await tables.Guard(async () =>
        {
            var result = new List<KnownRepository>();
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogPartition, cancellationToken: cancellationToken))
            {
                result.Add(new KnownRepository(RepositoryName.Parse(entity.GetString("Name") ?? ""), entity.GetString("Origin") ?? ""));
            }

            return result;
        });
    }

    internal async Task RegisterAsync(List<(RepositoryName Repository, string Origin)> repositories, CancellationToken cancellationToken)
    {
        if (repositories.Count == 0)
        {
            return;
        }

        var table = await tables.GetTableAsync(RepositoriesTable, cancellationToken);
        var actions = repositories
            .GroupBy(r => ActivityTables.RepositoryKey(r.Repository), StringComparer.Ordinal)
            .Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(CatalogPartition, g.Key)
            {
                ["Name"] = g.First().Repository.ToString(),
                ["Origin"] = g.First().Origin,
            }));
        foreach (var chunk in actions.Chunk(ActivityStore.MaxActionsPerTransaction))
        {
            await tables.Guard(() => table.SubmitTransactionAsync(chunk, cancellationToken));
        }
    }
}

internal sealed record KnownRepository(RepositoryName Repository, string Origin)
{
    public bool IsSample => Origin == Origins.Sample;
}
