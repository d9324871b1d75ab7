using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Storage;
using TechLead.Team;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Storage;

namespace TechLead.Tests.Digest;

/// <summary>The walking skeleton end to end: sample data -> Azurite -> signals -> digest in a real maildev and an HTML file.</summary>
[Collection(MainJobCollection.Name)]
public sealed class MainJobTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly string _output = Path.Combine(Path.GetTempPath(), "techlead-digest-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _team = "Team " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task The_digest_arrives_with_this_weeks_deployment_frequency_and_median_lead_time()
    {
        using var host = Host(maildev.SmtpPort);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);

        var outcome = await host.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(Week, force: false, CancellationToken.None);

        var mail = Assert.Single(await MailsForTeamAsync());
        Assert.Equal($"[Sample data] Weekly digest for {_team}, 2026-W47", mail.Subject);
        var (start, end) = (new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var sample = new SampleWorkspaceGenerator().Generate(42, 12, end);
        var deployments = sample.Deployments.Where(d => d.DeployedAt >= start && d.DeployedAt < end).ToList();
        var days = deployments.Select(d => d.DeployedAt.Date).Distinct().Count();
        Assert.Contains($"{deployments.Count} deployments on {days} days", mail.Html, StringComparison.Ordinal);
        // Independent oracle for the median lead time: each of the week's production deployments lists the merge
        // commits it shipped; a change's lead time runs from its first commit (else its creation) to that deployment.
        var merged = sample.PullRequests.Where(p => p.MergeCommitSha is not null).ToDictionary(p => (p.Repository, p.MergeCommitSha!));
        var hours = deployments
            .SelectMany(d => d.IncludedShas.Select(sha => (d.DeployedAt - (merged[(d.Repository, sha)].FirstCommitAt ?? merged[(d.Repository, sha)].CreatedAt)).TotalHours))
            .Order().ToArray();
        var median = hours.Length % 2 == 1 ? hours[hours.Length / 2] : (hours[(hours.Length / 2) - 1] + hours[hours.Length / 2]) / 2;
        var leadTime = outcome.Report.Find("change_lead_time");
        Assert.NotNull(leadTime);
        Assert.Equal(hours.Length, leadTime.SampleSize);
        Assert.Equal(median, leadTime.Value!.Value, 6);
        // The digest shows it as documented: hours with one decimal under two days, else days.
        var shown = median < 48 ? $"{median.ToString("0.#", CultureInfo.InvariantCulture)} h median" : $"{(median / 24).ToString("0.#", CultureInfo.InvariantCulture)} days median";
        Assert.Contains(shown, mail.Html, StringComparison.Ordinal);
        Assert.Contains("Sample data.", mail.Html, StringComparison.Ordinal);
        Assert.Contains("what these numbers cannot tell", mail.Html, StringComparison.OrdinalIgnoreCase);

        Assert.True(outcome.Sent);
        // The HTML file is the same email with its charts embedded rather than attached (the raw MIME is checked in DigestDeliveryTests).
        var file = await File.ReadAllTextAsync(outcome.HtmlPath);
        Assert.Contains("src=\"data:image/png;base64,", file, StringComparison.Ordinal);
        Assert.Contains(shown, file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_job_again_adds_no_rows_and_sends_nothing_until_forced()
    {
        var settings = Settings(maildev.SmtpPort);
        using var host = TestHost.Build(settings, _time);
        var sync = host.Services.GetRequiredService<SampleSyncJob>();
        var digest = host.Services.GetRequiredService<WeeklyDigestJob>();
        await sync.SyncAsync(CancellationToken.None);
        await digest.SendAsync(Week, force: false, CancellationToken.None);
        var rows = await ActivityStoreTests.CountRowsAsync(settings, Tables.PullRequests);

        await sync.SyncAsync(CancellationToken.None);
        var second = await digest.SendAsync(Week, force: false, CancellationToken.None);

        Assert.Equal(rows, await ActivityStoreTests.CountRowsAsync(settings, Tables.PullRequests));
        Assert.False(second.Sent);
        Assert.NotNull(second.PreviouslySentAt);
        Assert.Single(await MailsForTeamAsync());

        var forced = await digest.SendAsync(Week, force: true, CancellationToken.None);
        Assert.True(forced.Sent);
        Assert.Equal(2, (await MailsForTeamAsync()).Count);
    }

    [Fact]
    public async Task When_smtp_is_unreachable_the_error_names_it_and_the_digest_is_not_marked_sent()
    {
        var closedPort = NodeService.FreePort();
        var settings = Settings(closedPort);
        using (var broken = TestHost.Build(settings, _time))
        {
            await broken.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
            var error = await Assert.ThrowsAsync<DigestDeliveryException>(() =>
                broken.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(Week, force: false, CancellationToken.None));
            Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
            Assert.Null(await broken.Services.GetRequiredService<DigestLedger>().SentAtAsync(_team, Week.ToString(), CancellationToken.None));
        }

        settings["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var fixedHost = TestHost.Build(settings, _time);
        var retried = await fixedHost.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(Week, force: false, CancellationToken.None);

        Assert.True(retried.Sent);
        Assert.Single(await MailsForTeamAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private Microsoft.Extensions.Hosting.IHost Host(int smtpPort) => TestHost.Build(Settings(smtpPort), _time);

    private Dictionary<string, string?> Settings(int smtpPort)
    {
        var settings = TestHost.Settings(azurite);
        settings["Team:Name"] = _team;
        settings["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Digest:OutputDirectory"] = _output;
        return settings;
    }

    private async Task<List<ReceivedMail>> MailsForTeamAsync() =>
        (await maildev.MailsAsync()).Where(m => m.Subject.Contains(_team, StringComparison.Ordinal)).ToList();
}
