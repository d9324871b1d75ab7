using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Sample;
using TechLead.Tests.Dashboard;
using TechLead.Tests.Digest;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Agreements;

/// <summary>Working agreements where people see them: the digest's "needs you", the dashboard's signals answer, and notify --dry-run.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AgreementsShownTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_digest_lists_a_broken_agreement_first_under_needs_you_with_how_far_off_and_since_when()
    {
        // The sample week's tech-debt share is 2 of 15 merged PRs (13.33%); it was last at 20% or more in 2026-W39.
        var document = await DigestSampleWeek.ComposeAsync(azurite, settings =>
        {
            settings["Team:Agreements:0:Signal"] = "debt_investment_share";
            settings["Team:Agreements:0:Min"] = "20";
            settings["Team:Agreements:0:Unit"] = "percent";
            settings["Team:Agreements:1:Signal"] = "ci_failure_rate";
            settings["Team:Agreements:1:Max"] = "10";
            settings["Team:Agreements:1:Unit"] = "percent";
        });

        var first = document.Summary.Attention[0];
        Assert.Equal("Working agreements broken", first.Title);
        var item = Assert.Single(first.Items); // CI failure rate is 0%: kept, not listed
        Assert.Equal("Tech-debt investment share at least 20%", item.Text);
        Assert.Equal("13.33%, 6.67 percentage points under; broken since 2026-W40", item.Detail);
        Assert.Contains("Working agreements broken", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signals_answer_carries_each_agreement_kept_or_broken_as_the_reports_own_numbers_say()
    {
        await using var app = await SampleServe.StartAsync(azurite,
            ("Team:Agreements:0:Signal", "pr_size_lines"), ("Team:Agreements:0:Statistic", "p90"), ("Team:Agreements:0:Max", "400"), ("Team:Agreements:0:Unit", "lines"),
            ("Team:Agreements:1:Signal", "time_to_first_review"), ("Team:Agreements:1:Max", "1"), ("Team:Agreements:1:Unit", "days"));

        using var response = await app.Client.GetAsync("/api/signals");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agreements = report.GetProperty("agreements").EnumerateArray().ToList();
        Assert.Equal(["pr_size_lines", "time_to_first_review"], agreements.Select(a => a.GetProperty("signal").GetString()));
        var size = report.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "pr_size_lines").GetProperty("p90").GetDouble();
        var review = report.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "time_to_first_review").GetProperty("value").GetDouble();
        Assert.Equal(size > 400 ? "broken" : "kept", agreements[0].GetProperty("state").GetString());
        Assert.Equal(size, agreements[0].GetProperty("measured").GetDouble());
        Assert.StartsWith($"p90 {size.ToString("0.##", CultureInfo.InvariantCulture)} lines, ", agreements[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(review > 24 ? "broken" : "kept", agreements[1].GetProperty("state").GetString());
        Assert.Equal("at most 1 day", agreements[1].GetProperty("bounds").GetString());
        Assert.Matches("^(kept|broken) since (at least )?20[0-9]{2}-W[0-9]{2}$", agreements[1].GetProperty("sinceText").GetString());
    }

    [Fact]
    public async Task Notify_dry_run_prints_one_object_per_message_and_platform_and_sends_nothing()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = TestHost.Build(TestHost.Settings(azurite, prefix), DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await MarkDigestSentAsync(host.Services, "Test team", "2026-W46");

        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Team__Name"] = "Test team",
            ["Team__Agreements__0__Signal"] = "pr_size_lines",
            ["Team__Agreements__0__Statistic"] = "p90",
            ["Team__Agreements__0__Max"] = "400",
            ["Team__Agreements__0__Unit"] = "lines",
        };
        var run = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "notify", "--dry-run", "--week", "2026-W46");

        Assert.True(run.ExitCode == 0, run.ToString());
        var messages = JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(
            ["teams weekly-summary", "slack weekly-summary", "teams agreement-broken", "slack agreement-broken"],
            messages.Select(m => $"{m.GetProperty("channel").GetString()} {m.GetProperty("kind").GetString()}"));
        Assert.All(messages.Where(m => m.GetProperty("channel").GetString() == "teams"), m => Assert.Equal("message", m.GetProperty("payload").GetProperty("type").GetString()));
        Assert.All(messages.Where(m => m.GetProperty("channel").GetString() == "slack"), m => Assert.True(m.GetProperty("payload").GetProperty("blocks").GetArrayLength() > 1));
        Assert.Equal("not configured (Team:Chat:SlackWebhookUrl)", messages[1].GetProperty("destination").GetString());
        Assert.All(messages, m => Assert.Equal("not sent: the channel is not configured", m.GetProperty("outcome").GetString()));

        var bad = await LocalRunner.RunAsync(new Dictionary<string, string>(environment) { ["Team__Agreements__0__Signal"] = "pr_size" }, Path.GetTempPath(), "notify", "--dry-run");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Setting 'Team:Agreements:0:Signal' is 'pr_size', which is not a signal", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_dry_run_holds_the_weekly_summary_until_its_digest_is_sent_exactly_as_the_run_does()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        using var host = TestHost.Build(TestHost.Settings(azurite, prefix), DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Team__Name"] = "Held team",
            ["Team__Chat__TeamsWebhookUrl"] = "http://127.0.0.1:1/teams-hook",
        };

        var before = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "notify", "--dry-run", "--week", "2026-W46");
        await MarkDigestSentAsync(host.Services, "Held team", "2026-W46");
        var after = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "notify", "--dry-run", "--week", "2026-W46");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.DoesNotContain(JsonDocument.Parse(before.StdOut).RootElement.EnumerateArray(), m => m.GetProperty("kind").GetString() == "weekly-summary");
        Assert.Contains("Held team: the weekly summary of 2026-W46 is not sent until that week's digest is", before.StdErr, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        var summary = Assert.Single(JsonDocument.Parse(after.StdOut).RootElement.EnumerateArray(), m => m.GetProperty("kind").GetString() == "weekly-summary" && m.GetProperty("channel").GetString() == "teams");
        Assert.Equal("would be sent", summary.GetProperty("outcome").GetString());
        Assert.DoesNotContain("weekly summary", after.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The digest ledger as a sent digest leaves it.</summary>
    internal static async Task MarkDigestSentAsync(IServiceProvider services, string team, string week)
    {
        var ledger = services.GetRequiredService<TechLead.Digest.DigestLedger>();
        var (claim, _) = await ledger.ClaimAsync(team, week, $"digest.test.{week}@techlead.local", force: false, CancellationToken.None);
        await ledger.MarkSentAsync(claim!, 1, CancellationToken.None);
    }
}
