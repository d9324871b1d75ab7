using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechLead.Digest;
using TechLead.Digest.Charts;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Tests.Digest;

/// <summary>Bad input: a team with no data still gets a digest that says what is missing, in words, with no broken image.</summary>
public sealed class DigestSummaryTests
{
    [Fact]
    public void A_team_without_any_data_gets_a_digest_that_says_so_and_shows_no_image()
    {
        var report = new SignalReport
        {
            Team = "Empty team", Week = "2026-W47", Start = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), TimeZone = "UTC", Repositories = [], IsSampleData = false,
            Signals = [new SignalValue
            {
                Id = "deployment_frequency", Name = "Deployment frequency", Category = SignalCategories.Delivery, Unit = SignalUnits.DeploymentsPerWeek,
                Display = SignalFormat.NotEnough(0), SampleSize = 0, Definition = "Successful production deployments per week.", Source = SignalSources.Dora2024,
            }],
        };
        var composer = new DigestComposer(new DigestCharts(NullLogger<DigestCharts>.Instance), new DigestLinks(Options.Create(new DigestOptions())));

        var digest = composer.Compose(report, SignalTrend.From([report]));

        Assert.Empty(digest.Images);
        Assert.DoesNotContain("<img", digest.Html, StringComparison.Ordinal);
        Assert.Contains("No deployments this week", digest.Text, StringComparison.Ordinal);
        Assert.Contains("No chart: not enough data", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Repositories: none synced yet", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing moved outside its usual range.", digest.Text, StringComparison.Ordinal);
    }
}
