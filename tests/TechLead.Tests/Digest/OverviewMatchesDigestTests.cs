using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Agreements;
using TechLead.Dashboard;
using TechLead.Digest;
using TechLead.Local.Commands;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The dashboard's overview and the digest say the same about a team's week: one computation, the same "needs you".</summary>
[Collection(DigestCollection.Name)]
public sealed class OverviewMatchesDigestTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_overview_lists_the_same_needs_you_items_moves_and_win_as_the_digest()
    {
        var settings = TestHost.Settings(azurite);
        settings["Jira:Projects:0"] = "SHOP";
        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await DemoCommand.DraftSampleAsync(host.Services, CancellationToken.None);

        var digest = await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(DigestSampleWeek.Week, CancellationToken.None);
        var answer = await host.Services.GetRequiredService<OverviewApi>().WeekAsync(null, DigestSampleWeek.Week.ToString(), CancellationToken.None);
        var overview = Assert.IsType<JsonHttpResult<OverviewView>>(answer.Result).Value!;

        Assert.Equal(DigestSampleWeek.Week.ToString(), overview.Week);
        Assert.False(overview.Open);
        Assert.Contains(overview.NeedsYou, g => g.Kind == "drafts" && g.Link == "#/review");
        Assert.Equal(
            digest.Summary.Attention.Select(g => (g.Title, g.Count, Items: string.Join("|", g.Items.Select(i => $"{i.Text}~{i.Detail}~{i.Url}")))),
            overview.NeedsYou.Select(g => (g.Title, g.Count, Items: string.Join("|", g.Items.Select(i => $"{i.Text}~{i.Detail}~{i.Url}")))));
        // What the reader of the email sees is what the page lists.
        foreach (var item in overview.NeedsYou.SelectMany(g => g.Items))
        {
            Assert.Contains(item.Text, digest.Text, StringComparison.Ordinal);
        }

        Assert.Equal(digest.Summary.Moves.Select(m => m.Id), overview.Moves.Select(m => m.Id));
        Assert.Equal(digest.Summary.Win, overview.Win);
        Assert.Equal(digest.Summary.Delivery, overview.Delivery);
        Assert.Equal(["deployment_frequency", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time", "deployment_rework_rate"], overview.Dora.Select(d => d.Id));
        Assert.All(overview.Dora, d => Assert.Equal(12, d.Trend.Count));
        Assert.All(overview.Dora, d => Assert.Equal("#/signals/delivery", d.Link));

        var json = JsonSerializer.Serialize(overview, ApiJson.Options);
        Assert.Contains("\"needsYou\":", json, StringComparison.Ordinal);
        Assert.Contains("\"valueText\":", json, StringComparison.Ordinal);

        var teams = Assert.IsType<JsonHttpResult<OverviewTeamsView>>((await host.Services.GetRequiredService<OverviewApi>().TeamsAsync(DigestSampleWeek.Week.ToString(), CancellationToken.None)).Result).Value!;
        var row = Assert.Single(teams.Teams);
        Assert.Equal(overview.NeedsYou.Sum(g => g.Count), row.NeedsYou);
        Assert.Equal(overview.Agreements.Count(a => a.State == AgreementState.Broken), row.AgreementsBroken);
        Assert.Equal(overview.Dora.Select(d => (d.Id, d.ValueText, d.Tier, d.Direction)), row.Dora.Select(d => (d.Id, d.ValueText, d.Tier, d.Direction)));
        Assert.Equal("#/overview?team=" + Uri.EscapeDataString(row.Team), row.Link);
    }
}
