using Microsoft.AspNetCore.Mvc;

namespace TechLead.Dashboard;

/// <summary>
/// The route table's delegates for the signals routes. They live beside their handler because their typed results
/// name the signals' report types, which the route table (Endpoints) has no need to know.
/// </summary>
internal static class SignalRoutes
{
    public static Delegate Week { get; } =
        ([FromQuery] string? team, [FromQuery] string? week, SignalsApi signals, CancellationToken ct) => signals.WeekAsync(team, week, ct);

    public static Delegate Trend { get; } =
        ([FromQuery] string? team, [FromQuery] string? week, [FromQuery] string? weeks, SignalsApi signals, CancellationToken ct) => signals.TrendAsync(team, week, weeks, ct);
}
