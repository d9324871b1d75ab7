using System.Globalization;
using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Deployments to production-like environments (GitHub:DeploymentEnvironmentPattern) with their statuses: the
/// success status' <c>created_at</c> is the deployment time. Statuses are read only for deployments not yet
/// final; deployments still running are read again next run (for a week, then given up).
/// </summary>
internal static class DeploymentSync
{
    public const string Resource = "deployments";
    private static readonly TimeSpan Recheck = TimeSpan.FromDays(7);

    public static async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
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
        foreach (var deployment in answer.Items.Where(d => d.Environment is not null && context.DeploymentEnvironments.IsMatch(d.Environment)))
        {
            if (settled.ContainsKey(deployment.Id))
            {
                continue;
            }

            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(Resource);
                complete = false;
                break;
            }

            var statuses = await context.Session.Rest.GetAsync<List<DeploymentStatus>>(
                new Uri($"repos/{repository.Owner}/{repository.Name}/deployments/{deployment.Id.ToString(CultureInfo.InvariantCulture)}/statuses?per_page=100", UriKind.Relative),
                null, cancellationToken);
            var record = context.MapOrSkip(Resource, $"deployment {deployment.Id}",
                () => GitHubRecordMapper.Deployment(repository, deployment, statuses.Body ?? []));
            if (record is not null)
            {
                records.Add(record);
                settled[deployment.Id] = deployment.CreatedAt;
            }
        }

        await context.StoreAsync(new ActivityBatch { Deployments = records }, cancellationToken);

        // An unfinished pass keeps the old horizon, so the deployments it did not reach are read next run.
        var seenNewest = complete ? answer.Items.Select(d => (DateTimeOffset?)d.CreatedAt).Append(answer.Newest).Max() : answer.Newest;
        var keepFrom = (seenNewest ?? context.Floor) - Recheck;
        await context.Cursors.SetAsync(repository, GitHubResources.Deployments,
            new DeploymentsCursor(seenNewest, settled.Where(s => s.Value >= keepFrom).ToDictionary()), complete ? answer.ETag : null, cancellationToken);
    }

    /// <summary>The newest deployment seen, and the recent deployments already stored with a final status.</summary>
    private sealed record DeploymentsCursor(DateTimeOffset? Newest, Dictionary<long, DateTimeOffset> Settled);
}
