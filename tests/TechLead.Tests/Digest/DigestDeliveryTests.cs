using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SkiaSharp;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The digest as it arrives (read back from maildev as raw MIME), and exactly once across runs and processes.</summary>
[Collection(DigestCollection.Name)]
public sealed partial class DigestDeliveryTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private readonly string _team = "Team " + Guid.NewGuid().ToString("N")[..6];
    private readonly string _prefix = AzuriteFixture.NewTablePrefix();
    private readonly string _output = Path.Combine(Path.GetTempPath(), "techlead-digest-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_email_carries_every_chart_it_references_as_an_inline_png_and_a_plain_text_part_that_reads_alone()
    {
        using var host = TestHost.Build(Settings(), DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);

        var outcome = await host.Services.GetRequiredService<WeeklyDigestJob>().SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None);

        Assert.True(outcome.Sent);
        var message = Assert.Single(await MessagesForTeamAsync());
        Assert.Equal($"digest.{Slug()}.2026-W47@techlead.local", message.MessageId);
        var html = message.HtmlBody ?? "";
        var references = CidReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(references.Count >= 4, $"only {references.Count} charts referenced");
        var parts = message.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null).ToDictionary(p => p.ContentId!);
        foreach (var reference in references)
        {
            Assert.True(parts.TryGetValue(reference, out var part), $"cid:{reference} has no attachment");
            Assert.Equal("image/png", part.ContentType.MimeType);
            using var stream = new MemoryStream();
            await part.Content!.DecodeToAsync(stream);
            using var bitmap = SKBitmap.Decode(stream.ToArray());
            Assert.True(bitmap is { Width: > 100, Height: > 50 }, $"cid:{reference} is not a readable PNG");
        }

        var text = message.TextBody ?? "";
        Assert.Contains("THE WEEK IN ONE MINUTE", text, StringComparison.Ordinal);
        Assert.Contains("Deployment frequency, weekly for 12 weeks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text.Replace("<=", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_digest_processes_started_at_once_send_one_email()
    {
        using (var host = TestHost.Build(Settings(), DigestSampleWeek.Time()))
        {
            await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        }

        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = _prefix,
            ["Team__Name"] = _team,
            ["Team__TimeZone"] = "UTC",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Digest__OutputDirectory"] = _output,
        };
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => LocalRunner.RunAsync(environment, Path.GetTempPath(), "digest", "--week", "2026-W47")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Single(await MessagesForTeamAsync());
        Assert.Single(runs, run => run.StdOut.Contains(": sent.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_run_is_taken_over_once_it_is_stale_and_then_never_again()
    {
        var time = DigestSampleWeek.Time();
        using var host = TestHost.Build(Settings(), time);
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var ledger = host.Services.GetRequiredService<DigestLedger>();
        var job = host.Services.GetRequiredService<WeeklyDigestJob>();
        var messageId = $"digest.{Slug()}.2026-W47@techlead.local";
        // A run claimed the week and died before sending.
        var (claim, _) = await ledger.ClaimAsync(_team, "2026-W47", messageId, force: false, CancellationToken.None);
        Assert.NotNull(claim);

        var meanwhile = await job.SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None);
        Assert.False(meanwhile.Sent);
        Assert.Equal("another run is sending it right now", meanwhile.Refusal);

        time.Advance(TimeSpan.FromMinutes(6));
        var retried = await job.SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None);
        var again = await job.SendAsync(DigestSampleWeek.Week, force: false, CancellationToken.None);

        Assert.True(retried.Sent);
        Assert.False(again.Sent);
        var message = Assert.Single(await MessagesForTeamAsync());
        Assert.Equal(messageId, message.MessageId);

        var forced = await job.SendAsync(DigestSampleWeek.Week, force: true, CancellationToken.None);
        Assert.True(forced.Sent);
        var messages = await MessagesForTeamAsync();
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, messages.Select(m => m.MessageId).Distinct().Count());
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = TestHost.Settings(azurite, _prefix);
        settings["Team:Name"] = _team;
        settings["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Digest:OutputDirectory"] = _output;
        return settings;
    }

    private string Slug() => _team.ToLowerInvariant().Replace(' ', '-');

    /// <summary>The raw messages maildev received for this test's team, parsed by MimeKit exactly as sent.</summary>
    private async Task<List<MimeMessage>> MessagesForTeamAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{maildev.WebPort}/") };
        var list = await http.GetFromJsonAsync<List<MailSummary>>("api/email") ?? [];
        var messages = new List<MimeMessage>();
        foreach (var mail in list.Where(m => m.Subject.Contains(_team, StringComparison.Ordinal)))
        {
            await using var source = await http.GetStreamAsync($"api/email/{mail.Id}/source");
            messages.Add(await MimeMessage.LoadAsync(source));
        }

        return messages;
    }

    private sealed record MailSummary([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("subject")] string Subject);

    [GeneratedRegex("src=\"cid:([^\"]+)\"")]
    private static partial Regex CidReference();
}
