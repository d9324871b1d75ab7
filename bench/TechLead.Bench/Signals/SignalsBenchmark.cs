using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench.Signals;

/// <summary>
/// All signals for one week of a 20-repository team with 52 weeks of history: compute time once loaded as the
/// history grows (5,000 -> 50,000 -> 500,000 PRs), and what the window load reads from Azurite versus what is stored.
/// Arguments: sizes in PRs (default 5000 50000 500000); --no-storage skips the Azurite part.
/// </summary>
internal sealed class SignalsBenchmark : IBenchmark
{
    private const int StoredSize = 50_000;

    public string Name => "signals";

    public string Description => "Signals for one week: compute time by history size, rows read vs stored (Azurite).";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sizes = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
        if (sizes.Count == 0)
        {
            sizes = [5_000, 50_000, 500_000];
        }

        var calendar = new TeamCalendar(new TeamSettings { Name = "Bench team", TimeZone = "UTC" }, TimeProvider.System);
        // Eight weeks before the history ends, so the week's failures, fixes and restores are all in the data.
        var week = calendar.WeekOf(SignalsWorkload.End).AddWeeks(-8);
        var settings = SignalSettings.Default;
        var weeks = new SignalWeeks(week, calendar, settings.ExcludeWeekends);

        output.WriteLine("## Signals");
        output.WriteLine();
        output.WriteLine(Invariant($"Command: `scripts/bench signals`. Week {week} of a generated team: {SignalsWorkload.RepositoryCount} repositories, {SignalsWorkload.Weeks} weeks of history; deployments are 1/10 and incidents 1/25 of the PRs, plus debt issues and one CI run per merged PR (10% rerun). Times are medians of 5 runs after a warm-up, on {Environment.ProcessorCount} cores shared with other builds."));
        output.WriteLine();
        output.WriteLine("### Compute once loaded, as the history grows");
        output.WriteLine();
        output.WriteLine("| PRs | deployments | incidents | rows in 52 weeks | rows the window load keeps | compute on those rows | ratio | compute on all 52 weeks in memory | ratio |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double? baseWindow = null, baseWhole = null;
        foreach (var size in sizes)
        {
            var workload = SignalsWorkload.Generate(size);
            var window = workload.WindowOf(weeks, settings);
            var request = Request(week, calendar, settings, workload.Repositories, window.Activity) with { DeployedBefore = window.DeployedBefore };
            var windowMs = MedianMilliseconds(() => SignalCalculator.Compute(request));
            var wholeMs = MedianMilliseconds(() => SignalCalculator.Compute(Request(week, calendar, settings, workload.Repositories, workload.Batch)));
            baseWindow ??= windowMs;
            baseWhole ??= wholeMs;
            var incidents = workload.Batch.Issues.Count(i => i.Labels.Contains("incident"));
            output.WriteLine(Invariant(
                $"| {size:N0} | {workload.Batch.Deployments.Count:N0} | {incidents:N0} | {workload.Batch.Count:N0} | {Rows(window.Activity):N0} | {windowMs:0.0} ms | {windowMs / baseWindow:0.0}x | {wholeMs:0} ms | {wholeMs / baseWhole:0.0}x |"));
            await output.FlushAsync(cancellationToken);
            GC.Collect();
        }

        if (!arguments.Contains("--no-storage"))
        {
            await StorageAsync(week, calendar, settings, weeks, output, cancellationToken);
        }
    }

    private static async Task StorageAsync(IsoWeek week, TeamCalendar calendar, SignalSettings settings, SignalWeeks weeks, TextWriter output, CancellationToken cancellationToken)
    {
        var workload = SignalsWorkload.Generate(StoredSize);
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        using var host = TestHost.Build(TestHost.Settings(azurite));
        var services = host.Services;

        var storing = Stopwatch.StartNew();
        var stored = await services.GetRequiredService<ActivityIngestor>().StoreAsync(workload.Batch, cancellationToken);
        storing.Stop();

        var loader = services.GetRequiredService<SignalLoader>();
        var repositories = workload.Repositories;
        ActivityBatch? activity = null;
        IReadOnlySet<RepositoryName>? deployedBefore = null;
        LoadStatistics? statistics = null;
        var loadMs = await MedianMillisecondsAsync(async () => (activity, deployedBefore, statistics) = await loader.LoadAsync(repositories, weeks, settings, cancellationToken), runs: 3);
        var request = Request(week, calendar, settings, repositories, activity!) with { DeployedBefore = deployedBefore! };
        var computeMs = MedianMilliseconds(() => SignalCalculator.Compute(request));
        var engine = services.GetRequiredService<SignalEngine>();
        var endToEndMs = await MedianMillisecondsAsync(() => engine.ComputeAsync(services.GetRequiredService<TeamDirectory>().Default, week, cancellationToken), runs: 3);

        // Baseline in the same run: read every row of the team's partitions, as a loader without windows would.
        var store = services.GetRequiredService<ActivityStore>();
        var scanned = new Dictionary<string, int>(StringComparer.Ordinal);
        var scan = Stopwatch.StartNew();
        foreach (var repository in repositories)
        {
            var partition = ActivityTables.RepositoryKey(repository);
            Count(scanned, Tables.PullRequests, await store.QueryAsync(PullRequestMap.Instance, partition, null, cancellationToken));
            Count(scanned, Tables.Deployments, await store.QueryAsync(DeploymentMap.Instance, partition, null, cancellationToken));
            Count(scanned, Tables.Issues, await store.QueryAsync(IssueMap.Instance, partition, null, cancellationToken));
            Count(scanned, Tables.WorkflowRuns, await store.QueryAsync(WorkflowRunMap.Instance, partition, null, cancellationToken));
        }

        scan.Stop();

        output.WriteLine();
        output.WriteLine(Invariant($"### Window load against Azurite ({StoredSize:N0} PRs stored)"));
        output.WriteLine();
        output.WriteLine(Invariant($"Stored {stored.Total:N0} rows through ActivityIngestor in {storing.Elapsed.TotalSeconds:0} s. Azurite in memory on loopback, {statistics!.Queries} queries per load."));
        output.WriteLine();
        output.WriteLine("| table | rows stored | rows read by the window load | share |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (table, count) in new[] { (Tables.PullRequests, stored.PullRequests), (Tables.Deployments, stored.Deployments), (Tables.Issues, stored.Issues), (Tables.WorkflowRuns, stored.WorkflowRuns) })
        {
            var read = statistics.EntitiesRead.GetValueOrDefault(table);
            output.WriteLine(Invariant($"| {table} | {count:N0} | {read:N0} | {(double)read / count:P1} |"));
        }

        output.WriteLine(Invariant($"| **all** | {stored.Total:N0} | {statistics.Total:N0} | {(double)statistics.Total / stored.Total:P1} |"));
        output.WriteLine();
        output.WriteLine("| step | time | ratio to the full scan |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine(Invariant($"| baseline: read every row of the 20 partitions ({scanned.Values.Sum():N0} rows) | {scan.Elapsed.TotalMilliseconds:0} ms | 1.00 |"));
        output.WriteLine(Invariant($"| window load ({statistics.Total:N0} rows) | {loadMs:0} ms | {loadMs / scan.Elapsed.TotalMilliseconds:0.00} |"));
        output.WriteLine(Invariant($"| compute once loaded | {computeMs:0.0} ms | {computeMs / scan.Elapsed.TotalMilliseconds:0.000} |"));
        output.WriteLine(Invariant($"| SignalEngine end to end (catalogue, load, compute) | {endToEndMs:0} ms | {endToEndMs / scan.Elapsed.TotalMilliseconds:0.00} |"));

        await TrendAsync(services, engine, week, output, cancellationToken);
    }

    /// <summary>
    /// The digest's and dashboard's 12-week trend: one load for all twelve reports against the baseline of one load per
    /// week (what the trend did before), measured in the same run on the same rows.
    /// </summary>
    private static async Task TrendAsync(IServiceProvider services, SignalEngine engine, IsoWeek week, TextWriter output, CancellationToken cancellationToken)
    {
        const int Weeks = 12;
        var team = services.GetRequiredService<TeamDirectory>().Default;
        var (perWeekRows, perWeekQueries) = (0, 0);
        var perWeekMs = await MedianMillisecondsAsync(async () =>
        {
            (perWeekRows, perWeekQueries) = (0, 0);
            for (var offset = Weeks - 1; offset >= 0; offset--)
            {
                var (_, statistics) = await engine.ComputeWeeksAsync(team, week.AddWeeks(-offset), 1, cancellationToken);
                perWeekRows += statistics.Total;
                perWeekQueries += statistics.Queries;
            }
        }, runs: 3);
        LoadStatistics? together = null;
        var togetherMs = await MedianMillisecondsAsync(async () => (_, together) = await engine.ComputeWeeksAsync(team, week, Weeks, cancellationToken), runs: 3);

        output.WriteLine();
        output.WriteLine(Invariant($"### A {Weeks}-week trend (the digest's charts, the dashboard's /api/signals/trend)"));
        output.WriteLine();
        output.WriteLine("| how | rows read | queries | time | ratio |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(Invariant($"| baseline: one load per week ({Weeks} reports) | {perWeekRows:N0} | {perWeekQueries:N0} | {perWeekMs:0} ms | 1.00 |"));
        output.WriteLine(Invariant($"| one load for all {Weeks} weeks | {together!.Total:N0} | {together.Queries:N0} | {togetherMs:0} ms | {togetherMs / perWeekMs:0.00} |"));
    }

    private static SignalRequest Request(IsoWeek week, TeamCalendar calendar, SignalSettings settings, IReadOnlyList<RepositoryName> repositories, ActivityBatch activity) =>
        new(week, calendar, settings, repositories.Select(r => new KnownRepository(r, Origins.GitHub)).ToArray(), activity);

    private static int Rows(ActivityBatch activity) =>
        activity.PullRequests.Count + activity.Deployments.Count + activity.Issues.Count + activity.WorkflowRuns.Count;

    private static void Count<T>(Dictionary<string, int> counts, string table, IReadOnlyList<T> rows) =>
        counts[table] = counts.GetValueOrDefault(table) + rows.Count;

    private static double MedianMilliseconds(Func<object> action, int runs = 5)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return Statistics.Median(times)!.Value;
    }

    private static async Task<double> MedianMillisecondsAsync(Func<Task> action, int runs)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return Statistics.Median(times)!.Value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
