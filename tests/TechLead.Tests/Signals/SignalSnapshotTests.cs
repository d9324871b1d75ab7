using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TechLead.Activity;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Signals.Snapshots;
using TechLead.Signals.Trends;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Signals;

/// <summary>
/// Weekly snapshots against Azurite: what the dashboard and the digest read is, field for field, what a fresh
/// computation over the stored rows gives, whatever was stored, changed or read at the same time.
/// </summary>
[Collection(SignalsStorageCollection.Name)]
public sealed class SignalSnapshotTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset SampleEnd = Timeline.At("2026-03-09 00:00");
    private static readonly RepositoryName Checkout = SampleWorkspaceGenerator.Repositories[0];
    private static readonly IsoWeek Last = IsoWeek.Parse("2026-W10");
    private const int Weeks = 8;

    private Dictionary<string, string?> Settings(string prefix)
    {
        var settings = TestHost.Settings(azurite, prefix);
        settings["Signals:JiraProjects:0"] = "SHOP";
        return settings;
    }

    // Two weeks after the sample ends: every sample week is closed, so every read below goes through snapshots.
    private static FakeTimeProvider Clock() => new(SampleEnd.AddDays(9));

    private static async Task<IHost> SampleHostAsync(Dictionary<string, string?> settings, TimeProvider time)
    {
        var host = TestHost.Build(settings, time);
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(
            new SampleWorkspaceGenerator().Generate(seed: 7, weeks: 12, SampleEnd), CancellationToken.None);
        return host;
    }

    [Fact]
    public async Task A_stored_snapshot_is_the_fresh_computation_field_for_field()
    {
        using var host = await SampleHostAsync(Settings(AzuriteFixture.NewTablePrefix()), Clock());
        var team = Team(host);

        var first = await Trend(host, team);
        var stored = await host.Services.GetRequiredService<SignalSnapshotStore>().ReadAsync(team.Name, Last.AddWeeks(1 - Weeks), Last, CancellationToken.None);
        var fingerprint = await host.Services.GetRequiredService<SignalSnapshots>().FingerprintAsync(team, CancellationToken.None);

        Assert.Equal(Weeks, stored.Count);
        for (var i = 0; i < Weeks; i++)
        {
            var week = Last.AddWeeks(i - Weeks + 1);
            var fresh = await Fresh(host, team, week);
            Assert.True(stored[week].IsFreshFor(fingerprint), $"{week} was not stored as fresh");
            Assert.Equal(fresh, SignalJson.Serialize(stored[week].Report()!));
            Assert.Equal(fresh, SignalJson.Serialize(first[i]));
        }

        // The second read is served from the rows just checked, and a one-week read (the API's) is the same report.
        Assert.Equal(first.Select(SignalJson.Serialize), (await Trend(host, team)).Select(SignalJson.Serialize));
        var api = await host.Services.GetRequiredService<SignalReports>().WeeksAsync(team, Last, 1, CancellationToken.None);
        Assert.Equal(await Fresh(host, team, Last), SignalJson.Serialize(api[0]));
    }

    [Fact]
    public async Task Late_data_in_a_closed_week_makes_the_next_read_equal_a_fresh_computation_with_it()
    {
        using var host = await SampleHostAsync(Settings(AzuriteFixture.NewTablePrefix()), Clock());
        var team = Team(host);
        var before = (await Trend(host, team)).Select(SignalJson.Serialize).ToList();

        // A PR opened in W04 and merged in W05, deployed in W05, synced only now: it changes W05's figures and the
        // four-week medians of W06 to W09 (and W04's open work), all of them already stored.
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(LateRows(), CancellationToken.None);

        var after = (await Trend(host, team)).Select(SignalJson.Serialize).ToList();
        for (var i = 0; i < Weeks; i++)
        {
            Assert.Equal(await Fresh(host, team, Last.AddWeeks(i - Weeks + 1)), after[i]);
        }

        // The late rows did change what is shown: without the stale marks the old snapshots would still be served.
        Assert.NotEqual(before[Weeks - 6], after[Weeks - 6]);
    }

    [Fact]
    public async Task A_late_merge_marks_every_later_week_whose_four_week_median_reads_it()
    {
        using var host = await SampleHostAsync(Settings(AzuriteFixture.NewTablePrefix()), Clock());
        var team = Team(host);
        var before = (await Trend(host, team)).Select(SignalJson.Serialize).ToList();

        // Merged PRs only (no deployment): W05's throughput and review figures change, and with them the
        // previous-four-week medians of W06 to W09.
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(new ActivityBatch
        {
            PullRequests = [.. Enumerable.Range(0, 12).Select(i =>
                Timeline.Pr(9200 + i, "2026-01-26 09:00", merged: "2026-01-28 15:00", firstReview: "2026-01-27 09:00", repository: Checkout) with { Origin = Origins.Sample })],
        }, CancellationToken.None);

        var after = (await Trend(host, team)).Select(SignalJson.Serialize).ToList();
        for (var i = 0; i < Weeks; i++)
        {
            Assert.Equal(await Fresh(host, team, Last.AddWeeks(i - Weeks + 1)), after[i]);
        }

        Assert.NotEqual(before[Weeks - 2], after[Weeks - 2]);
    }

    [Fact]
    public async Task A_settings_change_makes_every_stored_week_be_computed_again()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var clock = Clock();
        string stored;
        using (var host = await SampleHostAsync(Settings(prefix), clock))
        {
            stored = SignalJson.Serialize((await Trend(host, Team(host)))[^1]);
        }

        var changed = Settings(prefix);
        changed["Signals:DebtInvestmentTarget"] = "0.35";
        using var restarted = TestHost.Build(changed, clock);
        var team = Team(restarted);
        var report = (await Trend(restarted, team))[^1];

        Assert.Equal(0.35, report.Find("debt_investment_share")!.Target);
        Assert.Equal(await Fresh(restarted, team, Last), SignalJson.Serialize(report));
        Assert.NotEqual(stored, SignalJson.Serialize(report));
    }

    [Fact]
    public async Task Concurrent_readers_and_a_late_sync_leave_only_reports_equal_to_a_fresh_computation()
    {
        using var host = await SampleHostAsync(Settings(AzuriteFixture.NewTablePrefix()), Clock());
        var team = Team(host);
        // Half the weeks stored before, so readers both serve snapshots and compute missing ones while the late rows land.
        await host.Services.GetRequiredService<SignalReports>().WeeksAsync(team, Last.AddWeeks(-Weeks / 2), Weeks / 2, CancellationToken.None);

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Trend(host, team))).ToList();
        var late = Task.Run(() => host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(LateRows(), CancellationToken.None));
        await Task.WhenAll([.. readers, late]);

        var fingerprint = await host.Services.GetRequiredService<SignalSnapshots>().FingerprintAsync(team, CancellationToken.None);
        var stored = await host.Services.GetRequiredService<SignalSnapshotStore>().ReadAsync(team.Name, Last.AddWeeks(1 - Weeks), Last, CancellationToken.None);
        var after = await Trend(host, team);
        for (var i = 0; i < Weeks; i++)
        {
            var week = Last.AddWeeks(i - Weeks + 1);
            var fresh = await Fresh(host, team, week);
            Assert.Equal(fresh, SignalJson.Serialize(after[i]));
            // A row that claims to be fresh holds a whole, current report: a reader that loaded before the late rows never stored over their mark.
            if (stored.TryGetValue(week, out var row) && row.IsFreshFor(fingerprint))
            {
                Assert.Equal(fresh, SignalJson.Serialize(row.Report()!));
            }
        }
    }

    [Fact]
    public async Task A_merge_stored_in_the_open_week_shows_on_the_next_read_although_the_week_is_cached()
    {
        // Inside W10, which is still open: computed live and cached for Signals:LiveCacheSeconds (the clock stands still).
        var clock = new FakeTimeProvider(Timeline.At("2026-03-05 12:00"));
        var settings = Settings(AzuriteFixture.NewTablePrefix());
        settings["Signals:LiveCacheSeconds"] = "30";
        using var host = await SampleHostAsync(settings, clock);
        var team = Team(host);
        var trends = host.Services.GetRequiredService<SignalReports>();
        var cached = SignalJson.Serialize(await trends.WeekAsync(team, Last, CancellationToken.None));
        Assert.Equal(cached, SignalJson.Serialize(await trends.WeekAsync(team, Last, CancellationToken.None)));

        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(new ActivityBatch
        {
            PullRequests = [Timeline.Pr(9101, "2026-03-04 09:00", merged: "2026-03-05 11:00", repository: Checkout) with { Origin = Origins.Sample }],
        }, CancellationToken.None);

        var next = SignalJson.Serialize(await trends.WeekAsync(team, Last, CancellationToken.None));
        Assert.NotEqual(cached, next);
        Assert.Equal(await Fresh(host, team, Last), next);
    }

    /// <summary>Sample-origin rows, so the repository catalogue (and with it the fingerprint) stays as it was.</summary>
    private static ActivityBatch LateRows() => new()
    {
        PullRequests =
        [
            Timeline.Pr(9001, "2026-01-21 09:00", merged: "2026-01-27 15:00", firstReview: "2026-01-26 10:00", sha: "late-9001", repository: Checkout) with { Origin = Origins.Sample },
            Timeline.Pr(9002, "2026-01-26 09:00", merged: "2026-01-28 15:00", sha: "late-9002", repository: Checkout, title: "Revert \"late change\"") with { Origin = Origins.Sample, RevertsNumber = 9001 },
        ],
        Deployments =
        [
            Timeline.Deploy("late-1", "2026-01-27 18:00", "late-9001", ["late-9001"], Checkout) with { Origin = Origins.Sample },
            Timeline.Deploy("late-2", "2026-01-28 18:00", "late-9002", ["late-9002"], Checkout) with { Origin = Origins.Sample },
        ],
    };

    private static TeamScope Team(IHost host) => host.Services.GetRequiredService<TeamDirectory>().Default;

    private static Task<IReadOnlyList<SignalReport>> Trend(IHost host, TeamScope team) =>
        host.Services.GetRequiredService<SignalReports>().WeeksAsync(team, Last, Weeks, CancellationToken.None);

    /// <summary>The week computed from the stored rows now, bypassing every snapshot and cache.</summary>
    private static async Task<string> Fresh(IHost host, TeamScope team, IsoWeek week) =>
        SignalJson.Serialize(await host.Services.GetRequiredService<SignalEngine>().ComputeAsync(team, week, CancellationToken.None));
}
