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

    public static string Trend(SignalValue signal) => signal.Previous4WeekMedian switch
    {
        null => "no earlier data",
        double median when signal.Unit == "hours" => Hours(median),
        double median => median.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
