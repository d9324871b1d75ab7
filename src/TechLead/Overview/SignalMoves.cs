using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Overview;

internal enum MoveDirection
{
    Up,
    Down,
}

/// <summary>A signal whose week fell outside its usual range: which way, by how much, and whether that is better.</summary>
internal sealed record SignalMove(
    string Id,
    string Name,
    string Unit,
    MoveDirection Direction,
    double Value,
    double UsualLow,
    double UsualHigh,
    int WeeksCompared,
    bool? Better);

/// <summary>
/// The "what moved" rule (docs/signals.md, "What moved"): this week's value lies outside the minimum-to-maximum of
/// the previous <see cref="BaselineWeeks"/> weeks by more than <see cref="Margin"/> of the nearer bound, and at least
/// <see cref="MinimumBaselineWeeks"/> of those weeks had enough data. A week without enough data is never flagged.
/// </summary>
internal static class SignalMoves
{
    public const int BaselineWeeks = 8;
    public const int MinimumBaselineWeeks = 5;
    public const double Margin = 0.10;

    /// <summary>The move of the series' last week, or null when it stayed in range or there is too little data.</summary>
    public static SignalMove? Evaluate(SignalSeries series)
    {
        if (series.Points.Count < 2 || series.Points[^1].Value is not { } value)
        {
            return null;
        }

        var baseline = series.Points.SkipLast(1).TakeLast(BaselineWeeks).Select(p => p.Value).OfType<double>().ToList();
        if (baseline.Count < MinimumBaselineWeeks)
        {
            return null;
        }

        var (low, high) = (baseline.Min(), baseline.Max());
        MoveDirection? direction =
            value > high + Slack(high) ? MoveDirection.Up
            : value < low - Slack(low) ? MoveDirection.Down
            : null;
        return direction is { } d
            ? new SignalMove(series.Id, series.Name, series.Unit, d, value, low, high, baseline.Count, SignalPolarity.IsBetter(series.Id, d))
            : null;
    }

    /// <summary>Every series' move, in the series' order.</summary>
    public static IReadOnlyList<SignalMove> Evaluate(SignalTrend trend) =>
        trend.Series.Select(Evaluate).OfType<SignalMove>().ToList();

    // A relative margin keeps a 2.0 -> 2.05 wobble quiet; a range at zero still flags the first non-zero week.
    private static double Slack(double bound) => Math.Abs(bound) * Margin;
}

/// <summary>Which way is better for each signal; signals without a direction (throughput, hotspots) are neither.</summary>
internal static class SignalPolarity
{
    private static readonly HashSet<string> HigherIsBetter = new(StringComparer.Ordinal) { "deployment_frequency", "deployment_days" };

    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.Ordinal)
    {
        "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time", "deployment_rework_rate",
        "time_to_first_review", "review_rounds", "pr_size_lines", "pr_size_files", "stale_prs", "merged_without_review",
        "review_load_concentration", "ci_duration", "ci_failure_rate", "ci_flaky_reruns", "rerun_commits",
        "deployments_failing_ci", "debt_open_items", "debt_without_owner", "debt_net_change", "dependency_update_prs",
    };

    public static bool? IsBetter(string id, MoveDirection direction) =>
        HigherIsBetter.Contains(id) ? direction == MoveDirection.Up
        : LowerIsBetter.Contains(id) ? direction == MoveDirection.Down
        : null;

    public static bool HasDirection(string id) => HigherIsBetter.Contains(id) || LowerIsBetter.Contains(id);
}

/// <summary>The DORA software delivery performance keys (DORA 2024): four keys and rework rate, in the report's order.</summary>
internal static class DoraKeys
{
    public static IReadOnlyList<string> All { get; } =
        ["deployment_frequency", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time", "deployment_rework_rate"];
}

/// <summary>Which way a signal went against the median of its four weeks before: the overview's arrow.</summary>
internal static class SignalDirection
{
    /// <summary>Within this share of the median the week reads as flat: a 2% wobble is no news.</summary>
    public const double FlatMargin = 0.05;

    public const string Up = "up";
    public const string Down = "down";
    public const string Flat = "flat";

    /// <summary>"up", "down" or "flat"; null when the week or the four weeks before had no data.</summary>
    public static string? Of(SignalValue signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal is not { Value: { } value, Previous4WeekMedian: { } median })
        {
            return null;
        }

        var margin = median == 0 ? 0 : Math.Abs(median) * FlatMargin;
        return value > median + margin ? Up : value < median - margin ? Down : Flat;
    }

    /// <summary>Whether that direction is better for the signal (<see cref="SignalPolarity"/>); null when flat, unknown or neutral.</summary>
    public static bool? Better(string id, string? direction) => direction switch
    {
        Up => SignalPolarity.IsBetter(id, MoveDirection.Up),
        Down => SignalPolarity.IsBetter(id, MoveDirection.Down),
        _ => null,
    };
}
