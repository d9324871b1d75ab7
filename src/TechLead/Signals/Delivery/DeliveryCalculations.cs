using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>DORA's five software delivery metrics, pure calculations over a <see cref="SignalContext"/>.</summary>
internal static class DeliveryCalculations
{
    private const string C = SignalCategories.Delivery;

    public static IEnumerable<SignalValue> Compute(SignalContext context) =>
    [
        DeploymentFrequency(context),
        ChangeLeadTime(context),
        ChangeFailRate(context),
        FailedDeploymentRecoveryTime(context),
        DeploymentReworkRate(context),
    ];

    /// <summary>One change's lead time and its four parts, in hours; null parts are unknown (no first commit, no review).</summary>
    public sealed record LeadTime(PullRequestRecord PullRequest, DeploymentRecord Deployment, double Total, double? Coding, double? Pickup, double? Review, double Deploy);

    /// <summary>Lead times of the changes whose first deployment happened in the window.</summary>
    public static IReadOnlyList<LeadTime> LeadTimes(SignalContext context, TimeWindow window)
    {
        var weeks = context.Weeks;
        var result = new List<LeadTime>();
        foreach (var (pr, deployment) in context.Shipping.Pairs)
        {
            if (!window.Contains(deployment.DeployedAt))
            {
                continue;
            }

            var merged = pr.MergedAt!.Value;
            var ready = SignalContext.ReadyAt(pr);
            var review = SignalContext.CountedReviewAt(pr);
            result.Add(new LeadTime(
                pr,
                deployment,
                Total: weeks.Hours(pr.FirstCommitAt ?? pr.CreatedAt, deployment.DeployedAt),
                // Draft time counts as coding, so the four parts cover the whole lead time.
                Coding: pr.FirstCommitAt is { } first ? weeks.Hours(first, ready) : null,
                Pickup: review is { } r1 ? weeks.Hours(ready, r1) : null,
                Review: review is { } r2 ? weeks.Hours(r2, merged) : null,
                Deploy: weeks.Hours(merged, deployment.DeployedAt)));
        }

        return result;
    }

    private static SignalValue DeploymentFrequency(SignalContext context)
    {
        int? CountIn(TimeWindow w)
        {
            var count = context.Deployments.In(w).Count();
            return count == 0 && !context.Deployments.AnyTrackedBefore(w.End) ? null : count;
        }

        var meta = new SignalMeta("deployment_frequency", "Deployment frequency", C, SignalUnits.DeploymentsPerWeek,
            "Successful production deployments in the week, and the number of days with at least one (source per repository: deployments API, published releases or merges to the default branch).",
            SignalSources.Dora2024,
            "The tier is read from one week: elite needs deployments on 5 or more days and more deployments than days; any deployment is high; none is medium if the 4 weeks before had one, else low.");
        var deployments = context.Deployments.In(context.Current).ToList();
        var days = deployments.Select(d => context.Weeks.LocalDate(d.DeployedAt)).Distinct().Count();
        var signal = SignalShapes.Count(context, meta, CountIn,
            count => $"{SignalFormat.Count(count, "deployment")} on {SignalFormat.Count(days, "day")}");
        if (signal.Value is null)
        {
            return signal;
        }

        var before = context.Weeks.Previous.Any(w => context.Deployments.In(w).Any());
        return signal with
        {
            Tier = DoraTiers.DeploymentFrequencyTier(deployments.Count, days, before),
            TierTable = DoraTiers.DeploymentFrequency,
            Breakdown =
            [
                SignalShapes.CountPart("deployment_days", "Deployment days", SignalUnits.Count, days, SignalFormat.Count(days, "day"), deployments.Count),
                .. deployments.GroupBy(d => d.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                    SignalShapes.CountPart($"source_{g.Key}", $"From {g.Key}", SignalUnits.Count, g.Count(), SignalFormat.Count(g.Count(), "deployment"), g.Count())),
            ],
        };
    }

    private static SignalValue ChangeLeadTime(SignalContext context)
    {
        var maxDays = context.Settings.MaxShippingDelay.TotalDays.ToString("0", CultureInfo.InvariantCulture);
        var leftOut = context.Shipping.LeftOutIn(context.Current);
        var note = $"Bounded: a change first deployed more than {maxDays} days after its merge, or merged before its repository's first tracked deployment, is left out ({leftOut} this week), so a first deployment cannot sweep up old work."
            + (context.Weeks.ExcludeWeekends ? " Weekends are excluded from every duration." : "");
        var meta = new SignalMeta("change_lead_time", "Change lead time", C, SignalUnits.Hours,
            "Time from a change's first commit to the first successful production deployment that contains its merge commit (median and p90), split into coding (first commit to ready for review), pickup (to first review), review (to merge) and deploy (to production).",
            SignalSources.Dora2024, note);
        var leadTimes = LeadTimes(context, context.Current);
        var signal = SignalShapes.Distribution(context, meta, "change", w => LeadTimes(context, w).Select(l => l.Total).ToList());
        return signal with
        {
            Tier = signal.Value is { } median ? DoraTiers.ChangeLeadTimeTier(median) : null,
            TierTable = DoraTiers.ChangeLeadTime,
            Breakdown =
            [
                SignalShapes.DistributionPart(context, "coding", "Coding", SignalUnits.Hours, "change", leadTimes.Select(l => l.Coding).OfType<double>().ToList()),
                SignalShapes.DistributionPart(context, "pickup", "Pickup", SignalUnits.Hours, "change", leadTimes.Select(l => l.Pickup).OfType<double>().ToList()),
                SignalShapes.DistributionPart(context, "review", "Review", SignalUnits.Hours, "change", leadTimes.Select(l => l.Review).OfType<double>().ToList()),
                SignalShapes.DistributionPart(context, "deploy", "Deploy", SignalUnits.Hours, "change", leadTimes.Select(l => l.Deploy).ToList()),
            ],
        };
    }

    private static SignalValue ChangeFailRate(SignalContext context)
    {
        var window = context.Settings.FailureWindow.TotalHours.ToString("0", CultureInfo.InvariantCulture);
        var meta = new SignalMeta("change_fail_rate", "Change fail rate", C, SignalUnits.Ratio,
            $"Share of the week's production deployments followed by a failure: a revert of a PR it shipped, a hotfix PR, or an incident (issue label or Jira incident) opened within {window} hours after it. A deployment fails at most once.",
            SignalSources.Dora2024,
            "No tier is assigned: DORA 2024's clusters are not ordered by fail rate (high 20%, medium 10%); compare with the table. Failures found after the week ended count when the report is computed again.");
        var signal = SignalShapes.Share(context, meta, "deployment", w =>
        {
            var deployments = context.Deployments.In(w).ToList();
            return (deployments.Count(d => context.Failures.For(d) is not null), deployments.Count);
        });
        var attributions = context.Deployments.In(context.Current)
            .Select(context.Failures.For)
            .OfType<DeploymentFailure>()
            .Select(f => Attribution(context, f))
            .ToArray();
        return signal with { TierTable = DoraTiers.ChangeFailRate, Attributions = attributions };
    }

    private static SignalValue FailedDeploymentRecoveryTime(SignalContext context)
    {
        IReadOnlyList<double> RecoveryHours(TimeWindow w) => context.Deployments.In(w)
            .Select(context.Failures.For)
            .OfType<DeploymentFailure>()
            .Where(f => f.RestoredBy is not null)
            .Select(f => context.Weeks.Hours(f.Deployment.DeployedAt, f.RestoredBy!.DeployedAt))
            .ToList();

        var failed = context.Deployments.In(context.Current).Select(context.Failures.For).OfType<DeploymentFailure>().ToList();
        var hours = RecoveryHours(context.Current);
        var distribution = Statistics.Describe(hours);
        var meta = new SignalMeta("failed_deployment_recovery_time", "Failed deployment recovery time", C, SignalUnits.Hours,
            "Time from a failed deployment to the deployment that restored service: the one that shipped the revert or hotfix, else the repository's next deployment after the incident was opened (median over the week's failed deployments).",
            SignalSources.Dora2024,
            "Failures are rare, so one restored failure is enough to show a value."
            + (failed.Count > hours.Count
                ? $" Not counted: {SignalFormat.Count(failed.Count - hours.Count, "failed deployment")} this week with no restoring deployment recorded (fixed by a flag or config change, or still open)."
                : ""));
        var signal = meta.Build(
            distribution.Median,
            distribution.Count > 0 ? SignalShapes.DistributionDisplay(distribution, SignalUnits.Hours, "failure") : SignalFormat.NotEnough(0),
            distribution.Count,
            context.Trend(w => Statistics.Median(RecoveryHours(w))));
        return signal with
        {
            P90 = distribution.P90,
            Tier = distribution.Median is { } median ? DoraTiers.RecoveryTimeTier(median) : null,
            TierTable = DoraTiers.RecoveryTime,
        };
    }

    private static SignalValue DeploymentReworkRate(SignalContext context)
    {
        var meta = new SignalMeta("deployment_rework_rate", "Deployment rework rate", C, SignalUnits.Ratio,
            "Share of the week's production deployments that were unplanned, made because of a production incident: deployments that shipped a hotfix, or a revert of a change already in production.",
            SignalSources.Dora2024Rework,
            "A fix that shipped inside a planned deployment is not counted as rework.");
        var signal = SignalShapes.Share(context, meta, "deployment", w =>
        {
            var deployments = context.Deployments.In(w).ToList();
            return (deployments.Count(context.Failures.IsRework), deployments.Count);
        });
        var items = context.Deployments.In(context.Current).Where(context.Failures.IsRework).Select(d => new SignalItem
        {
            Label = $"{d.Repository} {d.Id}",
            Detail = "shipped " + string.Join(", ", context.Shipping.ShippedBy(d)
                .Where(context.Failures.IsFix)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"#{p.Number} {p.Title}"))),
        }).ToArray();
        return signal with { Items = items };
    }

    private static FailureAttribution Attribution(SignalContext context, DeploymentFailure failure) => new()
    {
        Repository = failure.Deployment.Repository.ToString(),
        DeploymentId = failure.Deployment.Id,
        DeployedAt = failure.Deployment.DeployedAt,
        Source = failure.Primary.Source,
        Sources = failure.Evidence.Select(e => e.Source).Distinct().ToArray(),
        Evidence = failure.Primary.Description,
        DetectedAt = failure.Primary.DetectedAt,
        RestoredAt = failure.RestoredBy?.DeployedAt,
        RecoveryHours = failure.RestoredBy is { } restored ? context.Weeks.Hours(failure.Deployment.DeployedAt, restored.DeployedAt) : null,
    };
}
