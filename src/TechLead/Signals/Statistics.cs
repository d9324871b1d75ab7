namespace TechLead.Signals;

public static class Statistics
{
    /// <summary>The p-th percentile (0..100) by linear interpolation between closest ranks; null for no values.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = p / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }

    public static double? Median(IEnumerable<double> values) => Percentile(values, 50);
}
