using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.Ci;

/// <summary>CI health on the default branch: how long feedback takes, how often it is red, and how often "just rerun it" turns it green.</summary>
public static class CiCalculations
{
    private const string C = SignalCategories.Ci;

    private static readonly HashSet<string> Failed = new(["failure", "timed_out", "startup_failure"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<SignalValue> Compute(SignalContext context) =>
    [
        SignalShapes.Distribution(context,
            new SignalMeta("ci_duration", "CI duration", C, SignalUnits.Hours,
                "Wall-clock duration of completed workflow runs (every attempt) on the default branch started in the week (median and p90).",
                SignalSources.BookFastFeedback),
            "run", w => RunsIn(context, w)
                .Where(r => r.CompletedAt is not null)
                .Select(r => Math.Max(0, (r.CompletedAt!.Value - r.StartedAt).TotalHours))
                .ToList()),
        SignalShapes.Share(context,
            new SignalMeta("ci_failure_rate", "CI failure rate", C, SignalUnits.Ratio,
                "Share of default-branch workflow runs started in the week whose last attempt failed (failure, timed out or failed to start); cancelled and skipped runs are left out.",
                SignalSources.BookFastFeedback, "A run that went green on a rerun is not a failure here; it shows up in the rerun signal instead."),
            "run", w =>
            {
                var decided = RunsIn(context, w)
                    .GroupBy(r => (r.Repository, r.Id))
                    .Select(g => g.MaxBy(r => r.Attempt)!)
                    .Where(r => r.Conclusion is not null && (Failed.Contains(r.Conclusion) || IsSuccess(r)))
                    .ToList();
                return (decided.Count(r => Failed.Contains(r.Conclusion!)), decided.Count);
            }),
        FlakyReruns(context),
    ];

    /// <summary>Testing debt: deployments whose commit failed CI at least once (book ch. 8).</summary>
    public static SignalValue DeploymentsFailingCi(SignalContext context)
    {
        var failedShas = context.Snapshot.WorkflowRuns
            .Where(r => context.Settings.CountsForCi(r) && r.Conclusion is not null && Failed.Contains(r.Conclusion))
            .Select(r => (r.Repository, r.HeadSha))
            .ToHashSet();
        var testedShas = context.Snapshot.WorkflowRuns.Where(context.Settings.CountsForCi).Select(r => (r.Repository, r.HeadSha)).ToHashSet();
        return SignalShapes.Share(context,
            new SignalMeta("deployments_failing_ci", "Deployments that failed CI first", SignalCategories.TechDebt, SignalUnits.Ratio,
                "Share of the week's deployments whose commit had at least one failed CI run before going out (deployments without stored CI runs are left out).",
                SignalSources.BookFastFeedback, "Testing debt: a commit that fails and then passes unchanged usually means a flaky test."),
            "deployment", w =>
            {
                var tested = context.Deployments.In(w).Where(d => testedShas.Contains((d.Repository, d.Sha))).ToList();
                return (tested.Count(d => failedShas.Contains((d.Repository, d.Sha))), tested.Count);
            });
    }

    private static SignalValue FlakyReruns(SignalContext context)
    {
        (int Flaky, int Commits, int Rerun) Count(TimeWindow w)
        {
            var commits = RunsIn(context, w).GroupBy(r => (r.Repository, r.Name, r.HeadSha)).ToList();
            var flaky = commits.Count(g =>
            {
                var ordered = g.OrderBy(r => r.StartedAt).ThenBy(r => r.Attempt).ToList();
                var firstFailure = ordered.FindIndex(r => r.Conclusion is not null && Failed.Contains(r.Conclusion));
                return firstFailure >= 0 && ordered.Skip(firstFailure + 1).Any(IsSuccess);
            });
            return (flaky, commits.Count, commits.Count(g => g.Count() > 1));
        }

        var meta = new SignalMeta("ci_flaky_reruns", "Flaky reruns", C, SignalUnits.Ratio,
            "Share of commits on the default branch (per workflow) that failed and then passed on a rerun of the same commit: the \"just rerun it\" flaky-test signal.",
            SignalSources.BookFastFeedback);
        var signal = SignalShapes.Share(context, meta, "commit", w => Count(w) is var (flaky, commits, _) ? (flaky, commits) : default);
        var current = Count(context.Current);
        return signal with
        {
            Breakdown =
            [
                SignalShapes.CountPart("rerun_commits", "Commits run more than once", SignalUnits.Count, current.Rerun,
                    string.Create(CultureInfo.InvariantCulture, $"{current.Rerun} of {SignalFormat.Count(current.Commits, "commit")}"), current.Commits),
            ],
        };
    }

    private static IEnumerable<WorkflowRunRecord> RunsIn(SignalContext context, TimeWindow window) =>
        context.Snapshot.WorkflowRuns.Where(r => window.Contains(r.StartedAt) && context.Settings.CountsForCi(r));

    private static bool IsSuccess(WorkflowRunRecord run) => string.Equals(run.Conclusion, "success", StringComparison.OrdinalIgnoreCase);
}
