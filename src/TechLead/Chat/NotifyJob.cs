using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Agreements;
using TechLead.Digest;
using TechLead.Hosting;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Chat;

/// <summary>The kinds of chat message, as dry runs and the ledger name them.</summary>
internal static class ChatKinds
{
    public const string WeeklySummary = "weekly-summary";
    public const string AgreementBroken = "agreement-broken";
    public const string AgreementKept = "agreement-kept";
    public const string Nudge = "nudge";
}

/// <summary>One message for one channel: what a dry run prints and a run sends.</summary>
public sealed record ChatMessage(string Team, string Week, string Kind, string Key, ChatChannel Channel, JsonObject Payload)
{
    /// <summary>The agreement whose change this announces, so the change is recorded once every channel has it.</summary>
    public AgreementStatus? Agreement { get; init; }
}

/// <summary>What a run did with one message: sent, already sent, being sent by another run, failed, refused; or only shown (dry run).</summary>
public sealed record ChatDelivery(ChatMessage Message, string Outcome, string Detail)
{
    public bool Failed => Outcome == ChatState.Failed.ToStoredString() || Outcome == ChatState.Rejected.ToStoredString();
}

/// <summary>
/// Sends what is due in chat, per team and channel, exactly once each: the weekly summary of the last closed week once
/// its digest went out, and each working agreement that a closed week broke, or kept again after a break. The
/// <c>Notify</c> timer and <c>TechLead.Local notify</c> both run this; <c>--dry-run</c> composes the same messages and sends nothing.
/// </summary>
public sealed partial class NotifyJob : IJob
{
    private readonly TeamDirectory teams;
    private readonly ChatChannels channels;
    private readonly SignalReports signals;
    private readonly TeamAgreements agreements;
    private readonly ReviewQueue reviewQueue;
    private readonly DigestLedger digests;
    private readonly ChatComposer composer;
    private readonly ChatLedger ledger;
    private readonly ChatSender sender;
    private readonly IOptions<ChatOptions> options;
    private readonly ILogger<NotifyJob> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal NotifyJob(
        TeamDirectory teams,
        ChatChannels channels,
        SignalReports signals,
        TeamAgreements agreements,
        ReviewQueue reviewQueue,
        DigestLedger digests,
        ChatComposer composer,
        ChatLedger ledger,
        ChatSender sender,
        IOptions<ChatOptions> options,
        ILogger<NotifyJob> logger)
    {
        this.teams = teams;
        this.channels = channels;
        this.signals = signals;
        this.agreements = agreements;
        this.reviewQueue = reviewQueue;
        this.digests = digests;
        this.composer = composer;
        this.ledger = ledger;
        this.sender = sender;
        this.options = options;
        this.logger = logger;
    }

    public string Name => "Notify";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deliveries = new List<ChatDelivery>();
        foreach (var team in teams.All)
        {
            deliveries.AddRange(await SendAsync(team, null, cancellationToken));
        }

        if (deliveries.Where(d => d.Failed).ToList() is { Count: > 0 } failed)
        {
            throw new InvalidOperationException($"{failed.Count} chat messages were not delivered: {string.Join("; ", failed.Select(f => $"{f.Message.Kind} to {f.Message.Channel}: {f.Detail}"))}");
        }
    }

    /// <summary>Composes what is due for <paramref name="team"/> in <paramref name="week"/> (default: its last closed week) and sends it.</summary>
    public async Task<IReadOnlyList<ChatDelivery>> SendAsync(TeamScope team, IsoWeek? week, CancellationToken cancellationToken)
    {
        var messages = await ComposeAsync(team, week, dryRun: false, cancellationToken);
        var deliveries = new List<ChatDelivery>();
        foreach (var message in messages)
        {
            deliveries.Add(await DeliverAsync(message, cancellationToken));
        }

        // An agreement change is announced once every channel has it (or refused it for good); a failure is retried next run.
        foreach (var change in deliveries.Where(d => d.Message.Agreement is not null).GroupBy(d => d.Message.Agreement!.Agreement.Key))
        {
            if (change.All(d => d.Outcome == ChatState.Sent.ToStoredString() || d.Outcome == "already sent" || d.Outcome == ChatState.Rejected.ToStoredString()))
            {
                var status = change.First().Message.Agreement!;
                await ledger.SetAnnouncedAsync(team.Name, status.Agreement.Key, status.State.ToStoredString(), status.Week, cancellationToken);
            }
        }

        return deliveries;
    }

    /// <summary>
    /// The messages due for the team and week, one per configured channel (with <paramref name="dryRun"/>: one per
    /// platform, configured or not, so a dry run shows both payloads and where each would go).
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> ComposeAsync(TeamScope team, IsoWeek? week, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var targets = channels.For(team.Name).Where(c => dryRun || c.IsConfigured).ToList();
        if (targets.Count == 0)
        {
            LogNoChannels(team.Name);
            return [];
        }

        var closed = week ?? team.Calendar.LastCompleteWeek;
        var weekText = closed.ToString();
        var reports = await signals.WeeksAsync(team, closed, TeamAgreements.Weeks, cancellationToken);
        var statuses = agreements.Evaluate(team.Name, reports);
        var messages = new List<ChatMessage>();

        if (await SummaryDueAsync(team, closed, cancellationToken))
        {
            var waiting = (await reviewQueue.ListAsync(DraftStatus.PendingReview, cancellationToken)).Where(d => d.BelongsTo(team)).ToList();
            var summary = composer.WeeklySummary(reports, waiting, statuses);
            messages.AddRange(targets.Select(c => new ChatMessage(team.Name, weekText, ChatKinds.WeeklySummary, $"weekly|{weekText}|{c.Kind.ToStoredString()}", c, Render(c, summary))));
        }
        else
        {
            LogWaitingForDigest(team.Name, closed);
        }

        foreach (var status in statuses.Where(s => s.State != AgreementState.NoData))
        {
            var (announced, announcedWeek) = await ledger.AnnouncedAsync(team.Name, status.Agreement.Key, cancellationToken);
            // Nothing announced yet counts as kept: a team that adopts an agreement it is already breaking hears so once.
            if (status.State == (announced is null ? AgreementState.Kept : AgreementStates.Parse(announced)) || (announcedWeek is not null && string.CompareOrdinal(announcedWeek, weekText) > 0))
            {
                continue;
            }

            var kind = status.State == AgreementState.Broken ? ChatKinds.AgreementBroken : ChatKinds.AgreementKept;
            var content = composer.AgreementChanged(status, reports[^1].IsSampleData);
            messages.AddRange(targets.Select(c => new ChatMessage(team.Name, weekText, kind, $"agreement|{status.Agreement.Key}|{weekText}|{status.State.ToStoredString()}|{c.Kind.ToStoredString()}", c, Render(c, content)) { Agreement = status }));
        }

        if (await NudgeAsync(team, closed, reports[^1], cancellationToken) is { } nudge)
        {
            messages.AddRange(targets.Select(c => new ChatMessage(team.Name, weekText, ChatKinds.Nudge, $"nudge|{nudge.Date:yyyy-MM-dd}|{c.Kind.ToStoredString()}", c, Render(c, nudge.Content))));
        }

        return messages;
    }

    /// <summary>
    /// Whether the week's summary goes out now: it follows the digest, so the channel never hears about a week before
    /// the lead's inbox does. A run and a dry run both ask this.
    /// </summary>
    public async Task<bool> SummaryDueAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        return await digests.SentAtAsync(team.Name, week.ToString(), cancellationToken) is not null;
    }

    /// <summary>What a run would do with <paramref name="message"/> now, by the same rules as a run (for a dry run).</summary>
    public async Task<string> PreviewAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Channel.IsConfigured)
        {
            return "not sent: the channel is not configured";
        }

        var state = await ledger.StateAsync(message.Team, message.Key, cancellationToken);
        return state is ChatState.Sent or ChatState.Rejected or ChatState.Sending ? $"not sent: {NotSentDetail(state)}" : "would be sent";
    }

    private static string NotSentDetail(ChatState? held) => held switch
    {
        ChatState.Sent => "already sent",
        ChatState.Rejected => "refused by the platform earlier; not retried",
        _ => "another run is sending it right now",
    };

    /// <summary>Today's nudge (one a working day, in the team's time zone), or null when nothing waits too long.</summary>
    private async Task<(DateOnly Date, ChatContent Content)?> NudgeAsync(TeamScope team, IsoWeek closed, Signals.SignalReport report, CancellationToken cancellationToken)
    {
        var now = team.Calendar.Now;
        var today = team.Calendar.LocalDate(now);
        if (today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return null;
        }

        var after = options.Value.NudgeAfterDays;
        var drafts = (await reviewQueue.ListAsync(DraftStatus.PendingReview, cancellationToken))
            .Where(d => d.BelongsTo(team))
            .Select(d => (Draft: d, Days: (now - (d.DraftedAt ?? d.CreatedAt)).TotalDays))
            .Where(d => d.Days > after)
            .OrderByDescending(d => d.Days)
            .Take(5)
            .ToList();
        // The agreement on time to first review (in hours) is what "waiting too long" means for a pull request.
        var review = agreements.For(team.Name).FirstOrDefault(a => a.Signal.Id == "time_to_first_review" && a.Max is not null);
        var pullRequests = review is null ? [] : (report.Find("open_prs")?.Items ?? [])
            .Where(i => i.Value is { } days && days * 24 > review.Max!.Value)
            .Take(5)
            .ToList();
        if (drafts.Count == 0 && pullRequests.Count == 0)
        {
            return null;
        }

        return (today, composer.Nudge(team.Name, today, drafts, after, review, closed.ToString(), pullRequests));
    }

    private async Task<ChatDelivery> DeliverAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        var (claim, held) = await ledger.ClaimAsync(message.Team, message.Key, cancellationToken);
        if (claim is null)
        {
            var detail = NotSentDetail(held);
            var platform = message.Channel.Kind.ToStoredString();
            LogNotSent(message.Kind, message.Team, platform, detail);
            return new ChatDelivery(message, held == ChatState.Sent ? "already sent" : held == ChatState.Rejected ? ChatState.Rejected.ToStoredString() : "in progress", detail);
        }

        ChatSendResult result;
        try
        {
            result = await sender.SendAsync(message.Channel, message.Kind, message.Payload, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Recorded as failed so the next run retries at once, rather than waiting for the claim to go stale.
            await ledger.MarkAsync(claim, ChatState.Failed, e.GetType().Name, CancellationToken.None);
            throw;
        }

        await ledger.MarkAsync(claim, result.State, result.State == ChatState.Sent ? null : result.Reason, cancellationToken);
        return new ChatDelivery(message, result.State.ToStoredString(), result.Reason);
    }

    private static JsonObject Render(ChatChannel channel, ChatContent content) =>
        channel.Kind == ChatChannelKind.Teams ? TeamsMessage.Render(content) : SlackMessage.Render(content);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No chat channel is configured for {Team}; nothing to send.")]
    private partial void LogNoChannels(string team);

    [LoggerMessage(Level = LogLevel.Information, Message = "The chat summary for {Team} {Week} waits until that week's digest is sent.")]
    private partial void LogWaitingForDigest(string team, IsoWeek week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {Kind} for {Team} to {Channel} not sent by this run: {Detail}.")]
    private partial void LogNotSent(string kind, string team, string channel, string detail);
}
