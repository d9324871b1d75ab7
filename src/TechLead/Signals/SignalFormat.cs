using System.Globalization;

namespace TechLead.Signals;

/// <summary>How signal numbers read to a person, the same in the CLI, the digest and the dashboard.</summary>
public static class SignalFormat
{
    public static string Hours(double hours) => hours switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{hours * 60:0} min"),
        < 48 => string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{hours / 24:0.#} days"),
    };

    public static string Percent(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.#}%");

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A value in its unit: hours as durations, ratios as percentages, everything else as a number.</summary>
    public static string Value(double value, string unit) => unit switch
    {
        SignalUnits.Hours => Hours(value),
        SignalUnits.Ratio => Percent(value),
        SignalUnits.Days => string.Create(CultureInfo.InvariantCulture, $"{value:0.#} days"),
        _ => Number(value),
    };

    /// <summary>What every signal says instead of a misleading zero.</summary>
    public static string NotEnough(int events) =>
        string.Create(CultureInfo.InvariantCulture, $"not enough data ({events} {(events == 1 ? "event" : "events")})");

    /// <summary>"3 deployments", "1 deployment".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>
    /// The published tables the tiers of <paramref name="signals"/> come from, as one grid: a column per tier, a row
    /// per signal with its range for that tier. Null when none of the signals shows a tier table.
    /// </summary>
    public static TierGrid? TierGrid(IEnumerable<SignalValue> signals)
    {
        var tiered = signals.Where(s => s.TierTable is not null).ToList();
        if (tiered.Count == 0)
        {
            return null;
        }

        var tiers = tiered.SelectMany(s => s.TierTable!.Rows.Select(r => r.Tier)).Distinct().ToArray();
        var rows = tiered
            .Select(s => (s.Name, (IReadOnlyList<string>)tiers.Select(t => s.TierTable!.Rows.FirstOrDefault(r => r.Tier == t)?.Range ?? "").ToArray()))
            .ToArray();
        return new TierGrid(tiers, rows, tiered[0].TierTable!.Source);
    }

    public static string Trend(SignalValue signal) => signal.Previous4WeekMedian switch
    {
        null => "no earlier data",
        double median => Value(median, signal.Unit),
    };

    /// <summary>
    /// The short lines that explain a value, in the order a reader wants them: its tier, its parts, each failure's attribution, then up to <paramref name="maxItems"/> items to look at.
    /// </summary>
    public static IReadOnlyList<string> Details(SignalValue signal, int maxItems = 3)
    {
        var lines = new List<string>();
        if (signal.Tier is not null)
        {
            lines.Add($"Tier: {signal.Tier} (DORA 2024 performance levels, see the table).");
        }

        if (signal.Breakdown.Count > 0)
        {
            lines.Add(string.Join(" · ", signal.Breakdown.Select(p => $"{p.Name}: {p.Display}")));
        }

        lines.AddRange(signal.Attributions.Select(a =>
            $"Failed: {a.Repository} {a.DeploymentId} ({a.Source}: {a.Evidence}){(a.RecoveryHours is { } hours ? $", restored after {Hours(hours)}" : ", not restored by a recorded deployment")}"));
        lines.AddRange(signal.Items.Take(maxItems).Select(i => $"{i.Label} ({i.Detail})"));
        return lines;
    }
}

/// <summary>The units signals use; part of the JSON interface.</summary>
internal static class SignalUnits
{
    public const string DeploymentsPerWeek = "deployments/week";
    public const string Hours = "hours";
    public const string Days = "days";
    /// <summary>A share between 0 and 1, shown as a percentage.</summary>
    public const string Ratio = "ratio";
    public const string Count = "count";
    public const string Lines = "lines";
    public const string Files = "files";
    public const string Rounds = "rounds";
}

/// <summary>Tier tables laid out for a person: see <see cref="SignalFormat.TierGrid"/>.</summary>
public sealed record TierGrid(IReadOnlyList<string> Tiers, IReadOnlyList<(string Signal, IReadOnlyList<string> Ranges)> Rows, string Source);
