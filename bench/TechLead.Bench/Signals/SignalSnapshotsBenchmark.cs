using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Signals;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench.Signals;

/// <summary>
/// The dashboard's signal APIs served from weekly snapshots for the 50,000-PR team of the signals benchmark:
/// GET /api/signals and GET /api/signals/trend (12 weeks) through serve, against the live computation
/// (<see cref="SignalEngine"/>, what the APIs did before) measured in the same run on the same rows; then the first read
/// after a late row lands in a closed week (stale weeks recomputed) as a figure of its own.
/// Arguments: PRs (default 50000), requests per figure (default 20).
/// </summary>
internal sealed class SignalSnapshotsBenchmark : IBenchmark
{
    private const int TrendWeeks = 12;
    private const int LateRounds = 3;

    public string Name => "signals-snapshots";

    public string Description => "/api/signals and /api/signals/trend from weekly snapshots vs live computation; first read after late data";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var size = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 50_000;
        var requests = arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 20;
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var settings = TestHost.Settings(azurite);
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["Logging:LogLevel:TechLead"] = "Warning";
            await using var app = await ServedApp.StartAsync(settings);
            var services = app.Services;
            var workload = SignalsWorkload.Generate(size);
            var ingestor = services.GetRequiredService<ActivityIngestor>();
            await ingestor.StoreAsync(workload.Batch, cancellationToken);

            var team = services.GetRequiredService<TeamDirectory>().Default;
            var engine = services.GetRequiredService<SignalEngine>();
            // Eight weeks before the history ends, as in the signals benchmark: a closed week with failures and fixes after it.
            var week = team.Calendar.WeekOf(SignalsWorkload.End).AddWeeks(-8);
            var weekPath = $"/api/signals?week={week}";
            var trendPath = $"/api/signals/trend?week={week}&weeks={TrendWeeks}";

            await engine.ComputeAsync(team, week, cancellationToken); // warm-up (JIT, table clients)
            var liveWeek = await Times(3, () => engine.ComputeAsync(team, week, cancellationToken));
            var liveTrend = await Times(3, () => engine.ComputeWeeksAsync(team, week, TrendWeeks, cancellationToken));

            var coldTrend = await DashboardBenchmark.TimeAsync(app.Client, trendPath, cancellationToken);
            var snapshotWeek = new List<double>();
            var snapshotTrend = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                snapshotWeek.Add(await DashboardBenchmark.TimeAsync(app.Client, weekPath, cancellationToken));
                snapshotTrend.Add(await DashboardBenchmark.TimeAsync(app.Client, trendPath, cancellationToken));
            }

            // Late data: one merged PR and its deployment, synced only now, dated three weeks before the week shown.
            var lateWeek = new List<double>();
            var lateTrend = new List<double>();
            var (start, _) = team.Calendar.Bounds(week.AddWeeks(-3));
            for (var round = 0; round < LateRounds * 2; round++)
            {
                await ingestor.StoreAsync(LateRows(workload.Repositories[round % workload.Repositories.Count], start.AddHours(30 + round), 990_000 + round), cancellationToken);
                // Alternate which read comes first after the late rows: each pays the recomputation once.
                if (round % 2 == 0)
                {
                    lateWeek.Add(await DashboardBenchmark.TimeAsync(app.Client, weekPath, cancellationToken));
                }
                else
                {
                    lateTrend.Add(await DashboardBenchmark.TimeAsync(app.Client, trendPath, cancellationToken));
                }
            }

            var (p50Week, p50Trend) = (Percentile(snapshotWeek, 50), Percentile(snapshotTrend, 50));
            var (liveWeekMs, liveTrendMs) = (Percentile(liveWeek, 50), Percentile(liveTrend, 50));
            output.WriteLine("## Signals from weekly snapshots");
            output.WriteLine();
            output.WriteLine(Invariant($"Command: `scripts/bench signals-snapshots {size} {requests}`. The signals benchmark's generated team ({size:N0} PRs, {workload.Batch.Count:N0} rows, {SignalsWorkload.RepositoryCount} repositories) stored in Azurite; `serve` in process; week {week}, trend of {TrendWeeks} weeks ending with it. {requests} requests per figure after a first read; live medians of 3 after a warm-up; {Environment.ProcessorCount} cores shared with other builds."));
            output.WriteLine();
            output.WriteLine("| what | p50 | p90 | ratio to live |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(Invariant($"| live: SignalEngine, one week (what /api/signals computed) | {liveWeekMs:0} ms | | 1.00 |"));
            output.WriteLine(Invariant($"| live: SignalEngine, {TrendWeeks} weeks in one load (what /api/signals/trend computed) | {liveTrendMs:0} ms | | 1.00 |"));
            output.WriteLine(Invariant($"| GET /api/signals from a snapshot | {p50Week:0.0} ms | {Percentile(snapshotWeek, 90):0.0} ms | {p50Week / liveWeekMs:0.000} |"));
            output.WriteLine(Invariant($"| GET /api/signals/trend ({TrendWeeks} weeks) from snapshots | {p50Trend:0.0} ms | {Percentile(snapshotTrend, 90):0.0} ms | {p50Trend / liveTrendMs:0.000} |"));
            output.WriteLine(Invariant($"| first GET /api/signals/trend, no snapshot yet ({TrendWeeks} computed and stored) | {coldTrend:0} ms | | {coldTrend / liveTrendMs:0.00} |"));
            output.WriteLine(Invariant($"| first GET /api/signals after a late row ({LateRounds} rounds) | {Percentile(lateWeek, 50):0} ms | | {Percentile(lateWeek, 50) / liveWeekMs:0.00} |"));
            output.WriteLine(Invariant($"| first GET /api/signals/trend after a late row ({LateRounds} rounds) | {Percentile(lateTrend, 50):0} ms | | {Percentile(lateTrend, 50) / liveTrendMs:0.00} |"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static ActivityBatch LateRows(RepositoryName repository, DateTimeOffset merged, int number) => new()
    {
        PullRequests =
        [
            new PullRequestRecord
            {
                Repository = repository, Number = number, Title = "Late change", Author = "dev", CreatedAt = merged.AddHours(-20),
                MergedAt = merged, ClosedAt = merged, UpdatedAt = merged, MergeCommitSha = $"late-{number}", Origin = Origins.GitHub,
            },
        ],
        Deployments =
        [
            new DeploymentRecord
            {
                Repository = repository, Id = $"late-{number}", Environment = "production", Sha = $"late-{number}", DeployedAt = merged.AddHours(2),
                IncludedShas = [$"late-{number}"], Origin = Origins.GitHub,
            },
        ],
    };

    private static async Task<List<double>> Times(int runs, Func<Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Percentile(List<double> values, double p) => TechLead.Signals.Statistics.Percentile(values, p) ?? double.NaN;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
