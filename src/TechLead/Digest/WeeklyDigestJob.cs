using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Digest;

public sealed record DigestOutcome(string Week, bool Sent, DateTimeOffset? PreviouslySentAt, string HtmlPath, SignalReport Report);

/// <summary>
/// Signals for the week, composed into an email, written as HTML and sent. Sent at most once per team and week
/// (unless forced); a failed send is not recorded, so the next run retries it.
/// </summary>
public sealed partial class WeeklyDigestJob(
    SignalEngine signals,
    ReviewQueue reviewQueue,
    DigestComposer composer,
    DigestMailer mailer,
    DigestLedger ledger,
    TeamCalendar calendar,
    IOptions<DigestOptions> options,
    ILogger<WeeklyDigestJob> logger) : IJob
{
    public string Name => "WeeklyDigest";

    public Task RunAsync(CancellationToken cancellationToken) => SendAsync(calendar.LastCompleteWeek, force: false, cancellationToken);

    public async Task<DigestOutcome> SendAsync(IsoWeek week, bool force, CancellationToken cancellationToken)
    {
        var team = calendar.TeamName;
        var report = await signals.ComputeAsync(week, cancellationToken);
        var waiting = await reviewQueue.ListAsync(DraftStatus.PendingReview, cancellationToken);
        var document = composer.Compose(report, waiting);
        var htmlPath = await WriteHtmlAsync(team, week, document, cancellationToken);

        var sentAt = await ledger.SentAtAsync(team, week.ToString(), cancellationToken);
        if (sentAt is not null && !force)
        {
            LogAlreadySent(team, week, sentAt.Value);
            return new DigestOutcome(week.ToString(), Sent: false, sentAt, htmlPath, report);
        }

        // The same Message-ID for a team and week lets mail clients drop a duplicate if a crash repeats a send.
        var messageId = $"digest.{Slug(team)}.{week}@techlead.local";
        await mailer.SendAsync(document, messageId, cancellationToken);
        await ledger.RecordAsync(team, week.ToString(), calendar.Now, messageId, options.Value.Recipients.Count, cancellationToken);
        LogSent(team, week, options.Value.Recipients.Count);
        return new DigestOutcome(week.ToString(), Sent: true, sentAt, htmlPath, report);
    }

    private async Task<string> WriteHtmlAsync(string team, IsoWeek week, DigestDocument document, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.OutputDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"digest-{Slug(team)}-{week}.html");
        // Write then rename, so a reader never sees half a file.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, document.Html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "team" : slug;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Team} {Week} was already sent at {SentAt}; not sending again.")]
    private partial void LogAlreadySent(string team, IsoWeek week, DateTimeOffset sentAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Team} {Week} sent to {Recipients} recipients.")]
    private partial void LogSent(string team, IsoWeek week, int recipients);
}
