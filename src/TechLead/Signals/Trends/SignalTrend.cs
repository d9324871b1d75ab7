namespace TechLead.Signals.Trends;

/// <summary>
/// Each signal's weekly value over several weeks, oldest first: the one series the digest's charts and the
/// dashboard's trend API both show. A null value means "not enough data" that week, never zero.
/// </summary>
public sealed record SignalTrend
{
    public required string Team { get; init; }

    /// <summary>ISO weeks, oldest first; every series has one point per week, in this order.</summary>
    public required IReadOnlyList<string> Weeks { get; init; }

    public required bool IsSampleData { get; init; }

    public required IReadOnlyList<SignalSeries> Series { get; init; }

    public SignalSeries? Find(string id) => Series.FirstOrDefault(s => s.Id == id);
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
