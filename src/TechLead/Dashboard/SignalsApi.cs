using Microsoft.AspNetCore.Http;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;

namespace TechLead.Dashboard;

/// <summary>The week's signals (the <c>signals --json</c> report, camelCase) and each signal's weekly trend.</summary>
public sealed class SignalsApi(SignalEngine engine, SignalTrendService trends, TeamCalendar calendar, DashboardAccess access)
{
    public async Task<IResult> WeekAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (access.Check(request, changesState: false).Refusal is { } refusal)
        {
            return refusal;
        }

        if (Week(request) is not { } week)
        {
            return BadWeek(request);
        }

        return await DraftsApi.StorageGuard(async () => ApiJson.Ok(await engine.ComputeAsync(week, cancellationToken)));
    }

    public async Task<IResult> TrendAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (access.Check(request, changesState: false).Refusal is { } refusal)
        {
            return refusal;
        }

        var problems = new Dictionary<string, string[]>();
        var weeksText = request.Query["weeks"].ToString();
        var weeks = SignalTrendService.DefaultWeeks;
        if (weeksText.Length > 0 && (!int.TryParse(weeksText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out weeks) || weeks < 1 || weeks > SignalTrendService.MaxWeeks))
        {
            problems["weeks"] = [$"'{Clip(weeksText)}' is not a number of weeks from 1 to {SignalTrendService.MaxWeeks}."];
        }

        if (Week(request) is not { } last)
        {
            return BadWeek(request);
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The trend request has problems", detail: "Every problem is listed under errors, by query parameter.");
        }

        return await DraftsApi.StorageGuard(async () => ApiJson.Ok(await trends.ComputeAsync(last, weeks, cancellationToken)));
    }

    /// <summary>The week asked for (<c>?week=2026-W47</c>), the last complete week when none is; null when unreadable.</summary>
    private IsoWeek? Week(HttpRequest request)
    {
        var text = request.Query["week"].ToString();
        return text.Length == 0 ? calendar.LastCompleteWeek : IsoWeek.TryParse(text, out var week) ? week : null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem BadWeek(HttpRequest request) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["week"] = [$"'{Clip(request.Query["week"].ToString())}' is not an ISO week; write it as YYYY-Www, e.g. 2026-W47."] },
        title: "The signals request has problems",
        detail: "Every problem is listed under errors, by query parameter.");

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
