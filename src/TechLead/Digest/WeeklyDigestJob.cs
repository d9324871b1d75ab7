using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Overview;
using TechLead.Queues;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Digest;

/// <summary>What a digest run did: sent it, found it already sent, or found another run sending it.</summary>
public sealed record DigestOutcome(string Team, string Week, bool Sent, DateTimeOffset? PreviouslySentAt, string HtmlPath, SignalReport Report, string? Refusal = null);

/// <summary>
/// Each team's signals for the week and the 11 before it, composed into an email, written as HTML and sent exactly
/// once per team and week (unless forced): the send is claimed in the digests table first (<see cref="DigestLedger"/>),
/// so runs started at the same moment, in one process or several, send one email. As a job (the <c>WeeklyDigest</c>
/// timer, <c>serve</c>'s scheduler) it enqueues one message per team; <see cref="TeamDigestWork"/> sends each.
/// </summary>
public sealed partial class WeeklyDigestJob : IJob
{
    private readonly WeekOverview overview;
    private readonly DigestComposer composer;
    private readonly DigestMailer mailer;
    private readonly DigestLedger ledger;
    private readonly TeamDirectory teams;
    private readonly WorkQueues queues;
    private readonly IOptions<DigestOptions> options;
    private readonly ILogger<WeeklyDigestJob> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal WeeklyDigestJob(
        WeekOverview overview,
        DigestComposer composer,
        DigestMailer mailer,
        DigestLedger ledger,
        TeamDirectory teams,
        WorkQueues queues,
        IOptions<DigestOptions> options,
        ILogger<WeeklyDigestJob> logger)
    {
        this.overview = overview;
        this.composer = composer;
        this.mailer = mailer;
        this.ledger = ledger;
        this.teams = teams;
        this.queues = queues;
        this.options = options;
        this.logger = logger;
    }

    public string Name => "WeeklyDigest";

    /// <summary>One message per team on <see cref="QueueNames.Digest"/>: each team's digest is composed and sent by a worker of its own.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        queues.SendAllAsync(QueueNames.Digest, teams.All.Select(t => t.Name), cancellationToken);

    public Task<DigestDocument> ComposeAsync(IsoWeek week, CancellationToken cancellationToken) => ComposeAsync(teams.Default, week, cancellationToken);

    public async Task<DigestDocument> ComposeAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken) =>
        (await ComposeWithReportAsync(team, week, cancellationToken)).Document;

    /// <summary>
    /// The week's report and the 11 before it (the charts), the team's drafts waiting for review and its agreements,
    /// composed around the summary the dashboard's overview shows for the same week.
    /// </summary>
    private async Task<(DigestDocument Document, SignalReport Report)> ComposeWithReportAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken)
    {
        var glance = await overview.LoadAsync(team, week, cancellationToken);
        return (composer.Compose(glance), glance.Report);
    }

    public Task<DigestOutcome> SendAsync(IsoWeek week, bool force, CancellationToken cancellationToken) =>
        SendAsync(teams.Default, week, force, cancellationToken);

    public async Task<DigestOutcome> SendAsync(TeamScope scope, IsoWeek week, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var team = scope.Name;
        var (document, report) = await ComposeWithReportAsync(scope, week, cancellationToken);
        var htmlPath = await WriteHtmlAsync(team, week, document, cancellationToken);

        // The same Message-ID for a team and week lets mail clients drop the rare duplicate a crashed run may cause.
        var (claim, refused) = await ledger.ClaimAsync(team, week.ToString(), $"digest.{Slug(team)}.{week}@techlead.local", force, cancellationToken);
        if (claim is null)
        {
            if (refused!.State == DigestState.Sending)
            {
                LogInProgress(team, week);
                return new DigestOutcome(team, week.ToString(), Sent: false, null, htmlPath, report, "another run is sending it right now");
            }

            LogAlreadySent(team, week, refused.SentAt);
            return new DigestOutcome(team, week.ToString(), Sent: false, refused.SentAt, htmlPath, report, "already sent");
        }

        var recipients = scope.Recipients.Count > 0 ? scope.Recipients : options.Value.Recipients;
        int accepted;
        try
        {
            accepted = await mailer.SendAsync(document, claim.MessageId, recipients, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Recorded as failed so the next run retries at once, rather than waiting for the claim to go stale.
            await ledger.MarkFailedAsync(claim, e.Message, CancellationToken.None);
            throw;
        }

        await ledger.MarkSentAsync(claim, accepted, cancellationToken);
        LogSent(team, week, accepted, recipients.Count);
        return new DigestOutcome(team, week.ToString(), Sent: true, null, htmlPath, report);
    }

    private async Task<string> WriteHtmlAsync(string team, IsoWeek week, DigestDocument document, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.OutputDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"digest-{Slug(team)}-{week}.html");
        // Write then rename, so a reader never sees half a file; the name is unique per process so concurrent runs do not collide.
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, document.FileHtml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    internal static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "team" : slug;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Team} {Week} was already sent at {SentAt}; not sending again.")]
    private partial void LogAlreadySent(string team, IsoWeek week, DateTimeOffset? sentAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Team} {Week} is being sent by another run right now; this run stops.")]
    private partial void LogInProgress(string team, IsoWeek week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Team} {Week} sent; the relay accepted {Accepted} of {Recipients} recipients.")]
    private partial void LogSent(string team, IsoWeek week, int accepted, int recipients);
}
