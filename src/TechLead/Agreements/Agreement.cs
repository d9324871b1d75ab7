using System.Globalization;
using TechLead.Hosting;
using TechLead.Signals;

namespace TechLead.Agreements;

/// <summary>
/// What a team agreed about one signal: a bound (at least <see cref="Min"/>, at most <see cref="Max"/>, or both) on its
/// headline value or its p90, written in a unit the team chose. Bounds are kept in the signal's own unit
/// (hours, a 0..1 ratio, lines) so they compare directly with the report.
/// </summary>
public sealed record Agreement(string Team, string Setting, SignalDefinition Signal, string Statistic, double? Min, double? Max, string Unit, double Factor)
{
    public const string Value = "value";
    public const string P90 = "p90";

    /// <summary>Stable within a team: one agreement per signal and statistic (validated), so it keys the notification ledger.</summary>
    public string Key => $"{Signal.Id}.{Statistic}";

    /// <summary>"PR size (lines) p90 at most 400 lines", "Tech-debt investment share at least 20%".</summary>
    public string Description => $"{Signal.Name}{(Statistic == P90 ? " p90" : "")} {Bounds}";

    /// <summary>"at most 400 lines", "between 10% and 30%".</summary>
    public string Bounds => (Min, Max) switch
    {
        ({ } min, { } max) => $"between {Written(min)} and {Written(max)}",
        ({ } min, null) => $"at least {Written(min)}",
        (null, { } max) => $"at most {Written(max)}",
        _ => "",
    };

    /// <summary>The measured number for a report: its value or p90; null when the week has not enough data.</summary>
    public double? Measure(SignalValue? signal) => signal is null ? null : Statistic == P90 ? signal.P90 : signal.Value;

    /// <summary>Whether <paramref name="measured"/> keeps the agreement (in the signal's unit).</summary>
    public bool Keeps(double measured) => !(Min is { } min && measured < min) && !(Max is { } max && measured > max);

    /// <summary>How far outside the bound <paramref name="measured"/> is, in the written unit: "139.4 lines over".</summary>
    public string Gap(double measured) =>
        Max is { } max && measured > max ? $"{Written(measured - max, difference: true)} over"
        : Min is { } min && measured < min ? $"{Written(min - measured, difference: true)} under"
        : "within the agreement";

    /// <summary>A number in the signal's unit, written in the agreement's unit: "47.9 hours", "11.1%", "539.4 lines".</summary>
    public string Written(double signalValue, bool difference = false)
    {
        var number = (signalValue / Factor).ToString("0.##", CultureInfo.InvariantCulture);
        return Unit switch
        {
            "percent" => difference ? $"{number} percentage points" : $"{number}%",
            "count" => number,
            // "1 day", "24 hours"; units are written in the plural.
            _ when number == "1" && Unit.EndsWith('s') => $"1 {Unit[..^1]}",
            _ => $"{number} {Unit}",
        };
    }

    /// <summary>The units an agreement may be written in for a signal unit, with what one of them is in the signal's unit.</summary>
    internal static IReadOnlyDictionary<string, double> UnitsFor(string signalUnit) => signalUnit switch
    {
        SignalUnits.Hours => new Dictionary<string, double> { ["hours"] = 1, ["days"] = 24, ["minutes"] = 1.0 / 60 },
        SignalUnits.Days => new Dictionary<string, double> { ["days"] = 1, ["weeks"] = 7 },
        SignalUnits.Ratio => new Dictionary<string, double> { ["percent"] = 0.01, ["ratio"] = 1 },
        _ => new Dictionary<string, double> { [signalUnit] = 1 },
    };

    /// <summary>The agreement the settings describe, or null after adding every problem to <paramref name="problems"/>.</summary>
    internal static Agreement? TryCreate(string team, string prefix, AgreementSettings settings, SettingProblems problems)
    {
        var signal = SignalCatalog.Find(settings.Signal);
        if (signal is null)
        {
            var known = string.Join(", ", SignalCatalog.All.Select(s => s.Id));
            problems.Add($"{prefix}:Signal", string.IsNullOrWhiteSpace(settings.Signal) ? $"is required; it is one of {known}" : $"is '{settings.Signal}', which is not a signal; it is one of {known}", $"{prefix}:Signal=time_to_first_review");
            return null;
        }

        var ok = true;
        var statistic = (settings.Statistic ?? Value).Trim().ToLowerInvariant() switch
        {
            "" or Value or "median" => Value,
            P90 when signal.HasP90 => P90,
            var other => null,
        };
        if (statistic is null)
        {
            problems.Add($"{prefix}:Statistic", signal.HasP90 ? $"is '{settings.Statistic}'; it is value (the default), median or p90" : $"is '{settings.Statistic}'; {signal.Id} has no p90, so leave it out (value)", $"{prefix}:Statistic={(signal.HasP90 ? P90 : Value)}");
            ok = false;
        }

        var units = UnitsFor(signal.Unit);
        var unit = (settings.Unit ?? "").Trim().ToLowerInvariant() is "%" ? "percent" : (settings.Unit ?? "").Trim().ToLowerInvariant();
        if (!units.TryGetValue(unit, out var factor))
        {
            problems.Add($"{prefix}:Unit", $"{(unit.Length == 0 ? "is required" : $"is '{settings.Unit}', which does not fit {signal.Id} (measured in {signal.Unit})")}; it is one of {string.Join(", ", units.Keys)}", $"{prefix}:Unit={units.Keys.First()}");
            ok = false;
        }

        var min = Number(settings.Min, $"{prefix}:Min", problems, ref ok);
        var max = Number(settings.Max, $"{prefix}:Max", problems, ref ok);
        if (settings.Min is null && settings.Max is null)
        {
            problems.Add($"{prefix}:Max", "and Min are both missing; an agreement needs at least one of them", $"{prefix}:Max=24");
            ok = false;
        }
        else if (min > max)
        {
            problems.Add($"{prefix}:Min", $"is {settings.Min}, above Max ({settings.Max})", $"{prefix}:Min=0");
            ok = false;
        }

        if (ok && unit == "percent" && (min is < 0 or > 100 || max is < 0 or > 100))
        {
            problems.Add($"{prefix}:{(min is < 0 or > 100 ? "Min" : "Max")}", "is a percentage outside 0 to 100", $"{prefix}:Max=10");
            ok = false;
        }

        return ok ? new Agreement(team, prefix, signal, statistic!, min * factor, max * factor, unit, factor) : null;
    }

    private static double? Number(string? text, string setting, SettingProblems problems, ref bool ok)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        problems.Add(setting, $"is '{text}', which is not a number", $"{setting}=24");
        ok = false;
        return null;
    }
}
