using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using TechLead.Chat;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Team;
using TechLead.Tests.Digest;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Chat;

/// <summary>
/// Chat messages through fake Slack and Teams webhooks, with the ledger in Azurite: each message once per channel,
/// racing runs included, and each documented answer handled and logged without the webhook's secret.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ChatDeliveryTests : IClassFixture<FakeChatWebhooks>
{
    private readonly AzuriteFixture _azurite;
    private readonly FakeChatWebhooks _webhooks;
    private readonly string _prefix = AzuriteFixture.NewTablePrefix();

    /// <summary>One fake server for the class (fewer loopback ports taken while the suite starts its services); each test starts it clean.</summary>
    public ChatDeliveryTests(AzuriteFixture azurite, FakeChatWebhooks webhooks)
    {
        _azurite = azurite;
        _webhooks = webhooks;
        _webhooks.Reset();
    }

    /// <summary>
    /// The week the sample workspace (generated up to the test clock's 2026-W47) breaks the agreement below: PR size
    /// p90 295 lines in W45, 539.4 in W46, 292.6 in W47.
    /// </summary>
    private static readonly IsoWeek Broken = IsoWeek.Parse("2026-W46");

    /// <summary>The sample workspace's team agreeing on PR size: p90 at most 400 lines.</summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = TestHost.Settings(_azurite, _prefix);
        settings["Team:Agreements:0:Signal"] = "pr_size_lines";
        settings["Team:Agreements:0:Statistic"] = "p90";
        settings["Team:Agreements:0:Max"] = "400";
        settings["Team:Agreements:0:Unit"] = "lines";
        settings["Team:Chat:SlackWebhookUrl"] = _webhooks.SlackUrl;
        settings["Team:Chat:TeamsWebhookUrl"] = _webhooks.TeamsUrl;
        settings["Digest:DashboardUrl"] = "https://techlead.example/";
        return settings;
    }

    private IHost Host(TimeProvider? time = null) => TestHost.Build(Settings(), time ?? DigestSampleWeek.Time(), services => services.AddFakeLogging());

    [Fact]
    public async Task A_broken_agreement_is_announced_once_per_channel_by_two_racing_runs_and_its_recovery_once_more()
    {
        using var first = Host();
        using var second = Host();
        await first.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await MarkDigestSentAsync(first, Broken);
        var team = first.Services.GetRequiredService<TeamDirectory>().Default;

        var runs = await Task.WhenAll(
            first.Services.GetRequiredService<NotifyJob>().SendAsync(team, Broken, CancellationToken.None),
            second.Services.GetRequiredService<NotifyJob>().SendAsync(second.Services.GetRequiredService<TeamDirectory>().Default, Broken, CancellationToken.None));

        foreach (var platform in ChatChannelKinds.All)
        {
            var posts = _webhooks.PostsTo(platform.ToStoredString());
            Assert.Single(posts, p => p.Body.Contains("Working agreement broken: Test team", StringComparison.Ordinal));
            Assert.Single(posts, p => p.Body.Contains("Weekly summary for Test team, 2026-W46", StringComparison.Ordinal));
            Assert.Equal(2, posts.Count);
        }

        var broken = _webhooks.PostsTo("slack").Single(p => p.Body.Contains("agreement broken", StringComparison.Ordinal)).Body;
        // 539.4 - 400 = 139.4 lines over, in W46, after a kept W45.
        Assert.Contains("In 2026-W46: p90 539.4 lines, 139.4 lines over.", broken, StringComparison.Ordinal);
        Assert.Contains("Broken since 2026-W46 (1 week with data).", broken, StringComparison.Ordinal);
        Assert.Contains("https://techlead.example?team=Test%20team#signal-pr_size_lines", broken, StringComparison.Ordinal);
        Assert.Equal(4, runs.SelectMany(r => r).Count(d => d.Outcome == "sent"));

        // Again for the same week: nothing new. The next week is back under 400: one message per channel says so.
        await first.Services.GetRequiredService<NotifyJob>().SendAsync(team, Broken, CancellationToken.None);
        Assert.Equal(4, _webhooks.Posts.Count);
        var next = await first.Services.GetRequiredService<NotifyJob>().SendAsync(team, Broken.AddWeeks(1), CancellationToken.None);

        Assert.Equal([ChatKinds.AgreementKept, ChatKinds.AgreementKept], next.Select(d => d.Message.Kind));
        Assert.Equal(6, _webhooks.Posts.Count);
        Assert.All(ChatChannelKinds.All, platform => Assert.Single(_webhooks.PostsTo(platform.ToStoredString()), p => p.Body.Contains("Working agreement kept again: Test team", StringComparison.Ordinal)));
        Assert.DoesNotContain("s3cr3t", LogText(first) + LogText(second), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack", 400, "invalid_blocks", "Slack could not read the message (400 invalid_blocks); this is a TechLead bug")]
    [InlineData("slack", 400, "invalid_payload", "Slack could not read the message (400 invalid_payload); this is a TechLead bug")]
    [InlineData("slack", 403, "action_prohibited", "Slack's workspace admins restrict this webhook (403 action_prohibited)")]
    [InlineData("slack", 404, "no_service", "Slack has no webhook at this address any more (404 no_service); create an incoming webhook and update Team:Chat:SlackWebhookUrl")]
    [InlineData("slack", 410, "channel_is_archived", "the Slack channel is archived (410 channel_is_archived); unarchive it or set Team:Chat:SlackWebhookUrl to another channel's webhook")]
    [InlineData("teams", 400, "", "the Teams workflow could not read the message (400)")]
    public async Task An_answer_that_retrying_cannot_fix_is_recorded_refused_logged_once_and_not_sent_again(string platform, int status, string body, string logged)
    {
        using var host = Host(new AutoAdvancingTime(DigestSampleWeek.Time().GetUtcNow()));
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        _webhooks.Answer(platform, status, body);
        var team = host.Services.GetRequiredService<TeamDirectory>().Default;
        var job = host.Services.GetRequiredService<NotifyJob>();

        var first = await job.SendAsync(team, Broken, CancellationToken.None);
        var again = await job.SendAsync(team, Broken, CancellationToken.None);

        var refused = Assert.Single(first, d => d.Message.Channel.Kind.ToStoredString() == platform);
        Assert.Equal("rejected", refused.Outcome);
        Assert.StartsWith(logged, refused.Detail, StringComparison.Ordinal);
        Assert.Single(_webhooks.PostsTo(platform)); // one try, and no second run's try
        Assert.Empty(again); // the change counts as announced: the other channel has it, this one refused it for good
        var line = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains($"was refused with {status} and is not retried: {logged}", line.Message, StringComparison.Ordinal);
        // The channel is named by host only: the path and query are the webhook's secret.
        Assert.Contains($"({ChatChannel.Redact(new Uri(platform == "slack" ? _webhooks.SlackUrl : _webhooks.TeamsUrl))})", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", LogText(host), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack", "30")]
    [InlineData("teams", "7")]
    public async Task A_429_is_retried_after_the_Retry_After_it_gives(string platform, string retryAfter)
    {
        var time = new AutoAdvancingTime(DigestSampleWeek.Time().GetUtcNow());
        using var host = Host(time);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        _webhooks.Answer(platform, 429, platform == "slack" ? "rate_limited" : "", retryAfter);
        var team = host.Services.GetRequiredService<TeamDirectory>().Default;

        var sent = await host.Services.GetRequiredService<NotifyJob>().SendAsync(team, Broken, CancellationToken.None);

        Assert.All(sent, d => Assert.Equal("sent", d.Outcome));
        Assert.Equal(2, _webhooks.PostsTo(platform).Count);
        Assert.Equal([TimeSpan.FromSeconds(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture))], time.Waits);
        Assert.Contains(host.Services.GetFakeLogCollector().GetSnapshot(), l => l.Message.Contains($"got 429; retrying in {retryAfter} s (try 1 of 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_still_refused_after_the_last_try_is_recorded_failed_and_the_next_run_sends_it()
    {
        var time = new AutoAdvancingTime(DigestSampleWeek.Time().GetUtcNow());
        using var host = Host(time);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            _webhooks.Answer("slack", 429, "rate_limited", "1");
        }

        var team = host.Services.GetRequiredService<TeamDirectory>().Default;
        var job = host.Services.GetRequiredService<NotifyJob>();

        var failed = Assert.Single(await job.SendAsync(team, Broken, CancellationToken.None), d => d.Message.Channel.Kind == ChatChannelKind.Slack);
        Assert.Equal("failed", failed.Outcome);
        Assert.Contains("gave up after 3 tries; the next run tries again", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(3, _webhooks.PostsTo("slack").Count);

        var retried = await job.SendAsync(team, Broken, CancellationToken.None);
        Assert.Equal("sent", retried.Single(d => d.Message.Channel.Kind == ChatChannelKind.Slack).Outcome);
        Assert.Equal("already sent", retried.Single(d => d.Message.Channel.Kind == ChatChannelKind.Teams).Outcome);
        Assert.Equal(4, _webhooks.PostsTo("slack").Count);
        Assert.Single(_webhooks.PostsTo("teams"));
    }

    [Fact]
    public async Task A_working_day_nudges_once_about_drafts_waiting_too_long_and_pull_requests_past_the_agreed_first_review()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DigestSampleWeek.Time().GetUtcNow());
        var settings = Settings();
        settings["Team:Agreements:1:Signal"] = "time_to_first_review";
        settings["Team:Agreements:1:Max"] = "24";
        settings["Team:Agreements:1:Unit"] = "hours";
        using var host = TestHost.Build(settings, time);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await TechLead.Local.Commands.DemoCommand.DraftSampleAsync(host.Services, CancellationToken.None);
        var team = host.Services.GetRequiredService<TeamDirectory>().Default;
        var job = host.Services.GetRequiredService<NotifyJob>();
        // A PR counts when it had waited more than 24 hours for a first review at the end of the week.
        var report = (await host.Services.GetRequiredService<TechLead.Signals.SignalEngine>().ComputeAsync(team, Broken, CancellationToken.None)).Find("open_prs")!;
        var late = report.Items.Where(i => i.Value > 1).ToList();
        Assert.NotEmpty(late);

        // The drafts were made "now", a Wednesday: not yet waiting 2 days. Five days later is a Monday.
        Assert.DoesNotContain(await job.SendAsync(team, Broken, CancellationToken.None), d => d.Message.Kind == ChatKinds.Nudge && d.Message.Key.Contains("2026-11-25", StringComparison.Ordinal) && d.Message.Payload.ToJsonString().Contains("Drafts", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromDays(5));
        var monday = await job.SendAsync(team, Broken, CancellationToken.None);
        var again = await job.SendAsync(team, Broken, CancellationToken.None);

        var nudges = monday.Where(d => d.Message.Kind == ChatKinds.Nudge && d.Message.Key.StartsWith("nudge|2026-11-30|", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, nudges.Count);
        Assert.All(nudges, d => Assert.Equal("sent", d.Outcome));
        var slack = _webhooks.PostsTo("slack").Single(p => p.Body.Contains("Waiting on the team: Test team", StringComparison.Ordinal) && p.Body.Contains("2026-11-30", StringComparison.Ordinal)).Body;
        Assert.Contains("Drafts waiting for review more than 2 days", slack, StringComparison.Ordinal);
        Assert.Contains("Pull requests past the agreed first review (at most 24 hours), end of 2026-W46", slack, StringComparison.Ordinal);
        Assert.All(late.Take(5), pr => Assert.Contains(SlackMessage.Escape(pr.Label), slack, StringComparison.Ordinal));
        Assert.All(again.Where(d => d.Message.Kind == ChatKinds.Nudge), d => Assert.Equal("already sent", d.Outcome));
    }

    private static async Task MarkDigestSentAsync(IHost host, IsoWeek week)
    {
        var ledger = host.Services.GetRequiredService<DigestLedger>();
        var (claim, _) = await ledger.ClaimAsync("Test team", week.ToString(), "test@techlead.local", force: false, CancellationToken.None);
        await ledger.MarkSentAsync(claim!, 1, CancellationToken.None);
    }

    private static string LogText(IHost host) =>
        string.Join("\n", host.Services.GetFakeLogCollector().GetSnapshot().Select(l => l.Message + " " + l.Exception));
}
