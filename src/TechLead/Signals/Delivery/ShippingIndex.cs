using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>
/// Which deployment first shipped each merged PR: the first deployment whose commits (IncludedShas, found by commit
/// ancestry against the previous deployment, or its own SHA) contain the PR's merge commit. A deployment whose
/// commits are not fully known (none listed, the first of its environment, capped, or no compare access) is also
/// assumed to ship everything merged before it. Squash, merge-commit and rebase merges all work because only the
/// PR's merge commit SHA is matched; a rollback (an older SHA) ships nothing new.
/// Bounded so a first deployment cannot sweep up old PRs: a PR first deployed more than
/// <see cref="SignalSettings.MaxShippingDelay"/> after its merge is left out, and so is a PR merged before the
/// repository's first tracked deployment unless a deployment names its commit.
/// </summary>
internal sealed class ShippingIndex
{
    private readonly Dictionary<PullRequestRecord, DeploymentRecord> _first = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DeploymentRecord, List<PullRequestRecord>> _shipped = new(ReferenceEqualityComparer.Instance);

    private ShippingIndex()
    {
    }

    private readonly List<DeploymentRecord> _leftOut = [];

    public static ShippingIndex Build(IEnumerable<PullRequestRecord> pullRequests, DeploymentTimeline timeline, SignalSettings settings)
    {
        var index = new ShippingIndex();
        foreach (var repository in pullRequests.Where(p => p.MergedAt is not null).GroupBy(p => p.Repository))
        {
            var deployments = timeline.For(repository.Key);
            if (deployments.Count == 0)
            {
                continue;
            }

            var lookup = RepositoryLookup.Build(deployments);
            foreach (var pr in repository)
            {
                if (!settings.OnDefaultBranch(pr.Repository, pr.BaseBranch))
                {
                    continue;
                }

                var (deployment, named) = lookup.FirstShipping(pr);
                if (deployment is null)
                {
                    continue;
                }

                var tooLate = deployment.DeployedAt - pr.MergedAt!.Value > settings.MaxShippingDelay;
                var beforeTracking = !named && !timeline.TrackedBefore(pr.Repository, pr.MergedAt.Value);
                if (tooLate || beforeTracking)
                {
                    index._leftOut.Add(deployment);
                    continue;
                }

                index._first[pr] = deployment;
                if (!index._shipped.TryGetValue(deployment, out var shipped))
                {
                    index._shipped[deployment] = shipped = [];
                }

                shipped.Add(pr);
            }
        }

        return index;
    }

    /// <summary>The first deployment that shipped the PR, or null (not merged, not deployed yet, or out of bounds).</summary>
    public DeploymentRecord? FirstDeployment(PullRequestRecord pr) => _first.GetValueOrDefault(pr);

    public IReadOnlyList<PullRequestRecord> ShippedBy(DeploymentRecord deployment) =>
        _shipped.TryGetValue(deployment, out var shipped) ? shipped : [];

    /// <summary>How many merged PRs a deployment in the window would have swept up, but were left out by the bounds.</summary>
    public int LeftOutIn(TimeWindow window) => _leftOut.Count(d => window.Contains(d.DeployedAt));

    /// <summary>Every (PR, first deployment) pair.</summary>
    public IEnumerable<KeyValuePair<PullRequestRecord, DeploymentRecord>> Pairs => _first;

    private sealed class RepositoryLookup
    {
        private readonly IReadOnlyList<DeploymentRecord> _deployments;
        private readonly Dictionary<string, int> _firstNaming = new(StringComparer.OrdinalIgnoreCase);
        // For each index, the first deployment at or after it that does not list its commits (-1: none).
        private readonly int[] _nextUnlisted;

        private RepositoryLookup(IReadOnlyList<DeploymentRecord> deployments)
        {
            _deployments = deployments;
            _nextUnlisted = new int[deployments.Count + 1];
            _nextUnlisted[deployments.Count] = -1;
            for (var i = deployments.Count - 1; i >= 0; i--)
            {
                _nextUnlisted[i] = CompletelyListed(deployments[i]) ? _nextUnlisted[i + 1] : i;
            }

            for (var i = 0; i < deployments.Count; i++)
            {
                foreach (var sha in deployments[i].IncludedShas.Append(deployments[i].Sha))
                {
                    if (sha.Length > 0)
                    {
                        _firstNaming.TryAdd(sha, i);
                    }
                }
            }
        }

        public static RepositoryLookup Build(IReadOnlyList<DeploymentRecord> deployments) => new(deployments);

        /// <summary>Its listed commits are all it shipped: found by ancestry, or listed by a source that knows (sample, merges).</summary>
        private static bool CompletelyListed(DeploymentRecord deployment) => deployment.Ancestry is { } ancestry
            ? AttributionMethods.IsComplete(ancestry.Method)
            : deployment.IncludedShas.Count > 0;

        /// <summary>The first deployment shipping the PR, and whether that deployment names the PR's commit.</summary>
        public (DeploymentRecord? Deployment, bool Named) FirstShipping(PullRequestRecord pr)
        {
            var named = pr.MergeCommitSha is { Length: > 0 } sha && _firstNaming.TryGetValue(sha, out var n) ? n : -1;
            var unlisted = _nextUnlisted[DeploymentTimeline.FirstIndexAtOrAfter(_deployments, pr.MergedAt!.Value)];
            return (named, unlisted) switch
            {
                (-1, -1) => (null, false),
                (-1, _) => (_deployments[unlisted], false),
                (_, -1) => (_deployments[named], true),
                _ when named <= unlisted => (_deployments[named], true),
                _ => (_deployments[unlisted], false),
            };
        }
    }
}
