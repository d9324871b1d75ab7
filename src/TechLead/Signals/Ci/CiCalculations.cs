using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.Ci;

/// <summary>CI health on the default branch: how long feedback takes, how often it is red, and how often "just rerun it" turns it green.</summary>
internal static class CiCalculations
{
    private const string C = SignalCategories.Ci;

    private static readonly HashSet<string> Failed = new(["failure", "timed_out", "startup_failure"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<SignalValue> Compute(SignalContext context)
    {
        var runs = CountingRuns(context);
        return
        [
            SignalShapes.Distribution(context,
                new SignalMeta("ci_duration", "CI duration", C, SignalUnits.Hours,
                    "Wall-clock duration of default-branch workflow runs started in the week that passed or failed, every attempt (median and p90); cancelled and skipped runs are left out.",
                    SignalSources.BookFastFeedback),
                "run", w => RunsIn(runs, w)
                    .Where(r => r.CompletedAt is not null && Decided(r))
                    .Select(r => Math.Max(0, (r.CompletedAt!.Value - r.StartedAt).TotalHours))
                    .ToList()),
            SignalShapes.Share(context,
                new SignalMeta("ci_failure_rate", "CI failure rate", C, SignalUnits.Ratio,
                    "Share of default-branch workflow runs started in the week whose last attempt failed (failure, timed out or failed to start); cancelled and skipped runs are left out.",
                    SignalSources.BookFastFeedback, "A run that went green on a rerun is not a failure here; it shows up in the rerun signal instead."),
                "run", w =>
                {
                    var decided = RunsIn(runs, w)
                        .GroupBy(r => (r.Repository, r.Id))
                        .Select(g => g.MaxBy(r => r.Attempt)!)
                        .Where(Decided)
                        .ToList();
                    return (decided.Count(IsFailure), decided.Count);
                }),
            FlakyReruns(context, runs),
        ];
    }

    /// <summary>Testing debt: deployments whose commit failed CI at least once ("Leveling Up as a Tech Lead", ch. 8).</summary>
    public static SignalValue DeploymentsFailingCi(SignalContext context)
    {
        // The earliest run, and the earliest failed run, of every commit on the default branch.
        var firstRun = new Dictionary<(RepositoryName, string), DateTimeOffset>();
        var firstFailure = new Dictionary<(RepositoryName, string), DateTimeOffset>();
        foreach (var run in context.Activity.WorkflowRuns.Where(context.Settings.CountsForCi))
        {
            Earliest(firstRun, (run.Repository, run.HeadSha), run.StartedAt);
            if (IsFailure(run))
            {
                Earliest(firstFailure, (run.Repository, run.HeadSha), run.StartedAt);
            }
        }

        return SignalShapes.Share(context,
            new SignalMeta("deployments_failing_ci", "Deployments that failed CI first", SignalCategories.TechDebt, SignalUnits.Ratio,
                "Share of the week's deployments whose commit had at least one failed CI run before going out (deployments without a stored CI run are left out).",
                SignalSources.BookFastFeedback, "Testing debt: a commit that fails and then passes unchanged usually means a flaky test."),
            "deployment", w =>
            {
                var tested = context.Deployments.In(w).Where(d => firstRun.TryGetValue((d.Repository, d.Sha), out var at) && at < d.DeployedAt).ToList();
                return (tested.Count(d => firstFailure.TryGetValue((d.Repository, d.Sha), out var at) && at < d.DeployedAt), tested.Count);
            });
    }

    private static void Earliest(Dictionary<(RepositoryName, string), DateTimeOffset> earliest, (RepositoryName, string) key, DateTimeOffset at)
    {
        if (!earliest.TryGetValue(key, out var known) || at < known)
        {
            earliest[key] = at;
        }
    }

    private static SignalValue FlakyReruns(SignalContext context, WorkflowRunRecord[] runs)
    {
        (int Flaky, int Commits, int Rerun) Count(TimeWindow w)
        {
            var commits = RunsIn(runs, w).GroupBy(r => (r.Repository, r.Name, r.HeadSha)).ToList();
            var flaky = commits.Count(g =>
            {
                var ordered = g.OrderBy(r => r.StartedAt).ThenBy(r => r.Attempt).ToList();
                var firstFailure = ordered.FindIndex(IsFailure);
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

    /// <summary>The runs that count for CI health, in start order.</summary>
    private static WorkflowRunRecord[] CountingRuns(SignalContext context) =>
        context.Activity.WorkflowRuns.Where(context.Settings.CountsForCi).OrderBy(r => r.StartedAt).ToArray();

    private static IEnumerable<WorkflowRunRecord> RunsIn(WorkflowRunRecord[] runs, TimeWindow window) => TimeOrdered.In(runs, r => r.StartedAt, window);

    private static bool Decided(WorkflowRunRecord run) => IsSuccess(run) || IsFailure(run);

    private static bool IsFailure(WorkflowRunRecord run) => run.Conclusion is not null && Failed.Contains(run.Conclusion);

    private static bool IsSuccess(WorkflowRunRecord run) => string.Equals(run.Conclusion, "success", StringComparison.OrdinalIgnoreCase);
}
