using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Signals;

/// <summary>Signals tests with their own Azurite, so they run in parallel with other storage tests.</summary>
[CollectionDefinition(Name)]
public sealed class SignalsStorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "SignalsStorage";
}

/// <summary>The engine end to end: records stored through <see cref="ActivityIngestor"/> into Azurite, read back by window.</summary>
[Collection(SignalsStorageCollection.Name)]
public sealed class SignalEngineStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset SampleEnd = Timeline.At("2026-03-09 00:00");

    private Dictionary<string, string?> Settings(string prefix)
    {
        var settings = TestHost.Settings(azurite, prefix);
        settings["Signals:JiraProjects:0"] = "SHOP";
        return settings;
    }

    [Fact]
    public async Task The_window_load_gives_the_same_report_as_the_whole_history_while_reading_only_part_of_it()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = TestHost.Build(Settings(prefix));
        // 12 weeks of the seeded sample team: reverts, hotfixes, incidents, debt, CI reruns, Jira items.
        var batch = new SampleWorkspaceGenerator().Generate(seed: 7, weeks: 12, SampleEnd);
        var stored = await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(batch, CancellationToken.None);

        var week = IsoWeek.Parse("2026-W07");
        var (reports, statistics) = await host.Services.GetRequiredService<SignalEngine>().ComputeWeeksAsync(host.Services.GetRequiredService<TeamDirectory>().Default, week, 1, CancellationToken.None);
        var loaded = reports[0];
        var everything = SignalCalculator.Compute(new SignalRequest(
            week,
            host.Services.GetRequiredService<TeamCalendar>(),
            host.Services.GetRequiredService<SignalSettings>(),
            SampleWorkspaceGenerator.Repositories.Select(r => new KnownRepository(r, Origins.Sample)).ToArray(),
            new ActivityBatch
            {
                PullRequests = batch.PullRequests,
                Deployments = batch.Deployments,
                Releases = batch.Releases,
                Issues = batch.Issues,
                WorkflowRuns = batch.WorkflowRuns,
                WorkItems = batch.WorkItems,
            }));

        Assert.True(loaded.IsSampleData);
        Assert.Equal(everything.Signals.Select(Comparable), loaded.Signals.Select(Comparable));
        Assert.Contains(loaded.Signals, s => s.Value is > 0 && s.Category == SignalCategories.Delivery);
        // The week is 5 weeks from the end of 12: rows after the week's evidence window and before its load window are not read.
        Assert.True(statistics.EntitiesRead[Tables.PullRequests] < stored.PullRequests, $"{statistics.EntitiesRead[Tables.PullRequests]} of {stored.PullRequests} PRs read");
        Assert.True(statistics.EntitiesRead[Tables.WorkflowRuns] < stored.WorkflowRuns, $"{statistics.EntitiesRead[Tables.WorkflowRuns]} of {stored.WorkflowRuns} runs read");
        Assert.True(statistics.Total < stored.Total - stored.AdrFiles, $"{statistics.Total} of {stored.Total} rows read");
    }

    [Fact]
    public async Task A_stored_timeline_gives_the_hand_worked_change_fail_rate_and_the_digest_shows_it()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = TestHost.Build(Settings(prefix));
        var snapshot = DeliverySignalsTests.FailureTimeline;
        // Old activity far outside the window, which must be neither read nor counted.
        var old = Enumerable.Range(1000, 30).Select(n => Timeline.Pr(n, opened: "2025-03-01 08:00", merged: "2025-03-01 09:00")).ToArray();
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(new ActivityBatch
        {
            PullRequests = [.. snapshot.PullRequests, .. old],
            Deployments = [.. snapshot.Deployments, .. old.Select(p => Timeline.Deploy($"old-{p.Number}", "2025-03-01 10:00", p.MergeCommitSha!, [p.MergeCommitSha!]))],
            Issues = snapshot.Issues,
        }, CancellationToken.None);

        var (reports, statistics) = await host.Services.GetRequiredService<SignalEngine>().ComputeWeeksAsync(host.Services.GetRequiredService<TeamDirectory>().Default, IsoWeek.Parse("2026-W10"), 1, CancellationToken.None);
        var report = reports[0];

        var failRate = report.Signal("change_fail_rate");
        Assert.Equal(3.0 / 7, failRate.Value!.Value, 9);
        Assert.Equal(["d1", "d2", "d4"], failRate.Attributions.Select(a => a.DeploymentId).Order());
        Assert.Equal(snapshot.PullRequests.Count, statistics.EntitiesRead[Tables.PullRequests]);
        // The deployments probe reads one old deployment to learn that tracking began before the window.
        Assert.Equal(snapshot.Deployments.Count + 1, statistics.EntitiesRead[Tables.Deployments]);

        var digest = host.Services.GetRequiredService<DigestComposer>().Compose(report, TechLead.Signals.Trends.SignalTrend.From([report]));
        Assert.Contains("Change fail rate: 42.9% (3 of 7 deployments)", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signals_command_writes_exactly_one_JSON_object_to_stdout()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using (var host = TestHost.Build(Settings(prefix)))
        {
            await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(
                new SampleWorkspaceGenerator().Generate(seed: 3, weeks: 6, SampleEnd), CancellationToken.None);
        }

        var (exitCode, stdout, stderr) = await RunLocalAsync(prefix, "signals", "--week", "2026-W09", "--json");

        Assert.True(exitCode == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(SignalOutputTests.ReportFields, document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-W09", document.RootElement.GetProperty("week").GetString());
        Assert.True(document.RootElement.GetProperty("is_sample_data").GetBoolean());
        Assert.Equal(SignalOutputTests.SignalIdsWithJira, document.RootElement.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_signals_command_prints_a_table_and_refuses_an_unknown_team()
    {
        var prefix = AzuriteFixture.NewTablePrefix();

        var (exitCode, stdout, _) = await RunLocalAsync(prefix, "signals", "--week", "2026-W09", "--team", "Test team");
        var (wrongTeamExit, wrongTeamStdout, wrongTeamStderr) = await RunLocalAsync(prefix, "signals", "--week", "2026-W09", "--team", "Other team", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("Delivery (DORA)", stdout, StringComparison.Ordinal);
        Assert.Contains("not enough data (0 events)", stdout, StringComparison.Ordinal);
        Assert.Equal(2, wrongTeamExit);
        Assert.Equal("", wrongTeamStdout);
        Assert.Contains("Team:Name", wrongTeamStderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_signals_setting_stops_start_up_and_names_the_setting()
    {
        var settings = Settings(AzuriteFixture.NewTablePrefix());
        settings["Signals:Repositories:0:Name"] = "octo/api";
        settings["Signals:Repositories:0:DeploymentSource"] = "tags";

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => TestHost.Build(settings).Dispose());

        Assert.Contains(error.Failures, f => f.Contains("'Signals:Repositories:0:DeploymentSource'", StringComparison.Ordinal));
    }

    private static object Comparable(SignalValue s) =>
        (s.Id, s.Value, s.P90, s.Display, s.SampleSize, s.Previous4WeekMedian, s.Tier,
         string.Join("|", s.Breakdown.Select(p => $"{p.Id}={p.Display}")),
         string.Join("|", s.Attributions.Select(a => $"{a.DeploymentId}:{a.Source}:{a.RecoveryHours}")),
         string.Join("|", s.Items.Select(i => $"{i.Label}:{i.Detail}")));

    /// <summary>Runs the real local runner (TechLead.Local.dll, built beside the tests) against this test's tables.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunLocalAsync(string prefix, params string[] arguments)
    {
        var result = await LocalRunner.RunAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Team__Name"] = "Test team",
            ["Team__TimeZone"] = "UTC",
            ["Signals__JiraProjects__0"] = "SHOP",
        }, Path.GetTempPath(), arguments);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }
}
