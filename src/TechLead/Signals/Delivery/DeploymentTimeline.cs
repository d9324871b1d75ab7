using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>
/// Successful production deployments per repository, in time order, taken from each repository's configured
/// source: the Deployments API, published releases, or merges into the default branch.
/// </summary>
internal sealed class DeploymentTimeline
{
    private static readonly IReadOnlyList<DeploymentRecord> None = [];

    private readonly Dictionary<RepositoryName, List<DeploymentRecord>> _byRepository;
    private readonly IReadOnlySet<RepositoryName> _deployedBefore;

    private DeploymentTimeline(Dictionary<RepositoryName, List<DeploymentRecord>> byRepository, IReadOnlySet<RepositoryName> deployedBefore)
    {
        _byRepository = byRepository;
        _deployedBefore = deployedBefore;
        All = byRepository.Values.SelectMany(d => d)
            .OrderBy(d => d.DeployedAt).ThenBy(d => d.Repository.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every deployment of every repository, oldest first.</summary>
    public IReadOnlyList<DeploymentRecord> All { get; }

    public static DeploymentTimeline Build(IEnumerable<RepositoryName> repositories, ActivityBatch activity, IReadOnlySet<RepositoryName> deployedBefore, SignalSettings settings)
    {
        var byRepository = new Dictionary<RepositoryName, List<DeploymentRecord>>();
        foreach (var repository in repositories.Distinct())
        {
            var deployments = settings.DeploymentSource(repository) switch
            {
                DeploymentSources.Releases => FromReleases(repository, activity.Releases),
                DeploymentSources.Merges => FromMerges(repository, activity.PullRequests, settings),
                _ => activity.Deployments.Where(d => d.Repository == repository && IsSuccess(d.Status)),
            };
            byRepository[repository] = deployments
                .DistinctBy(d => d.Id, StringComparer.Ordinal)
                .OrderBy(d => d.DeployedAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        return new DeploymentTimeline(byRepository, deployedBefore);
    }

    public IReadOnlyList<DeploymentRecord> For(RepositoryName repository) =>
        _byRepository.TryGetValue(repository, out var deployments) ? deployments : None;

    public IEnumerable<DeploymentRecord> In(TimeWindow window) => TimeOrdered.In(All, d => d.DeployedAt, window);

    /// <summary>True when a deployment of the repository is known to have happened before the instant.</summary>
    public bool TrackedBefore(RepositoryName repository, DateTimeOffset instant) =>
        _deployedBefore.Contains(repository) || (For(repository) is { Count: > 0 } list && list[0].DeployedAt < instant);

    /// <summary>True when any repository has a deployment before the instant: deployments are being tracked at all.</summary>
    public bool AnyTrackedBefore(DateTimeOffset instant) =>
        _deployedBefore.Count > 0 || (All.Count > 0 && All[0].DeployedAt < instant);

    /// <summary>The latest deployment at or before the instant; of one repository, or of any when null.</summary>
    public DeploymentRecord? LatestAtOrBefore(RepositoryName? repository, DateTimeOffset instant)
    {
        var list = repository is { } r ? For(r) : All;
        var index = FirstIndexAfter(list, instant) - 1;
        return index >= 0 ? list[index] : null;
    }

    /// <summary>The first deployment strictly after the instant; of one repository, or of any when null.</summary>
    public DeploymentRecord? FirstAfter(RepositoryName? repository, DateTimeOffset instant)
    {
        var list = repository is { } r ? For(r) : All;
        var index = FirstIndexAfter(list, instant);
        return index < list.Count ? list[index] : null;
    }

    /// <summary>Index of the first deployment at or after the instant (binary search; the lists are sorted).</summary>
    internal static int FirstIndexAtOrAfter(IReadOnlyList<DeploymentRecord> list, DateTimeOffset instant) =>
        TimeOrdered.FirstAtOrAfter(list, d => d.DeployedAt, instant);

    private static int FirstIndexAfter(IReadOnlyList<DeploymentRecord> list, DateTimeOffset instant)
    {
        var index = FirstIndexAtOrAfter(list, instant);
        while (index < list.Count && list[index].DeployedAt == instant)
        {
            index++;
        }

        return index;
    }

    private static bool IsSuccess(string status) => string.Equals(status, "success", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<DeploymentRecord> FromReleases(RepositoryName repository, IEnumerable<ReleaseRecord> releases) =>
        releases
            .Where(r => r.Repository == repository && !r.IsDraft && !r.IsPrerelease && r.PublishedAt is not null)
            .Select(r => new DeploymentRecord
            {
                Repository = repository,
                Id = r.Tag,
                Environment = "production",
                // Attribution follows the tag (its commit, resolved by the sync); target_commitish may be a branch name,
                // and a SHA that matches nothing simply falls back to time order. Lead time runs to the publish time.
                Sha = r.TagSha ?? r.TargetSha ?? "",
                DeployedAt = r.PublishedAt!.Value,
                Source = DeploymentSources.Releases,
                IncludedShas = r.IncludedShas,
                Ancestry = r.Ancestry,
                Origin = r.Origin,
            });

    private static IEnumerable<DeploymentRecord> FromMerges(RepositoryName repository, IEnumerable<PullRequestRecord> pullRequests, SignalSettings settings) =>
        pullRequests
            .Where(p => p.Repository == repository && p.MergedAt is not null && p.MergeCommitSha is not null && settings.OnDefaultBranch(repository, p.BaseBranch))
            .Select(p => new DeploymentRecord
            {
                Repository = repository,
                Id = p.MergeCommitSha!,
                Environment = "production",
                Sha = p.MergeCommitSha!,
                DeployedAt = p.MergedAt!.Value,
                Source = DeploymentSources.Merges,
                IncludedShas = [p.MergeCommitSha!],
                Origin = p.Origin,
            });
}
