using Microsoft.Extensions.DependencyInjection;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Activity;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Signals;

/// <summary>The weekly series behind the digest's charts and the dashboard's trend API.</summary>
[Collection(SignalsStorageCollection.Name)]
public sealed class SignalTrendTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_point_is_the_value_that_weeks_report_shows_oldest_week_first()
    {
        var settings = TestHost.Settings(azurite, AzuriteFixture.NewTablePrefix());
        settings["Signals:JiraProjects:0"] = "SHOP";
        using var host = TestHost.Build(settings);
        var batch = new SampleWorkspaceGenerator().Generate(seed: 7, weeks: 12, Timeline.At("2026-03-09 00:00"));
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(batch, CancellationToken.None);
        var engine = host.Services.GetRequiredService<SignalEngine>();
        var last = IsoWeek.Parse("2026-W10");

        var team = host.Services.GetRequiredService<TeamDirectory>().Default;
        var trend = await host.Services.GetRequiredService<SignalReports>().TrendAsync(team, last, 4, CancellationToken.None);

        Assert.Equal(["2026-W07", "2026-W08", "2026-W09", "2026-W10"], trend.Weeks);
        Assert.True(trend.IsSampleData);
        var lastReport = await engine.ComputeAsync(team, last, CancellationToken.None);
        Assert.Equal(lastReport.Signals.Select(s => s.Id), trend.Series.Select(s => s.Id));
        var firstReport = await engine.ComputeAsync(team, IsoWeek.Parse("2026-W07"), CancellationToken.None);
        foreach (var series in trend.Series)
        {
            Assert.Equal(4, series.Points.Count);
            Assert.Equal(lastReport.Find(series.Id)!.Value, series.Points[^1].Value);
            Assert.Equal(firstReport.Find(series.Id)!.Value, series.Points[0].Value);
            Assert.Equal(firstReport.Find(series.Id)!.SampleSize, series.Points[0].SampleSize);
        }

        var deployments = trend.Find("deployment_frequency")!;
        Assert.Contains(deployments.Points, p => p.Value > 0);
    }

    [Fact]
    public async Task A_trend_read_in_one_load_gives_every_week_exactly_the_report_that_week_computed_alone()
    {
        var settings = TestHost.Settings(azurite, AzuriteFixture.NewTablePrefix());
        settings["Jira:Projects:0"] = "SHOP";
        settings["Team:TimeZone"] = "Europe/Amsterdam";
        settings["Signals:ExcludeWeekends"] = "true";
        using var host = TestHost.Build(settings);
        var batch = new SampleWorkspaceGenerator().Generate(seed: 11, weeks: 12, Timeline.At("2026-11-23 00:00"));
        await host.Services.GetRequiredService<ActivityIngestor>().StoreAsync(batch, CancellationToken.None);
        var engine = host.Services.GetRequiredService<SignalEngine>();
        var team = host.Services.GetRequiredService<TeamDirectory>().Default;

        // Twelve weeks ending in one across the October DST change, with Jira and weekends excluded: every window differs.
        var (together, _) = await engine.ComputeWeeksAsync(team, IsoWeek.Parse("2026-W47"), 12, CancellationToken.None);

        Assert.Equal(12, together.Count);
        foreach (var report in together)
        {
            var alone = await engine.ComputeAsync(team, IsoWeek.Parse(report.Week), CancellationToken.None);
            var differing = alone.Signals.Where(a => SignalJson.Serialize(alone with { Signals = [a] }) != SignalJson.Serialize(report with { Signals = [report.Find(a.Id)!] }))
                .Select(a => $"{report.Week} {a.Id}: alone {a.Display} n={a.SampleSize}, together {report.Find(a.Id)!.Display} n={report.Find(a.Id)!.SampleSize}").ToList();
            Assert.True(differing.Count == 0, string.Join("\n", differing));
            Assert.Equal(SignalJson.Serialize(alone), SignalJson.Serialize(report));
        }
    }

    [Fact]
    public async Task A_trend_longer_than_a_year_is_refused()
    {
        using var host = TestHost.Build(TestHost.Settings(azurite, AzuriteFixture.NewTablePrefix()));
        var service = host.Services.GetRequiredService<SignalReports>();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.TrendAsync(host.Services.GetRequiredService<TeamDirectory>().Default, IsoWeek.Parse("2026-W10"), 53, CancellationToken.None));
    }
}
