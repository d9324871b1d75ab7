using TechLead.Agreements;
using TechLead.Digest;
using TechLead.Overview;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Chat;

/// <summary>
/// What chat says, platform-neutral: the weekly summary (the digest's week in one minute, the DORA four with a text
/// trend, the working agreements) and the agreement changes. Team-level only, like the digest: items name work, never people.
/// </summary>
internal sealed class ChatComposer(DigestLinks links)
{
    /// <summary>DORA's four key metrics, the "at a glance" block.</summary>
    public static readonly IReadOnlyList<string> DoraFour = ["deployment_frequency", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time"];

    /// <summary>The weekly summary from the week's report and the weeks before it (oldest first).</summary>
    public ChatContent WeeklySummary(IReadOnlyList<SignalReport> reports, IReadOnlyList<DraftRecord> waiting, IReadOnlyList<AgreementStatus> agreements)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var report = reports[^1];
        var trend = SignalTrend.From(reports);
        var summary = WeekSummary.From(report, trend, waiting, links, agreements);
        // Broken agreements get their own section below, with the kept ones.
        var attention = summary.Attention.Where(g => g.Title != WeekSummary.BrokenAgreements).ToList();
        var sections = new List<ChatSection>
        {
            new("What moved", summary.Moves.Count == 0
                ? [[new ChatText($"Nothing moved out of its usual range (the {SignalMoves.BaselineWeeks} weeks before).")]]
                : summary.Moves.Select(m => Line($"{m.Name} {(m.Direction == MoveDirection.Up ? "up" : "down")}{m.Better switch { true => " (better)", false => " (worse)", null => "" }}: "
                    + $"{SummaryUnits.Format(m.Id, m.Unit, m.Value)}; usually {SummaryUnits.Range(m.Id, m.Unit, m.UsualLow, m.UsualHigh)}")).ToList()),
            new("Needs you", attention.Count == 0
                ? [[new ChatText("Nothing is waiting for you.")]]
                : attention.SelectMany(g => g.Items
                    .Select(i => (IReadOnlyList<ChatText>)[new ChatText($"{g.Title}: "), new ChatText(i.Text, i.Url), new ChatText($" ({i.Detail})")])
                    .Append(g.More > 0 ? Line($"{g.Title}: {g.More} more") : null)
                    .OfType<IReadOnlyList<ChatText>>()).ToList()),
            new("One win", [Line(summary.Win)]),
        };
        if (agreements.Count > 0)
        {
            sections.Add(new ChatSection("Working agreements", agreements.Select(a => (IReadOnlyList<ChatText>)
                [new ChatText($"{StateWord(a.State)}: "), new ChatText(a.Description, links.Signal(a.Signal, report.Team)), new ChatText($": {a.Detail}{(a.Since is null ? "" : $"; {a.SinceText}")}")]).ToList()));
        }

        var facts = DoraFour.Select(id => report.Find(id) is { } signal
            ? new ChatFact(signal.Name, signal.Value is { } value ? SummaryUnits.Format(id, signal.Unit, value) : SignalValue.NoValueText, Sparkline.Of(trend.Find(id)?.Points.Select(p => p.Value).ToList() ?? []))
            : null).OfType<ChatFact>().ToList();
        return new ChatContent(
            $"{Sample(report)}Weekly summary for {report.Team}, {report.Week}",
            $"{summary.Delivery} Trends: the last {trend.Weeks.Count} weeks, oldest first. The full digest went out by email.",
            sections,
            facts,
            Links(report.Team, null));
    }

    /// <summary>An agreement broken this week, or kept again after being broken.</summary>
    public ChatContent AgreementChanged(AgreementStatus status, bool isSample)
    {
        ArgumentNullException.ThrowIfNull(status);
        var team = status.Agreement.Team;
        var broken = status.State == AgreementState.Broken;
        IReadOnlyList<IReadOnlyList<ChatText>> lines =
        [
            [new ChatText(status.Description, links.Signal(status.Signal, team))],
            Line($"In {status.Week}: {status.Detail}."),
            broken
                ? Line($"Broken since {(status.SinceAtLeast ? "at least " : "")}{status.Since} ({status.WeeksInState} {(status.WeeksInState == 1 ? "week" : "weeks")} with data).")
                : Line("Back within what the team agreed: worth saying so at the next stand-up."),
        ];
        var next = broken
            ? "Talk it over with the team: what got in the way, and does the agreement still fit? Change it together, or plan to get back within it."
            : "Celebrate it: the team chose this line and is keeping it again.";
        return new ChatContent(
            $"{(isSample ? "[Sample data] " : "")}{(broken ? "Working agreement broken" : "Working agreement kept again")}: {team}",
            $"{status.Agreement.Signal.Name}, {status.Week}",
            [new ChatSection(broken ? "What happened" : "Good news", lines), new ChatSection("Next", [Line(next)])],
            [],
            Links(team, status.Signal));
    }

    /// <summary>
    /// The daily nudge: drafts waiting for review longer than <c>Chat:NudgeAfterDays</c>, and pull requests that were
    /// waiting for a first review longer than the team's agreement at the end of the last closed week.
    /// </summary>
    public ChatContent Nudge(string team, DateOnly date, IReadOnlyList<(DraftRecord Draft, double Days)> drafts, int afterDays, Agreement? review, string week, IReadOnlyList<SignalItem> pullRequests)
    {
        var sections = new List<ChatSection>();
        if (drafts.Count > 0)
        {
            sections.Add(new ChatSection($"Drafts waiting for review more than {afterDays} days", drafts.Select(d => (IReadOnlyList<ChatText>)
                [new ChatText($"{d.Draft.Subject}", links.DashboardFor(team, "review")), new ChatText($" (waiting {d.Days.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} days)")]).ToList()));
        }

        if (review is not null && pullRequests.Count > 0)
        {
            sections.Add(new ChatSection($"Pull requests past the agreed first review ({review.Bounds}), end of {week}", pullRequests.Select(p => (IReadOnlyList<ChatText>)
                [new ChatText(p.Label, links.Item(p.Label)), new ChatText($" ({p.Detail})")]).ToList()));
        }

        return new ChatContent($"Waiting on the team: {team}", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), sections, [], Links(team, null));
    }

    private IReadOnlyList<ChatText> Links(string team, string? signal) =>
        (signal is null ? links.DashboardFor(team) : links.Signal(signal, team)) is { } url ? [new ChatText("Open the dashboard", url)] : [];

    private static IReadOnlyList<ChatText> Line(string text) => [new ChatText(text)];

    private static string StateWord(AgreementState state) => state switch
    {
        AgreementState.Broken => "Broken",
        AgreementState.Kept => "Kept",
        _ => "No data",
    };

    private static string Sample(SignalReport report) => report.IsSampleData ? "[Sample data] " : "";
}
