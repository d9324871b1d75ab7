using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Digest;
using TechLead.Overview;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The compact layout keeps every number: each signal's value, "before", tier and parts, in the HTML and the text.</summary>
[Collection(DigestCollection.Name)]
public sealed class DigestContentTests(AzuriteFixture azurite)
{
    private static async Task<(SignalReport Report, DigestDocument Document)> ComposeAsync(AzuriteFixture azurite, string? dashboard = null)
    {
        var settings = TestHost.Settings(azurite);
        settings["Jira:Projects:0"] = "SHOP";
        settings["Digest:DashboardUrl"] = dashboard;
        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var reports = await host.Services.GetRequiredService<SignalReports>().WeeksAsync(host.Services.GetRequiredService<TeamDirectory>().Default, DigestSampleWeek.Week, SignalReports.DefaultWeeks, CancellationToken.None);
        return (reports[^1], host.Services.GetRequiredService<DigestComposer>().Compose(reports[^1], SignalTrend.From(reports)));
    }

    [Fact]
    public async Task Every_signal_keeps_its_value_before_tier_and_parts_and_a_one_line_definition()
    {
        var (report, document) = await ComposeAsync(azurite);
        Assert.True(report.Signals.Count > 25, $"only {report.Signals.Count} signals in the sample week");
        var html = WebUtility.HtmlDecode(document.Html);

        foreach (var signal in report.Signals)
        {
            // Expected text is written from the report's values with the documented rules, not with the digest's formatters.
            var expected = new List<string> { signal.Name, signal.Display, signal.Previous4WeekMedian is { } median ? $"(before: {Shown(signal.Unit, median)}" : "(before: no earlier data)" };
            expected.AddRange(signal.Breakdown.Select(p => $"{p.Name}: {p.Display}"));
            expected.AddRange(signal.Attributions.Select(a => $"Failed: {a.Repository} {a.DeploymentId}"));
            if (signal.Tier is { } tier)
            {
                expected.Add($"Tier: {tier} (DORA 2024)");
            }

            foreach (var text in expected)
            {
                Assert.Contains(text, html, StringComparison.Ordinal);
                Assert.Contains(text, document.Text, StringComparison.Ordinal);
            }

            var anchor = "g-" + signal.Id.Replace('_', '-');
            Assert.Contains($"href=\"#{anchor}\"", document.Html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{anchor}\"", document.Html, StringComparison.Ordinal);
        }

        // A bare count reads with its unit in "before": "7 deployments/week", not "7".
        Assert.Matches(@"\(before: [0-9.]+ deployments/week\)", document.Text);
    }

    [Fact]
    public async Task Deployments_and_merged_PRs_show_the_samples_own_counts_and_the_glossary_one_sentence_each()
    {
        var (_, document) = await ComposeAsync(azurite);
        var html = WebUtility.HtmlDecode(document.Html);
        // Oracle: the generated sample itself, counted per ISO week (UTC, the team's zone); "before" is the median of the 4 weeks before.
        var sample = new SampleWorkspaceGenerator().Generate(42, 12, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var week = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);
        double Median(Func<DateTimeOffset, int> count)
        {
            var counts = Enumerable.Range(1, 4).Select(n => count(week.AddDays(-7 * n))).Order().ToArray();
            return (counts[1] + counts[2]) / 2.0;
        }

        int Deployments(DateTimeOffset from) => sample.Deployments.Count(d => d.DeployedAt >= from && d.DeployedAt < from.AddDays(7));
        int Days(DateTimeOffset from) => sample.Deployments.Where(d => d.DeployedAt >= from && d.DeployedAt < from.AddDays(7)).Select(d => d.DeployedAt.Date).Distinct().Count();
        int Merged(DateTimeOffset from) => sample.PullRequests.Count(p => p.MergedAt >= from && p.MergedAt < from.AddDays(7));

        foreach (var text in new[]
        {
            $"{Deployments(week)} deployments on {Days(week)} days",
            $"(before: {Median(Deployments).ToString("0.#", CultureInfo.InvariantCulture)} deployments/week)",
            $"(before: {Median(Merged).ToString("0.#", CultureInfo.InvariantCulture)} merged PRs)",
            // The glossary's one sentence per signal: the definition's first sentence without its parentheses.
            "Successful production deployments in the week, and the number of days with at least one.",
            "Pull requests merged in the week, people's and bots'.",
            "Time from a change's first commit to the first successful production deployment that contains its merge commit, split into coding, pickup, review and deploy.",
        })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
            Assert.Contains(text, document.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>A value as the digest documents it: hours under an hour in minutes, under two days in hours, else days; ratios in percent.</summary>
    private static string Shown(string unit, double value) => unit switch
    {
        SignalUnits.Hours when value < 1 => $"{(value * 60).ToString("0", CultureInfo.InvariantCulture)} min",
        SignalUnits.Hours when value < 48 => $"{value.ToString("0.#", CultureInfo.InvariantCulture)} h",
        SignalUnits.Hours => $"{(value / 24).ToString("0.#", CultureInfo.InvariantCulture)} days",
        SignalUnits.Days => $"{value.ToString("0.#", CultureInfo.InvariantCulture)} days",
        SignalUnits.Ratio => $"{(value * 100).ToString("0.#", CultureInfo.InvariantCulture)}%",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task With_a_dashboard_the_names_link_to_it_and_the_email_carries_no_glossary()
    {
        var (report, document) = await ComposeAsync(azurite, "https://techlead.example.com/api/dashboard");

        foreach (var signal in report.Signals)
        {
            // The team's view of the dashboard, at the signal's card (its full definition and source).
            Assert.Contains($"href=\"https://techlead.example.com/api/dashboard?team={Uri.EscapeDataString(report.Team)}#signal-{signal.Id}\"", document.Html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(">Glossary<", document.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("GLOSSARY", document.Text, StringComparison.Ordinal);
        // The DORA performance levels stay in the email.
        Assert.Contains("Performance levels (DORA 2024)", document.Html, StringComparison.Ordinal);
        Assert.Contains("PERFORMANCE LEVELS (DORA 2024)", document.Text, StringComparison.Ordinal);
    }
}
