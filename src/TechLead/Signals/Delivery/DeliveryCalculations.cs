using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>Pure calculations over loaded activity; the loader decides which rows are read.</summary>
public static class DeliveryCalculations
{
    /// <summary>Deployments that may ship PRs merged this long before them; older merges predate tracking.</summary>
    public static readonly TimeSpan MaxShippingDelay = TimeSpan.FromDays(30);

    public static IReadOnlyList<DeploymentRecord> SuccessfulDeployments(DeliveryData data, DateTimeOffset start, DateTimeOffset end) =>
        data.Deployments.Where(d => d.Status == "success" && d.DeployedAt >= start && d.DeployedAt < end).ToList();

    public static int DeploymentDays(IEnumerable<DeploymentRecord> deployments, Func<DateTimeOffset, DateOnly> localDate) =>
        deployments.Select(d => localDate(d.DeployedAt)).Distinct().Count();

    /// <summary>
    /// Change lead time in hours, first commit to the first successful production deployment that contains the
    /// PR's merge commit, for the PRs whose first deployment falls in [start, end).
    /// </summary>
    public static IReadOnlyList<double> LeadTimesHours(DeliveryData data, DateTimeOffset start, DateTimeOffset end)
    {
        var firstDeployment = FirstDeploymentBySha(data);
        var hours = new List<double>();
        foreach (var pr in data.PullRequests.Where(p => p.MergeCommitSha is not null && p.MergedAt is not null))
        {
            if (!firstDeployment.TryGetValue((pr.Repository, pr.MergeCommitSha!), out var deployedAt)
                || deployedAt < start || deployedAt >= end
                || deployedAt - pr.MergedAt!.Value > MaxShippingDelay)
            {
                continue;
            }

            var began = pr.FirstCommitAt ?? pr.CreatedAt;
            hours.Add((deployedAt - began).TotalHours);
        }

        return hours;
    }

    private static Dictionary<(RepositoryName, string), DateTimeOffset> FirstDeploymentBySha(DeliveryData data)
    {
        var first = new Dictionary<(RepositoryName, string), DateTimeOffset>();
        foreach (var deployment in data.Deployments.Where(d => d.Status == "success").OrderBy(d => d.DeployedAt))
        {
            foreach (var sha in deployment.IncludedShas.DefaultIfEmpty(deployment.Sha))
            {
                first.TryAdd((deployment.Repository, sha), deployment.DeployedAt);
            }
        }

        return first;
    }
}
