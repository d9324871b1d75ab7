using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TechLead.Agreements;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;

namespace TechLead.Dashboard;

/// <summary>
/// The week's signals (the <c>signals --json</c> report, camelCase) and each signal's weekly trend, for one team
/// (<c>?team=</c>, the first team when none is named). Closed weeks come from the weekly snapshots, the open week live.
/// </summary>
public sealed class SignalsApi
{
    private readonly SignalReports signals;
    private readonly TeamDirectory teams;
    private readonly TeamAgreements agreements;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal SignalsApi(
        SignalReports signals,
        TeamDirectory teams,
        TeamAgreements agreements)
    {
        this.signals = signals;
        this.teams = teams;
        this.agreements = agreements;
    }

    /// <summary>The week's report for <c>?team=</c> and <c>?week=</c>, with the team's agreements when it has any.</summary>
    public async Task<Results<JsonHttpResult<SignalReport>, JsonHttpResult<JsonObject>, ValidationProblem>> WeekAsync(string? teamName, string? weekText, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        var (team, week) = Read(teams, teamName, weekText, problems);
        if (problems.Count > 0)
        {
            return Problems(problems);
        }

        return agreements.For(team!.Name).Count == 0
            ? ApiJson.Ok(await signals.WeekAsync(team!, week!.Value, cancellationToken))
            : ApiJson.Ok(await WithAgreementsAsync(team, week!.Value, cancellationToken));
    }

    /// <summary>The week's report with an added <c>agreements</c> field: each working agreement, kept or broken and since when.</summary>
    private async Task<JsonObject> WithAgreementsAsync(TeamScope team, IsoWeek week, CancellationToken cancellationToken)
    {
        var reports = await signals.WeeksAsync(team, week, TeamAgreements.Weeks, cancellationToken);
        var answer = JsonSerializer.SerializeToNode(reports[^1], ApiJson.Options)!.AsObject();
        answer["agreements"] = JsonSerializer.SerializeToNode(agreements.Evaluate(team.Name, reports).Select(AgreementView.From).ToList(), ApiJson.Options);
        return answer;
    }

    /// <summary>Each signal's trend over <c>?weeks=</c> weeks up to <c>?week=</c>, for <c>?team=</c>.</summary>
    public async Task<Results<JsonHttpResult<SignalTrend>, ValidationProblem>> TrendAsync(string? teamName, string? weekText, string? weeksText, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        weeksText ??= "";
        var weeks = SignalReports.DefaultWeeks;
        if (weeksText.Length > 0 && (!int.TryParse(weeksText, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks < 1 || weeks > SignalReports.MaxWeeks))
        {
            problems["weeks"] = [$"Not a number of weeks from 1 to {SignalReports.MaxWeeks}."];
        }

        var (team, last) = Read(teams, teamName, weekText, problems);
        if (problems.Count > 0)
        {
            return Problems(problems);
        }

        return ApiJson.Ok(await signals.TrendAsync(team!, last!.Value, weeks, cancellationToken));
    }

    /// <summary>The teams the page can switch between, first (the default) first, each with its last complete week.</summary>
    public JsonHttpResult<List<TeamView>> Teams() =>
        ApiJson.Ok(teams.All.Select(t => new TeamView(t.Name, t.Calendar.TimeZone.Id, t.Calendar.LastCompleteWeek.ToString())).ToList());

    /// <summary>
    /// The team (<c>?team=Payments</c>) and week (<c>?week=2026-W47</c>) asked for; without a week, the team's last
    /// complete week. Unreadable values are added to <paramref name="problems"/>.
    /// </summary>
    internal static (TeamScope? Team, IsoWeek? Week) Read(TeamDirectory teams, string? teamName, string? weekText, Dictionary<string, string[]> problems)
    {
        var team = teams.Find(teamName ?? "");
        if (team is null)
        {
            problems["team"] = [teams.UnknownTeam];
        }

        var text = weekText ?? "";
        IsoWeek? week = text.Length == 0 ? (team ?? teams.Default).Calendar.LastCompleteWeek : IsoWeek.TryParse(text, out var parsed) ? parsed : null;
        if (week is null)
        {
            problems["week"] = ["Not an ISO week between 2000-W01 and 2100-W52; write it as YYYY-Www, e.g. 2026-W47."];
        }

        return (team, week);
    }

    private static ValidationProblem Problems(Dictionary<string, string[]> problems) =>
        TypedResults.ValidationProblem(problems, title: "The signals request has problems", detail: "Every problem is listed under errors, by query parameter.");
}

/// <summary>A working agreement beside its signal: "p90 at most 400 lines", broken since 2026-W47.</summary>
internal sealed record AgreementView(string Signal, string Statistic, string Description, string Bounds, AgreementState State, double? Measured, string Detail, string? Since, bool SinceAtLeast, string SinceText)
{
    public static AgreementView From(AgreementStatus status) => new(
        status.Signal, status.Agreement.Statistic, status.Description, status.Agreement.Bounds, status.State, status.Measured, status.Detail, status.Since, status.SinceAtLeast, status.SinceText);
}

/// <summary>A team as the dashboard's team picker shows it.</summary>
public sealed record TeamView(string Name, string TimeZone, string LastCompleteWeek);
