using System.Globalization;
using TechLead.Signals;

namespace TechLead.Overview;

/// <summary>Numbers with their unit, as a reader needs them: "7 deployments/week", "3.2 days", "12 open PRs".</summary>
internal static class SummaryUnits
{
    /// <summary>What a count signal counts; a count without a noun reads as a bare number.</summary>
    private static readonly Dictionary<string, (string One, string Many)> Nouns = new(StringComparer.Ordinal)
    {
        ["deployment_days"] = ("deployment day", "deployment days"),
        ["prs_merged"] = ("merged PR", "merged PRs"),
        ["open_prs"] = ("open PR", "open PRs"),
        ["stale_prs"] = ("stale PR", "stale PRs"),
        ["dependency_update_prs"] = ("open update PR", "open update PRs"),
        ["debt_open_items"] = ("open item", "open items"),
        ["debt_without_owner"] = ("item without owner", "items without owner"),
        ["debt_accepted"] = ("accepted item", "accepted items"),
        ["debt_net_change"] = ("item", "items"),
        ["jira_items"] = ("resolved item", "resolved items"),
        ["rerun_commits"] = ("commit", "commits"),
        ["churn_hotspots"] = ("file", "files"),
    };

    public static string Format(string id, string unit, double value) => unit switch
    {
        SignalUnits.DeploymentsPerWeek => $"{SignalFormat.Number(value)} deployments/week",
        SignalUnits.Hours or SignalUnits.Ratio or SignalUnits.Days => SignalFormat.Value(value, unit),
        SignalUnits.Count when Nouns.TryGetValue(id, out var noun) => $"{SignalFormat.Number(value)} {(value == 1 ? noun.One : noun.Many)}",
        SignalUnits.Count => SignalFormat.Number(value),
        _ => $"{SignalFormat.Number(value)} {unit}",
    };

    /// <summary>"between 2 and 5 deployments/week", or "5 deployments/week" when the range is one value.</summary>
    public static string Range(string id, string unit, double low, double high) =>
        low == high ? Format(id, unit, low) : $"{Bare(unit, low)} to {Format(id, unit, high)}";

    /// <summary>The number alone (durations and percentages keep their unit).</summary>
    public static string Bare(string unit, double value) => unit is SignalUnits.Hours or SignalUnits.Ratio or SignalUnits.Days
        ? SignalFormat.Value(value, unit)
        : value.ToString("0.#", CultureInfo.InvariantCulture);
}
