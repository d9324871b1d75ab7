namespace TechLead.Signals;

/// <summary>
/// One signal for one week, with what a reader needs to trust it: the sample size, the trend baseline, the
/// definition and its source. A null <see cref="Value"/> means "not enough data", never zero.
/// </summary>
public sealed record SignalValue
{
    /// <summary>Stable identifier, e.g. <c>deployment_frequency</c>; part of the JSON interface.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public double? Value { get; init; }
    public required string Unit { get; init; }
    /// <summary>The value as a person reads it, e.g. "9 deployments (4 days)" or "not enough data (0 events)".</summary>
    public required string Display { get; init; }
    /// <summary>Median of the four weeks before, for the trend; null when those weeks had no data.</summary>
    public double? Previous4WeekMedian { get; init; }
    public required int SampleSize { get; init; }
    public required string Definition { get; init; }
    public required string Source { get; init; }
    /// <summary>What the number cannot tell, or how it was bounded.</summary>
    public string? Note { get; init; }
}

/// <summary>Every signal for a team and week: the object the CLI, digest and dashboard all show.</summary>
public sealed record SignalReport
{
    public required string Team { get; init; }
    public required string Week { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required string TimeZone { get; init; }
    public required IReadOnlyList<string> Repositories { get; init; }
    /// <summary>True when any repository's data is the generated sample workspace.</summary>
    public required bool IsSampleData { get; init; }
    public required IReadOnlyList<SignalValue> Signals { get; init; }

    public SignalValue? Find(string id) => Signals.FirstOrDefault(s => s.Id == id);
}
