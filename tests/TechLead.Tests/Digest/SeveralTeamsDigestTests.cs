using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechLead.Digest;
using TechLead.Queues;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>Two teams in one deployment: each gets its own digest, once, with signals from its own repositories and projects.</summary>
[Collection(MainJobCollection.Name)]
public sealed class SeveralTeamsDigestTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly string _output = Path.Combine(Path.GetTempPath(), "techlead-teams-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Two_teams_get_two_digests_once_each_even_when_two_runs_overlap()
    {
        var settings = Settings();
        settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
        using var first = TestHost.Build(settings, DigestSampleWeek.Time());
        using var second = TestHost.Build(settings, DigestSampleWeek.Time());
        await first.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);

        // A timer on a scaled-out app and a manual run at the same moment, then a retry of the same week: the timers
        // fan out one message per team each (six), and two workers take them side by side.
        await Task.WhenAll(
            first.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(CancellationToken.None),
            second.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(CancellationToken.None));
        await first.Services.GetRequiredService<WeeklyDigestJob>().RunAsync(CancellationToken.None);
        Assert.DoesNotContain(await maildev.MailsAsync(), m => m.Subject.Contains(_run, StringComparison.Ordinal));
        await Task.WhenAll(WorkAsync(first), WorkAsync(second));
        var queue = await first.Services.GetRequiredService<WorkQueues>().GetQueueAsync(QueueNames.Digest, CancellationToken.None);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var mails = (await maildev.MailsAsync()).Where(m => m.Subject.Contains(_run, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        var shop = Assert.Single(mails, m => m.Subject.Contains($"Shop {_run}", StringComparison.Ordinal));
        var infra = Assert.Single(mails, m => m.Subject.Contains($"Infra {_run}", StringComparison.Ordinal));
        Assert.Equal([$"shop-{_run}@example.com"], shop.To.Select(t => t.Address));
        Assert.Equal([$"infra-{_run}@example.com", $"oncall-{_run}@example.com"], infra.To.Select(t => t.Address));
        Assert.EndsWith(", 2026-W47", shop.Subject, StringComparison.Ordinal);
        Assert.EndsWith(", 2026-W47", infra.Subject, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_output, "digest-*-2026-W47.html").Length);
    }

    [Fact]
    public async Task Each_team_s_signals_come_from_its_own_repositories_projects_and_time_zone()
    {
        using var host = TestHost.Build(Settings(), DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var teams = host.Services.GetRequiredService<TeamDirectory>();
        var engine = host.Services.GetRequiredService<SignalEngine>();

        var shop = await engine.ComputeAsync(teams.Find($"Shop {_run}")!, DigestSampleWeek.Week, CancellationToken.None);
        var infra = await engine.ComputeAsync(teams.Find($"Infra {_run}")!, DigestSampleWeek.Week, CancellationToken.None);
        var everything = await engine.ComputeAsync(SingleTeam(), DigestSampleWeek.Week, CancellationToken.None);

        Assert.Equal(["sample-org/checkout-api", "sample-org/storefront-web"], shop.Repositories);
        Assert.Equal(["sample-org/platform-infra"], infra.Repositories);
        Assert.Equal("America/New_York", infra.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 5, 0, 0, TimeSpan.Zero), infra.Start);
        // Each team counts only its own repositories' deployments in its own week (oracle: the generated sample itself).
        var sample = new SampleWorkspaceGenerator().Generate(42, 12, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        int Deployed(string[]? repositories, DateTimeOffset from) => sample.Deployments.Count(d =>
            (repositories is null || repositories.Contains(d.Repository.ToString())) && d.DeployedAt >= from && d.DeployedAt < from.AddDays(7));
        var utcWeek = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);
        var expected = (
            Shop: Deployed(["sample-org/checkout-api", "sample-org/storefront-web"], utcWeek),
            Infra: Deployed(["sample-org/platform-infra"], infra.Start),
            Everything: Deployed(null, utcWeek));
        Assert.True(expected.Shop > 0 && expected.Infra > 0, $"{expected}");
        Assert.Equal(expected, (
            (int)shop.Find("deployment_frequency")!.Value!.Value,
            (int)infra.Find("deployment_frequency")!.Value!.Value,
            (int)everything.Find("deployment_frequency")!.Value!.Value));
        // Only Infra lists the SHOP Jira project, so only its report has work items.
        Assert.True(infra.Find("work_item_throughput")!.SampleSize > 0);
        Assert.Equal(0, shop.Find("work_item_throughput")?.SampleSize ?? 0);
    }

    [Fact]
    public async Task A_team_whose_repository_has_no_synced_activity_still_gets_a_digest_that_says_so()
    {
        var settings = Settings();
        settings["Teams:1:Repositories:1"] = "sample-org/not-synced-yet";
        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var infra = host.Services.GetRequiredService<TeamDirectory>().Find($"Infra {_run}")!;

        var outcome = await host.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(infra, DigestSampleWeek.Week, force: false, CancellationToken.None);

        Assert.True(outcome.Sent);
        var note = Assert.Single(outcome.Report.Notes, n => n.Contains("sample-org/not-synced-yet", StringComparison.Ordinal));
        Assert.StartsWith("No activity synced yet", note, StringComparison.Ordinal);
        var mail = Assert.Single(await maildev.MailsAsync(), m => m.Subject.Contains($"Infra {_run}", StringComparison.Ordinal));
        Assert.Contains("sample-org/not-synced-yet", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_queued_for_a_team_since_removed_from_settings_is_dropped_not_retried()
    {
        var settings = Settings();
        settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        var queues = host.Services.GetRequiredService<WorkQueues>();
        await queues.SendAsync(QueueNames.Digest, $"Removed {_run}", delay: null, CancellationToken.None);

        Assert.True(await host.Services.GetRequiredService<QueuePump>().TryOneAsync(QueueNames.Digest, CancellationToken.None));

        // Deleted, not left to come back and end in the poison queue; nothing is sent and no failure is on record.
        var queue = await queues.GetQueueAsync(QueueNames.Digest, CancellationToken.None);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(await host.Services.GetRequiredService<QueueFailures>().PoisonedAsync(CancellationToken.None));
        Assert.DoesNotContain(await maildev.MailsAsync(), m => m.Subject.Contains(_run, StringComparison.Ordinal));
    }

    /// <summary>One queue worker (the clock is frozen on the sample week, so it is driven message by message rather than polling).</summary>
    private static async Task WorkAsync(IHost host)
    {
        var pump = host.Services.GetRequiredService<QueuePump>();
        while (await pump.TryOneAsync(QueueNames.Digest, CancellationToken.None))
        {
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    /// <summary>The same workspace read as one team (every repository, the same Jira project).</summary>
    private TeamScope SingleTeam() =>
        new(new TeamCalendar($"All {_run}", TimeZoneInfo.Utc, DigestSampleWeek.Time()), repositories: null, jiraProjects: ["SHOP"], recipients: []);

    private Dictionary<string, string?> Settings()
    {
        var settings = TestHost.Settings(azurite);
        settings.Remove("Team:Name");
        settings.Remove("Digest:Recipients:0");
        settings["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Digest:OutputDirectory"] = _output;
        settings["Teams:0:Name"] = $"Shop {_run}";
        settings["Teams:0:Repositories:0"] = "sample-org/checkout-api";
        settings["Teams:0:Repositories:1"] = "sample-org/storefront-web";
        settings["Teams:0:Recipients:0"] = $"shop-{_run}@example.com";
        settings["Teams:1:Name"] = $"Infra {_run}";
        settings["Teams:1:TimeZone"] = "America/New_York";
        settings["Teams:1:Repositories:0"] = "sample-org/platform-infra";
        settings["Teams:1:JiraProjects:0"] = "SHOP";
        settings["Teams:1:Recipients:0"] = $"infra-{_run}@example.com";
        settings["Teams:1:Recipients:1"] = $"oncall-{_run}@example.com";
        return settings;
    }
}
