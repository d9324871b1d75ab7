namespace TechLead.Signals.Trends;

/// <summary>
/// Each signal's weekly value over several weeks, oldest first: the one series the digest's charts and the
/// dashboard's trend API both show (<see cref="SignalReports.TrendAsync"/>), so a point on a chart is exactly the number
/// that week's digest showed. A null value means "not enough data" that week, never zero.
/// </summary>
public sealed record SignalTrend
{
    public required string Team { get; init; }

    /// <summary>ISO weeks, oldest first; every series has one point per week, in this order.</summary>
    public required IReadOnlyList<string> Weeks { get; init; }

    public required bool IsSampleData { get; init; }

    public required IReadOnlyList<SignalSeries> Series { get; init; }

    public SignalSeries? Find(string id) => Series.FirstOrDefault(s => s.Id == id);

    /// <summary>Series from reports already computed (oldest first); signals keep the order of the newest report.</summary>
    public static SignalTrend From(IReadOnlyList<SignalReport> reports)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var newest = reports[^1];
        var series = newest.Signals.Select(signal => new SignalSeries
        {
            Id = signal.Id,
            Name = signal.Name,
            Category = signal.Category,
            Unit = signal.Unit,
            Points = reports.Select(report => Point(report, signal.Id)).ToArray(),
        }).ToArray();
        return new SignalTrend
        {
            Team = newest.Team,
            Weeks = reports.Select(r => r.Week).ToArray(),
            IsSampleData = reports.Any(r => r.IsSampleData),
            Series = series,
        };
    }

    private static SignalPoint Point(SignalReport report, string id)
    {
        var value = report.Find(id);
        return new SignalPoint(report.Week, value?.Value, value?.SampleSize ?? 0, value?.ValueText ?? SignalValue.NoValueText);
    }
}

/// <summary>One signal's weekly values.</summary>
public sealed record SignalSeries
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Category { get; init; }

    public required string Unit { get; init; }

    public required IReadOnlyList<SignalPoint> Points { get; init; }
}

/// <summary>A signal's value in one week, with the sample it was computed from and the value as text.</summary>
public sealed record SignalPoint(
    string Week,
    double? Value,
    int SampleSize,
    string Text);
