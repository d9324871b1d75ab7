using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>
/// The digest against a relay that refuses some recipients at RCPT TO (550 5.1.1, as Postfix answers an unknown
/// mailbox): the others still get it, the refusal is logged redacted, and a relay that refuses everyone is a failed
/// send that the next run retries.
/// </summary>
[Collection(DigestCollection.Name)]
public sealed partial class RefusedRecipientTests(AzuriteFixture azurite) : IDisposable
{
    private const string Refused = "lead@example.com";
    private static readonly string[] Recipients = ["ana@example.com", Refused, "ben@example.org"];
    private readonly string _team = "Team " + Guid.NewGuid().ToString("N")[..6];
    private readonly string _output = Path.Combine(Path.GetTempPath(), "techlead-digest-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_refused_recipient_is_logged_redacted_and_the_other_two_still_get_the_digest_with_its_charts()
    {
        await using var relay = await RefusingSmtpRelay.StartAsync(Refused);
        using var host = await SyncedHostAsync(relay.Port);
        var document = await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(DigestSampleWeek.Week, CancellationToken.None);

        var accepted = await host.Services.GetRequiredService<DigestMailer>().SendAsync(document, "digest.refused@techlead.local", Recipients, CancellationToken.None);

        Assert.Equal(2, accepted);
        var relayed = Assert.Single(relay.Messages);
        Assert.Equal(["ana@example.com", "ben@example.org"], relayed.Recipients);
        Assert.Equal(document.Subject, relayed.Message.Subject);
        var references = CidReference().Matches(relayed.Message.HtmlBody ?? "").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        var images = relayed.Message.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null).ToDictionary(p => p.ContentId!);
        Assert.All(references, cid => Assert.Equal("image/png", Assert.Contains(cid, images).ContentType.MimeType));

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        var warning = Assert.Single(logs, l => l.Level == LogLevel.Warning && l.Category == typeof(DigestMailer).FullName);
        Assert.Contains("l***@example.com", warning.Message, StringComparison.Ordinal);
        Assert.Contains("550", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs, l => l.Message.Contains(Refused, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task When_the_relay_refuses_every_recipient_the_run_fails_saying_so_and_the_next_run_sends()
    {
        await using var relay = await RefusingSmtpRelay.StartAsync(Recipients);
        using var host = await SyncedHostAsync(relay.Port);
        var job = host.Services.GetRequiredService<WeeklyDigestJob>();

        var error = await Assert.ThrowsAsync<DigestDeliveryException>(() => job.SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None));

        Assert.Contains("accepted no recipient", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{relay.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("a***@example.com: 550, l***@example.com: 550, b***@example.org: 550", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Refused, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(relay.Messages);
        Assert.Null(await host.Services.GetRequiredService<DigestLedger>().SentAtAsync(_team, DigestSampleWeek.Week.ToString(), CancellationToken.None));

        // The failed send released the week at once (no waiting for a stale claim): the address fixed, the next run sends.
        relay.Refuse();
        var retried = await job.SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None);

        Assert.True(retried.Sent, retried.Refusal);
        Assert.Equal(Recipients, Assert.Single(relay.Messages).Recipients);
    }

    [Fact]
    public async Task A_relay_that_is_down_is_named_by_host_and_port_and_the_smtp_password_appears_nowhere()
    {
        const string password = "smtp-password-must-not-leak-7f3";
        var closedPort = NodeService.FreePort();
        var settings = Settings(closedPort);
        settings["Smtp:UserName"] = "digest-sender";
        settings["Smtp:Password"] = password;
        settings["Smtp:AllowPlainTextAuth"] = "true";
        using var host = TestHost.Build(settings, DigestSampleWeek.Time(), services => services.AddFakeLogging());
        var document = await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(DigestSampleWeek.Week, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DigestDeliveryException>(() =>
            host.Services.GetRequiredService<DigestMailer>().SendAsync(document, "digest.down@techlead.local", Recipients, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Net.Sockets.SocketException>(error.InnerException);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Services.GetFakeLogCollector().GetSnapshot(), l => l.Message.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public void An_smtp_password_over_an_unencrypted_connection_is_refused_at_start_unless_plain_text_auth_is_allowed()
    {
        var settings = Settings(NodeService.FreePort());
        settings["Smtp:Security"] = "None";
        settings["Smtp:UserName"] = "digest-sender";
        settings["Smtp:Password"] = "smtp-password-7f3";

        var refused = Assert.ThrowsAny<Exception>(() => TestHost.Build(settings, DigestSampleWeek.Time()).Dispose());
        settings["Smtp:AllowPlainTextAuth"] = "true";
        using var allowed = TestHost.Build(settings, DigestSampleWeek.Time());

        var problem = Assert.Single(TechLead.Hosting.SettingProblems.From(refused) ?? [], p => p.Contains("Smtp:Security", StringComparison.Ordinal));
        Assert.Contains("unencrypted", problem, StringComparison.Ordinal);
        Assert.Contains("Smtp:AllowPlainTextAuth=true", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_relay_offers_no_encryption_the_password_is_not_sent_and_the_error_says_why()
    {
        const string password = "smtp-password-must-stay-home-9c1";
        await using var relay = await RefusingSmtpRelay.StartAsync();
        var settings = Settings(relay.Port);
        // Falls back to plain text when the relay offers no STARTTLS, as this one does.
        settings["Smtp:Security"] = "StartTlsWhenAvailable";
        settings["Smtp:UserName"] = "digest-sender";
        settings["Smtp:Password"] = password;
        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        var document = await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(DigestSampleWeek.Week, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DigestDeliveryException>(() =>
            host.Services.GetRequiredService<DigestMailer>().SendAsync(document, "digest.plain@techlead.local", Recipients, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{relay.Port} offered no encryption, so the SMTP password was not sent", error.Message, StringComparison.Ordinal);
        Assert.Contains("Smtp:AllowPlainTextAuth=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(relay.Messages);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private async Task<IHost> SyncedHostAsync(int smtpPort)
    {
        var host = TestHost.Build(Settings(smtpPort), DigestSampleWeek.Time(), services => services.AddFakeLogging());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        return host;
    }

    private Dictionary<string, string?> Settings(int smtpPort)
    {
        var settings = TestHost.Settings(azurite);
        settings["Team:Name"] = _team;
        settings["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Digest:OutputDirectory"] = _output;
        for (var i = 0; i < Recipients.Length; i++)
        {
            settings[$"Digest:Recipients:{i}"] = Recipients[i];
        }

        return settings;
    }

    [GeneratedRegex("src=\"cid:([^\"]+)\"")]
    private static partial Regex CidReference();
}
