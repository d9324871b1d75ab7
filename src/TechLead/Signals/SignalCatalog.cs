using TechLead.Activity;
using TechLead.Team;

namespace TechLead.Signals;

/// <summary>What a signal is, without a week's numbers: for settings that name signals (working agreements).</summary>
public sealed record SignalDefinition(string Id, string Name, string Category, string Unit)
{
    /// <summary>Signals whose value is a median of a distribution, so a p90 can be agreed on as well.</summary>
    public bool HasP90 => Unit is SignalUnits.Hours or SignalUnits.Lines or SignalUnits.Files or SignalUnits.Rounds or SignalUnits.Days;
}

/// <summary>
/// Every signal the calculator computes, read from the calculator itself (one report over no activity), so the
/// catalogue cannot drift from what the reports contain.
/// </summary>
internal static class SignalCatalog
{
    private static readonly Lazy<IReadOnlyList<SignalDefinition>> Signals = new(() =>
    {
        var calendar = new TeamCalendar("catalogue", TimeZoneInfo.Utc, TimeProvider.System);
        var report = SignalCalculator.Compute(new SignalRequest(new IsoWeek(2026, 1), calendar, SignalSettings.Default, Array.Empty<KnownRepository>(), new Activity.ActivityBatch()));
        return report.Signals.Select(s => new SignalDefinition(s.Id, s.Name, s.Category, s.Unit)).ToList();
    });

    public static IReadOnlyList<SignalDefinition> All => Signals.Value;

    public static SignalDefinition? Find(string? id) =>
        All.FirstOrDefault(s => string.Equals(s.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
}
