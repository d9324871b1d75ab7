using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Bench.Signals;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// The overview (GET /api/overview) on the signals benchmark's 50,000-PR team from its weekly snapshots, warm, one client,
/// against GET /api/signals on the same data in the same run; and GET /api/overview/teams with the same data split
/// into 20 teams of one repository each. Arguments: PRs (default 50000), requests per figure (default 50).
/// </summary>
internal sealed class OverviewBenchmark : IBenchmark
{
    public string Name => "overview";

    public string Description => "/api/overview (50,000-PR team) and /api/overview/teams (20 teams) against /api/signals, from snapshots";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var size = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 50_000;
        var requests = arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 50;
        var workload = SignalsWorkload.Generate(size);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var (overview, signals, week) = await MeasureAsync(azurite, workload, teams: false, requests, "/api/overview", cancellationToken);
            var (teamsTimes, teamsSignals, _) = await MeasureAsync(azurite, workload, teams: true, requests, "/api/overview/teams", cancellationToken);
            output.WriteLine("## Overview");
            output.WriteLine();
            output.WriteLine(Invariant($"Command: `scripts/bench overview {size} {requests}`. The signals benchmark's generated history ({size:N0} PRs, {SignalsWorkload.RepositoryCount} repositories) stored in Azurite; `serve` in process; week {week} (closed: from its snapshots), warm (one read first), one client, {requests} requests per figure; {Environment.ProcessorCount} cores shared with other builds."));
            output.WriteLine();
            output.WriteLine("| what | p50 | p99 | ratio to /api/signals p50 |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(Invariant($"| GET /api/signals, one team of {size:N0} PRs (baseline) | {P(signals, 50):0.0} ms | {P(signals, 99):0.0} ms | 1.00 |"));
            output.WriteLine(Invariant($"| GET /api/overview, the same team | {P(overview, 50):0.0} ms | {P(overview, 99):0.0} ms | {P(overview, 50) / P(signals, 50):0.00} |"));
            output.WriteLine(Invariant($"| GET /api/signals, one of 20 teams (baseline) | {P(teamsSignals, 50):0.0} ms | {P(teamsSignals, 99):0.0} ms | 1.00 |"));
            output.WriteLine(Invariant($"| GET /api/overview/teams, 20 teams | {P(teamsTimes, 50):0.0} ms | {P(teamsTimes, 99):0.0} ms | {P(teamsTimes, 50) / P(teamsSignals, 50):0.00} |"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<(List<double> Route, List<double> Signals, IsoWeek Week)> MeasureAsync(
        AzuriteFixture azurite, SignalsWorkload workload, bool teams, int requests, string route, CancellationToken cancellationToken)
    {
        var settings = TestHost.Settings(azurite);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:TechLead"] = "Warning";
        if (teams)
        {
            for (var t = 0; t < workload.Repositories.Count; t++)
            {
                settings[$"Teams:{t}:Name"] = string.Create(CultureInfo.InvariantCulture, $"Team {t:D2}");
                settings[$"Teams:{t}:Repositories:0"] = workload.Repositories[t].ToString();
            }
        }

        await using var app = await ServedApp.StartAsync(settings);
        await app.Services.GetRequiredService<ActivityIngestor>().StoreAsync(workload.Batch, cancellationToken);
        var team = app.Services.GetRequiredService<TeamDirectory>().Default;
        var week = team.Calendar.WeekOf(SignalsWorkload.End).AddWeeks(-8);
        var path = $"{route}?week={week}";
        var baseline = $"/api/signals?week={week}";
        // First reads compute and store the snapshots: warm-up, not measured.
        await DashboardBenchmark.TimeAsync(app.Client, path, cancellationToken);
        await DashboardBenchmark.TimeAsync(app.Client, baseline, cancellationToken);
        var times = new List<double>();
        var signals = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            times.Add(await DashboardBenchmark.TimeAsync(app.Client, path, cancellationToken));
            signals.Add(await DashboardBenchmark.TimeAsync(app.Client, baseline, cancellationToken));
        }

        return (times, signals, week);
    }

    private static double P(List<double> values, double p) => TechLead.Signals.Statistics.Percentile(values, p) ?? double.NaN;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
