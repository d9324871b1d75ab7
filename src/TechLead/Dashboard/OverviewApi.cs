using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TechLead.Agreements;
using TechLead.Overview;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;
using DoraSignalView = TechLead.Dashboard.OverviewView.DoraSignalView;
using DoraSummaryView = TechLead.Dashboard.OverviewView.DoraSummaryView;
using TrendPointView = TechLead.Dashboard.OverviewView.TrendPointView;
using OverviewAgreementView = TechLead.Dashboard.OverviewView.OverviewAgreementView;
using NeedsYouView = TechLead.Dashboard.OverviewView.NeedsYouView;
using NeedsYouItemView = TechLead.Dashboard.OverviewView.NeedsYouItemView;
using MoveOverviewView = TechLead.Dashboard.OverviewView.MoveOverviewView;
using OverviewTeamRow = TechLead.Dashboard.OverviewTeamsView.OverviewTeamRow;

namespace TechLead.Dashboard;

/// <summary>
/// The dashboard's first view in one call: a team's week at a glance (DORA's keys with their trend, the working
/// agreements, what needs the lead, what moved and one win), computed by <see cref="WeekOverview"/> exactly as the
/// digest computes it; and one row per team. Team-level only: no ranking, no people.
/// </summary>
public sealed class OverviewApi
{
    private readonly WeekOverview overview;
    private readonly TeamDirectory teams;

    /// <summary>Internal, so the week's computation stays internal: the dashboard's composition builds it.</summary>
    internal OverviewApi(WeekOverview overview, TeamDirectory teams)
    {
        this.overview = overview;
        this.teams = teams;
    }

    /// <summary>The overview of <c>?team=</c> (the first team when none is named) in <c>?week=</c> (its last complete week when none).</summary>
    public async Task<Results<JsonHttpResult<OverviewView>, ValidationProblem>> WeekAsync(string? teamName, string? weekText, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        var (team, week) = SignalsApi.Read(teams, teamName, weekText, problems);
        if (problems.Count > 0)
        {
            return Problems(problems);
        }

        return ApiJson.Ok(View(await overview.LoadAsync(team!, week!.Value, cancellationToken)));
    }

    /// <summary>Every configured team's row, by name; <c>?week=</c> for all, else each team's last complete week.</summary>
    public async Task<Results<JsonHttpResult<OverviewTeamsView>, ValidationProblem>> TeamsAsync(string? weekText, CancellationToken cancellationToken)
    {
        var text = weekText ?? "";
        IsoWeek? week = null;
        if (text.Length > 0)
        {
            if (!IsoWeek.TryParse(text, out var parsed))
            {
                return Problems(new Dictionary<string, string[]> { ["week"] = [WeekProblem] });
            }

            week = parsed;
        }

        // The drafts waiting are read once for all teams; each team's week comes from its snapshot, side by side, and a
        // row needs no trend, so one week is read per team.
        var waiting = await overview.WaitingAsync(cancellationToken);
        var ordered = teams.All.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var weeks = await Task.WhenAll(ordered.Select(t => overview.LoadAsync(t, week ?? t.Calendar.LastCompleteWeek, waiting, cancellationToken, weeks: 1)));
        return ApiJson.Ok(new OverviewTeamsView(weeks.Select(TeamRow).ToList()));
    }

    internal const string WeekProblem = "Not an ISO week between 2000-W01 and 2100-W52; write it as YYYY-Www, e.g. 2026-W47.";

    private static OverviewView View(TeamWeek week)
    {
        var report = week.Report;
        return new OverviewView(
            report.Team,
            report.Week,
            week.Open,
            report.IsSampleData,
            week.Summary.Delivery,
            Dora(report).Select(s => Dora(s, week.Trend.Find(s.Id)?.Points ?? [])).ToList(),
            week.Agreements.Select(a => Agreement(a, report)).ToList(),
            week.Summary.Attention.Select(g => NeedsYou(g, report)).ToList(),
            week.Summary.Moves.Select(m => Move(m, report)).ToList(),
            week.Summary.Win);
    }

    private static OverviewTeamRow TeamRow(TeamWeek week) => new(
        week.Team.Name,
        week.Report.Week,
        week.Open,
        Dora(week.Report).Select(DoraSummary).ToList(),
        week.Agreements.Count(a => a.State == AgreementState.Broken),
        week.Summary.Attention.Sum(g => g.Count),
        "#/overview?team=" + Uri.EscapeDataString(week.Team.Name));

    private static IEnumerable<SignalValue> Dora(SignalReport report) => DoraKeys.All.Select(report.Find).OfType<SignalValue>();

    private static DoraSignalView Dora(SignalValue signal, IReadOnlyList<SignalPoint> trend)
    {
        var direction = SignalDirection.Of(signal);
        return new DoraSignalView(signal.Id, signal.Name, signal.ValueText, signal.UnitText, signal.Tier, direction, SignalDirection.Better(signal.Id, direction),
            signal.BaselineText, trend.Select(p => new TrendPointView(p.Week, p.Value, p.Text)).ToList(), CategoryLink(signal.Category));
    }

    private static DoraSummaryView DoraSummary(SignalValue signal)
    {
        var direction = SignalDirection.Of(signal);
        return new DoraSummaryView(signal.Id, signal.Name, signal.ValueText, signal.UnitText, signal.Tier, direction, SignalDirection.Better(signal.Id, direction),
            signal.BaselineText, CategoryLink(signal.Category));
    }

    private static OverviewAgreementView Agreement(AgreementStatus status, SignalReport report) => new(
        status.Signal,
        status.Description,
        status.State,
        status.Detail,
        status.Since,
        status.SinceAtLeast,
        status.SinceText,
        status.State == AgreementState.Broken ? status.WeeksInState : null,
        CategoryLink(report.Find(status.Signal)?.Category ?? status.Agreement.Signal.Category));

    private static NeedsYouView NeedsYou(AttentionGroup group, SignalReport report) => new(
        group.Kind,
        group.Title,
        group.Count,
        group.More,
        string.IsNullOrEmpty(group.Note) ? null : group.Note,
        group.Items.Select(i => new NeedsYouItemView(i.Text, i.Detail, i.Url)).ToList(),
        group.Kind == AttentionKinds.Drafts ? ReviewLink : CategoryLink(group.Signal is { } id ? report.Find(id)?.Category : null));

    private static MoveOverviewView Move(SignalMove move, SignalReport report) => new(
        move.Id,
        move.Name,
        move.Direction == MoveDirection.Up ? SignalDirection.Up : SignalDirection.Down,
        move.Better,
        SummaryUnits.Format(move.Id, move.Unit, move.Value),
        SummaryUnits.Range(move.Id, move.Unit, move.UsualLow, move.UsualHigh),
        move.WeeksCompared,
        CategoryLink(report.Find(move.Id)?.Category));

    public const string ReviewLink = "#/review";

    /// <summary>The dashboard's view of a signal category: <c>#/signals/delivery</c>, <c>#/signals/tech-debt</c>; <c>#/signals</c> when unknown.</summary>
    internal static string CategoryLink(string? category) =>
        string.IsNullOrEmpty(category) ? "#/signals" : "#/signals/" + category.Replace('_', '-');

    private static ValidationProblem Problems(Dictionary<string, string[]> problems) =>
        TypedResults.ValidationProblem(problems, title: "The overview request has problems", detail: "Every problem is listed under errors, by query parameter.");
}

/// <summary>A team's week at a glance: <c>GET /api/overview</c> (docs/dashboard.md).</summary>
public sealed record OverviewView(
    string Team,
    string Week,
    bool Open,
    bool IsSampleData,
    string Delivery,
    IReadOnlyList<DoraSignalView> Dora,
    IReadOnlyList<OverviewAgreementView> Agreements,
    IReadOnlyList<NeedsYouView> NeedsYou,
    IReadOnlyList<MoveOverviewView> Moves,
    string Win)
{
    /// <summary>
    /// A DORA key: the value as a headline reads it, its tier (null where DORA defines none), which way it went against
    /// the median of the four weeks before and whether that is better, and its 12-week trend.
    /// </summary>
    public sealed record DoraSignalView(
        string Id,
        string Name,
        string ValueText,
        string? UnitText,
        string? Tier,
        string? Direction,
        bool? Better,
        string BaselineText,
        IReadOnlyList<TrendPointView> Trend,
        string Link);

    /// <summary>A DORA key in a team's row of <c>GET /api/overview/teams</c>: as in the overview, without the trend.</summary>
    public sealed record DoraSummaryView(
        string Id,
        string Name,
        string ValueText,
        string? UnitText,
        string? Tier,
        string? Direction,
        bool? Better,
        string BaselineText,
        string Link);

    /// <summary>A week of a trend, as <c>GET /api/signals/trend</c> writes it.</summary>
    public sealed record TrendPointView(string Week, double? Value, string Text);

    /// <summary>A working agreement and how long it has been broken (<see cref="WeeksBroken"/>, weeks with data; null unless broken).</summary>
    public sealed record OverviewAgreementView(
        string Signal,
        string Description,
        AgreementState State,
        string Detail,
        string? Since,
        bool SinceAtLeast,
        string SinceText,
        int? WeeksBroken,
        string Link);

    /// <summary>One "needs you" group, exactly as the digest lists it, with the dashboard view that shows all of it.</summary>
    public sealed record NeedsYouView(string Kind, string Title, int Count, int More, string? Note, IReadOnlyList<NeedsYouItemView> Items, string Link);

    public sealed record NeedsYouItemView(string Text, string Detail, string? Url);

    /// <summary>A signal that moved out of its usual range (the 8 weeks before), as the digest says it.</summary>
    public sealed record MoveOverviewView(string Id, string Name, string Direction, bool? Better, string ValueText, string UsualText, int WeeksCompared, string Link);

}

/// <summary>Every team's row: <c>GET /api/overview/teams</c>.</summary>
public sealed record OverviewTeamsView(IReadOnlyList<OverviewTeamRow> Teams)
{
    /// <summary>A team at a glance: its DORA keys, how many agreements are broken, how much waits for its lead.</summary>
    public sealed record OverviewTeamRow(
        string Team,
        string Week,
        bool Open,
        IReadOnlyList<DoraSummaryView> Dora,
        int AgreementsBroken,
        int NeedsYou,
        string Link);
}
