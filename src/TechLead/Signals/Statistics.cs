namespace TechLead.Signals;

/// <summary>A distribution as signals show it: median and p90, never the mean (one slow outlier would dominate).</summary>
internal readonly record struct Distribution(int Count, double? Median, double? P90);

internal static class Statistics
{
    /// <summary>The p-th percentile (0..100) by linear interpolation between closest ranks; null for no values.</summary>
    public static double? Percentile(IEnumerable<double> values, double p) => PercentileOfSorted(values.Order().ToArray(), p);

    public static double? Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Median and p90 from one sort.</summary>
    public static Distribution Describe(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Distribution(sorted.Length, PercentileOfSorted(sorted, 50), PercentileOfSorted(sorted, 90));
    }

    private static double? PercentileOfSorted(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = p / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }
}
