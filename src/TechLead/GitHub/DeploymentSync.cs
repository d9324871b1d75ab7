using System.Globalization;
using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Deployments to production-like environments (GitHub:DeploymentEnvironmentPattern) with their statuses: the
/// success status' <c>created_at</c> is the deployment time. Statuses are read only for deployments not yet
/// final, 100 deployments per GraphQL request (REST, one request each, for any GraphQL leaves out or when it fails);
/// deployments still running are read again next run (for a week, then given up).
/// </summary>
internal sealed class DeploymentSync : IRepositorySyncStep
{
    public const string Resource = "deployments";

    public string Name => Resource;

    public string Permission => "Deployments: read";

    private static readonly TimeSpan Recheck = TimeSpan.FromDays(7);

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        var repository = context.Repository;
        var answer = await NewestFirstList.ReadAsync<Deployment, DeploymentsCursor>(context, Resource, GitHubResources.Deployments, "deployments", Recheck,
            c => c.Newest, d => d.CreatedAt, cancellationToken);
        if (answer.NotModified)
        {
            return;
        }

        var settled = new Dictionary<long, DateTimeOffset>(answer.Cursor?.Settled ?? []);
        var records = new List<DeploymentRecord>();
        var complete = !answer.StoppedEarly;
        var pending = answer.Items
            .Where(d => d.Environment is not null && context.DeploymentEnvironments.IsMatch(d.Environment) && !settled.ContainsKey(d.Id))
            .ToList();
        var graphQl = true;
        foreach (var chunk in pending.Chunk(GitHubGraphQlClient.MaxNodes))
        {
            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(Resource);
                complete = false;
                break;
            }

            var batched = graphQl ? await StatusesAsync(context, chunk, cancellationToken) : null;
            graphQl = batched is not null;
            foreach (var deployment in chunk)
            {
                IEnumerable<GitHubDeploymentStatus> statuses;
                if (batched is not null && deployment.NodeId is { } id && batched.TryGetValue(id, out var found))
                {
                    statuses = found;
                }
                else
                {
                    if (context.Session.Budget.IsExhausted)
                    {
                        context.StoppedEarly(Resource);
                        complete = false;
                        break;
                    }

                    // Not in the GraphQL answer (null node, a second page of statuses) or GraphQL failed: REST, as before.
                    var page = await context.Session.Rest.GetAsync<List<DeploymentStatus>>(
                        new Uri($"repos/{repository.Owner}/{repository.Name}/deployments/{deployment.Id.ToString(CultureInfo.InvariantCulture)}/statuses?per_page=100", UriKind.Relative),
                        null, cancellationToken);
                    statuses = (page.Body ?? []).Select(s => new GitHubDeploymentStatus(s.State.StringValue?.ToLowerInvariant() ?? "", s.CreatedAt));
                }

                var record = context.MapOrSkip(Resource, $"deployment {deployment.Id}",
                    () => GitHubRecordMapper.Deployment(repository, deployment, statuses));
                if (record is not null)
                {
                    records.Add(record);
                    settled[deployment.Id] = deployment.CreatedAt;
                }
            }

            if (!complete)
            {
                break;
            }
        }

        await context.StoreAsync(new ActivityBatch { Deployments = records }, cancellationToken);

        // An unfinished pass keeps the old horizon, so the deployments it did not reach are read next run.
        var seenNewest = complete ? answer.Items.Select(d => (DateTimeOffset?)d.CreatedAt).Append(answer.Newest).Max() : answer.Newest;
        var keepFrom = (seenNewest ?? context.Floor) - Recheck;
        await context.Cursors.SetAsync(repository, GitHubResources.Deployments,
            new DeploymentsCursor(seenNewest, settled.Where(s => s.Value >= keepFrom).ToDictionary()), complete ? answer.ETag : null, cancellationToken);
    }

    /// <summary>
    /// The statuses of up to 100 deployments in one GraphQL request; null when GraphQL failed (other than the rate limit,
    /// which stops the run as on REST), and the run's notes say so: the caller then reads each from REST.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<GitHubDeploymentStatus>>?> StatusesAsync(
        RepositorySyncContext context, Deployment[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Session.GraphQl.DeploymentStatusesAsync(
                chunk.Select(d => d.NodeId).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is GitHubRequestException or GitHubDataException)
        {
            context.Note($"{Resource}: GitHub GraphQL could not read deployment statuses ({e.Message}); read them from REST, one request per deployment");
            return null;
        }
    }

    /// <summary>The newest deployment seen, and the recent deployments already stored with a final status.</summary>
    private sealed record DeploymentsCursor(DateTimeOffset? Newest, Dictionary<long, DateTimeOffset> Settled);
}
