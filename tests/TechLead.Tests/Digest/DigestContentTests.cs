using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Digest;
using TechLead.Digest.Summary;
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
        var reports = await host.Services.GetRequiredService<SignalTrendService>().ReportsAsync(host.Services.GetRequiredService<TeamDirectory>().Default, DigestSampleWeek.Week, SignalTrendService.DefaultWeeks, CancellationToken.None);
        return (reports[^1], host.Services.GetRequiredService<DigestComposer>().Compose(reports[^1], SignalTrendService.From(reports)));
    }

    [Fact]
    public async Task Every_signal_keeps_its_value_before_tier_and_parts_and_a_one_line_definition()
    {
        var (report, document) = await ComposeAsync(azurite);
        Assert.True(report.Signals.Count > 25, $"only {report.Signals.Count} signals in the sample week");
        var html = WebUtility.HtmlDecode(document.Html);

        foreach (var signal in report.Signals)
        {
            var before = signal.Previous4WeekMedian is { } median ? DigestUnits.Format(signal.Id, signal.Unit, median) : "no earlier data";
            var expected = new List<string> { signal.Name, signal.Display, $"(before: {before})", DigestGlossary.OneLine(signal.Definition) };
            expected.AddRange(SignalFormat.Details(signal, maxItems: 0).Where(line => !line.StartsWith("Tier:", StringComparison.Ordinal)));
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
