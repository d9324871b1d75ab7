using System.Globalization;

namespace TechLead.Signals;

/// <summary>What a signal is about; the parts every shape of signal shares.</summary>
internal sealed record SignalMeta(string Id, string Name, string Category, string Unit, string Definition, string Source, string? Note = null)
{
    public SignalValue Build(double? value, string display, int sampleSize, double? previous) => new()
    {
        Id = Id,
        Name = Name,
        Category = Category,
        Unit = Unit,
        Value = value,
        Display = display,
        SampleSize = sampleSize,
        Previous4WeekMedian = previous,
        Definition = Definition,
        Source = Source,
        Note = Note,
    };
}

/// <summary>The three shapes most signals take: a distribution (median and p90), a share, and a count.</summary>
internal static class SignalShapes
{
    /// <summary>Median and p90 of the week's values; "not enough data" below the minimum sample.</summary>
    public static SignalValue Distribution(SignalContext context, SignalMeta meta, string noun, Func<TimeWindow, IReadOnlyList<double>> valuesIn)
    {
        var values = valuesIn(context.Current);
        var distribution = Statistics.Describe(values);
        var enough = context.Enough(distribution.Count);
        return meta.Build(
                enough ? distribution.Median : null,
                enough ? DistributionDisplay(distribution, meta.Unit, noun) : SignalFormat.NotEnough(distribution.Count),
                distribution.Count,
                context.Trend(w => MedianIfEnough(context, valuesIn(w)))) with
        {
            P90 = enough ? distribution.P90 : null,
        };
    }

    /// <summary>A share of events (0..1); "not enough data" below the minimum sample.</summary>
    public static SignalValue Share(SignalContext context, SignalMeta meta, string noun, Func<TimeWindow, (int Hits, int Total)> countIn)
    {
        var (hits, total) = countIn(context.Current);
        var enough = context.Enough(total);
        return meta.Build(
            enough ? (double)hits / total : null,
            enough ? ShareDisplay(hits, total, noun) : SignalFormat.NotEnough(total),
            total,
            context.Trend(w => countIn(w) is var (h, t) && context.Enough(t) ? (double)h / t : null));
    }

    /// <summary>A count that is a true zero when the data exists; <paramref name="countIn"/> returns null when it does not.</summary>
    public static SignalValue Count(SignalContext context, SignalMeta meta, Func<TimeWindow, int?> countIn, Func<int, string> display)
    {
        var count = countIn(context.Current);
        return meta.Build(
            count,
            count is { } c ? display(c) : SignalFormat.NotEnough(0),
            count ?? 0,
            context.Trend(w => countIn(w)));
    }

    public static SignalPart DistributionPart(SignalContext context, string id, string name, string unit, string noun, IReadOnlyList<double> values)
    {
        var distribution = Statistics.Describe(values);
        var enough = context.Enough(distribution.Count);
        return new SignalPart
        {
            Id = id,
            Name = name,
            Unit = unit,
            Value = enough ? distribution.Median : null,
            P90 = enough ? distribution.P90 : null,
            Display = enough ? DistributionDisplay(distribution, unit, noun) : SignalFormat.NotEnough(distribution.Count),
            SampleSize = distribution.Count,
        };
    }

    public static SignalPart CountPart(string id, string name, string unit, double? value, string display, int sampleSize) => new()
    {
        Id = id,
        Name = name,
        Unit = unit,
        Value = value,
        Display = display,
        SampleSize = sampleSize,
    };

    public static double? MedianIfEnough(SignalContext context, IReadOnlyList<double> values) =>
        context.Enough(values.Count) ? Statistics.Median(values) : null;

    public static string DistributionDisplay(Distribution distribution, string unit, string noun) =>
        $"{SignalFormat.Value(distribution.Median!.Value, unit)} median, p90 {SignalFormat.Value(distribution.P90!.Value, unit)} ({SignalFormat.Count(distribution.Count, noun)})";

    public static string ShareDisplay(int hits, int total, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{SignalFormat.Percent((double)hits / total)} ({hits} of {SignalFormat.Count(total, noun)})");
}
