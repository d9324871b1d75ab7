using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>What pointed at a failed deployment.</summary>
internal sealed record FailureEvidence(string Source, string Description, DateTimeOffset DetectedAt, PullRequestRecord? Fix);

/// <summary>A failed deployment with all its evidence (earliest first) and the deployment that restored service.</summary>
internal sealed record DeploymentFailure(DeploymentRecord Deployment, IReadOnlyList<FailureEvidence> Evidence, DeploymentRecord? RestoredBy)
{
    public FailureEvidence Primary => Evidence[0];
}

/// <summary>
/// Attributes production failures to deployments: a revert of a PR the deployment shipped, a hotfix PR, or an
/// incident (GitHub issue with an incident label, or a Jira incident) opened within the failure window after
/// the deployment. A deployment fails at most once, however many sources point at it.
/// </summary>
internal sealed class FailureLedger
{
    public const string Revert = "revert";
    public const string Hotfix = "hotfix";
    public const string IncidentIssue = "incident_issue";
    public const string JiraIncident = "jira_incident";

    private static readonly string[] SourceOrder = [Revert, Hotfix, IncidentIssue, JiraIncident];

    private readonly Dictionary<DeploymentRecord, DeploymentFailure> _failures;
    private readonly HashSet<DeploymentRecord> _rework;
    private readonly HashSet<PullRequestRecord> _hotfixes;

    private FailureLedger(Dictionary<DeploymentRecord, DeploymentFailure> failures, HashSet<DeploymentRecord> rework, HashSet<PullRequestRecord> hotfixes)
    {
        _failures = failures;
        _rework = rework;
        _hotfixes = hotfixes;
    }

    public static FailureLedger Build(ActivityBatch activity, DeploymentTimeline timeline, ShippingIndex shipping, SignalSettings settings)
    {
        var evidence = new Dictionary<DeploymentRecord, List<FailureEvidence>>(ReferenceEqualityComparer.Instance);
        void Add(DeploymentRecord? deployment, FailureEvidence found)
        {
            if (deployment is null || found.DetectedAt - deployment.DeployedAt > settings.FailureWindow)
            {
                return;
            }

            if (!evidence.TryGetValue(deployment, out var list))
            {
                evidence[deployment] = list = [];
            }

            list.Add(found);
        }

        var merged = activity.PullRequests.Where(p => p.MergedAt is not null).ToList();
        var hotfixes = merged.Where(p => p.RevertsNumber is null && settings.IsHotfix(p)).ToHashSet<PullRequestRecord>(ReferenceEqualityComparer.Instance);
        var byNumber = activity.PullRequests.GroupBy(p => (p.Repository, p.Number)).ToDictionary(g => g.Key, g => g.First());
        foreach (var pr in merged)
        {
            if (pr.RevertsNumber is { } reverted)
            {
                // Only a revert merged after the reverted PR went out is a production failure.
                var deployment = byNumber.TryGetValue((pr.Repository, reverted), out var original) ? shipping.FirstDeployment(original) : null;
                if (deployment is not null && pr.MergedAt > deployment.DeployedAt)
                {
                    var detected = pr.CreatedAt > deployment.DeployedAt ? pr.CreatedAt : deployment.DeployedAt;
                    Add(deployment, new FailureEvidence(Revert, SignalContext.PullRequestLabel(pr), detected, pr));
                }
            }
            else if (hotfixes.Contains(pr))
            {
                Add(timeline.LatestAtOrBefore(pr.Repository, pr.CreatedAt), new FailureEvidence(Hotfix, SignalContext.PullRequestLabel(pr), pr.CreatedAt, pr));
            }
        }

        foreach (var issue in activity.Issues.Where(settings.IsIncident))
        {
            Add(timeline.LatestAtOrBefore(issue.Repository, issue.CreatedAt),
                new FailureEvidence(IncidentIssue, string.Create(CultureInfo.InvariantCulture, $"{issue.Repository}#{issue.Number} {issue.Title}"), issue.CreatedAt, null));
        }

        // A Jira project is not tied to one repository: the incident is charged to the team's latest deployment.
        foreach (var item in activity.WorkItems.Where(settings.IsIncident))
        {
            Add(timeline.LatestAtOrBefore(null, item.CreatedAt), new FailureEvidence(JiraIncident, $"{item.Key} {item.Summary}", item.CreatedAt, null));
        }

        var failures = new Dictionary<DeploymentRecord, DeploymentFailure>(ReferenceEqualityComparer.Instance);
        foreach (var (deployment, found) in evidence)
        {
            var ordered = found.OrderBy(e => e.DetectedAt).ThenBy(e => Array.IndexOf(SourceOrder, e.Source)).ToList();
            failures[deployment] = new DeploymentFailure(deployment, ordered, RestoredBy(deployment, ordered, timeline, shipping));
        }

        // A revert is rework only when what it reverts had already gone out; a hotfix always is. A reverted PR
        // that is not in the loaded rows was merged before the loaded window: long out, so its revert is rework too.
        bool Unplanned(PullRequestRecord pr) => pr.RevertsNumber is { } n
            ? !byNumber.TryGetValue((pr.Repository, n), out var original)
                || (shipping.FirstDeployment(original) is { } shipped && shipped.DeployedAt < pr.MergedAt)
            : hotfixes.Contains(pr);
        var rework = timeline.All
            .Where(d => shipping.ShippedBy(d).Any(Unplanned))
            .ToHashSet<DeploymentRecord>(ReferenceEqualityComparer.Instance);
        return new FailureLedger(failures, rework, hotfixes);
    }

    public DeploymentFailure? For(DeploymentRecord deployment) => _failures.GetValueOrDefault(deployment);

    /// <summary>A merged revert or hotfix PR (the regular expression is evaluated once per PR).</summary>
    public bool IsFix(PullRequestRecord pr) => pr.RevertsNumber is not null || _hotfixes.Contains(pr);

    /// <summary>Unplanned: the deployment shipped a hotfix, or a revert of a change already in production (DORA 2024's deployment rework).</summary>
    public bool IsRework(DeploymentRecord deployment) => _rework.Contains(deployment);

    /// <summary>
    /// The deployment that shipped the fix (the revert or hotfix), or an earlier rollback; for incidents without a fix PR, the
    /// repository's next deployment after the incident was opened. Null while nothing has restored it.
    /// </summary>
    private static DeploymentRecord? RestoredBy(DeploymentRecord failed, List<FailureEvidence> evidence, DeploymentTimeline timeline, ShippingIndex shipping)
    {
        var fixes = evidence.Where(e => e.Fix is not null).ToList();
        if (fixes.Count > 0)
        {
            // A rollback (a deployment of an older SHA, found by commit ancestry) restores service as a fix does.
            var rollback = timeline.For(failed.Repository)
                .FirstOrDefault(d => d.DeployedAt > failed.DeployedAt && d.Ancestry?.Method == AttributionMethods.Rollback);
            return fixes
                .Select(e => shipping.FirstDeployment(e.Fix!))
                .Append(rollback)
                .Where(d => d is not null && d.DeployedAt > failed.DeployedAt)
                .MinBy(d => d!.DeployedAt);
        }

        var onlyJira = evidence.All(e => e.Source == JiraIncident);
        return timeline.FirstAfter(onlyJira ? null : failed.Repository, evidence[0].DetectedAt);
    }

}
