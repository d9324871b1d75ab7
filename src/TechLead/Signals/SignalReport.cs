using System.Text.Json.Serialization;

namespace TechLead.Signals;

/// <summary>
/// One signal for one week, with what a reader needs to trust it: the sample size, the trend baseline, the
/// definition and its source. A null <see cref="Value"/> means "not enough data", never zero.
/// The JSON names are the stable interface of <c>signals --json</c> (docs/signals.md); never rename them.
/// </summary>
public sealed record SignalValue
{
    /// <summary>Stable identifier, e.g. <c>deployment_frequency</c>; part of the JSON interface.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>One of <see cref="SignalCategories"/>' ids.</summary>
    public required string Category { get; init; }

    /// <summary>The week's value (a median for durations); null when there is not enough data.</summary>
    public double? Value { get; init; }

    public required string Unit { get; init; }

    /// <summary>The value as a person reads it, e.g. "9 deployments on 4 days" or "not enough data (0 events)".</summary>
    public required string Display { get; init; }

    /// <summary>90th percentile, for signals that are distributions (durations, sizes).</summary>
    public double? P90 { get; init; }

    /// <summary>Median of the four weeks before, for the trend; null when those weeks had no data.</summary>
    [JsonPropertyName("previous_4_week_median")]
    public double? Previous4WeekMedian { get; init; }

    /// <summary>How many events the value is computed from (deployments, changes, runs, items).</summary>
    public required int SampleSize { get; init; }

    public required string Definition { get; init; }

    public required string Source { get; init; }

    /// <summary>What the number cannot tell, or how it was bounded.</summary>
    public string? Note { get; init; }

    /// <summary>The DORA cluster the value falls in, when a tier is shown ("elite", "high", "medium", "low", "high or medium").</summary>
    public string? Tier { get; init; }

    /// <summary>The published table the tier comes from, shown whenever a tier is.</summary>
    public TierTable? TierTable { get; init; }

    /// <summary>A target the team set for itself (e.g. the 20% tech-debt investment share), in the signal's unit.</summary>
    public double? Target { get; init; }

    /// <summary>Parts of the signal, e.g. lead time split into coding, pickup, review and deploy.</summary>
    public IReadOnlyList<SignalPart> Breakdown { get; init; } = [];

    /// <summary>For change fail rate: each failed deployment with the source that attributed the failure.</summary>
    public IReadOnlyList<FailureAttribution> Attributions { get; init; } = [];

    /// <summary>Things to look at: oldest debt items, stale PRs, churn hotspots. Never people.</summary>
    public IReadOnlyList<SignalItem> Items { get; init; } = [];

    /// <summary>The value as a headline reads it ("3.5 days", "14.6%", "5"), or "not enough data".</summary>
    public string ValueText => Value is { } value ? SignalFormat.Value(value, Unit) : NoValueText;

    /// <summary>The unit a headline prints after <see cref="ValueText"/>; null when the text already says it.</summary>
    public string? UnitText => Unit is SignalUnits.Hours or SignalUnits.Ratio or SignalUnits.Days or SignalUnits.Count ? null : Unit;

    /// <summary>The previous 4-week median as text, or "no earlier data".</summary>
    public string BaselineText => SignalFormat.Trend(this);

    public const string NoValueText = "not enough data";
}

/// <summary>A part of a signal with its own value and sample size.</summary>
public sealed record SignalPart
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public double? Value { get; init; }

    public double? P90 { get; init; }

    public required string Unit { get; init; }

    public required string Display { get; init; }

    public required int SampleSize { get; init; }
}

/// <summary>Something a signal points at: a debt item, a stale PR, a file. Labels name work, never a person.</summary>
public sealed record SignalItem
{
    /// <summary>What it is, e.g. <c>octo-org/api#512 Split OrderService</c> or a file path.</summary>
    public required string Label { get; init; }

    /// <summary>Why it is listed, e.g. "open 212 days, no owner".</summary>
    public required string Detail { get; init; }

    public double? Value { get; init; }
}

/// <summary>A deployment that failed, and what said so. A deployment fails at most once.</summary>
public sealed record FailureAttribution
{
    public required string Repository { get; init; }

    public required string DeploymentId { get; init; }

    public required DateTimeOffset DeployedAt { get; init; }

    /// <summary>The earliest evidence: <c>revert</c>, <c>hotfix</c>, <c>incident_issue</c> or <c>jira_incident</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Every source that pointed at this deployment (it still counts once).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The earliest evidence, e.g. <c>#412 Revert "Add cart export"</c> or <c>SHOP-88</c>.</summary>
    public required string Evidence { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>When the deployment that restored service happened; null while none is recorded.</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    public double? RecoveryHours { get; init; }
}

/// <summary>A published benchmark table, e.g. DORA 2024's performance clusters for one metric.</summary>
public sealed record TierTable
{
    public required string Source { get; init; }

    public required IReadOnlyList<TierRow> Rows { get; init; }
}

public sealed record TierRow(
    string Tier,
    string Range);

/// <summary>Every signal for a team and week: the object the CLI, digest and dashboard all show.</summary>
public sealed record SignalReport
{
    /// <summary>Bumped only when a JSON field is removed or changes meaning; adding fields keeps the version.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Team { get; init; }

    public required string Week { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required string TimeZone { get; init; }

    public required IReadOnlyList<string> Repositories { get; init; }

    /// <summary>True when any repository's data is the generated sample workspace.</summary>
    public required bool IsSampleData { get; init; }

    /// <summary>Whether weekends were left out of durations (Signals:ExcludeWeekends).</summary>
    public bool WeekendsExcluded { get; init; }

    /// <summary>What the report could not see, e.g. Jira projects not configured.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public required IReadOnlyList<SignalValue> Signals { get; init; }

    public SignalValue? Find(string id) => Signals.FirstOrDefault(s => s.Id == id);

    /// <summary>The signals of one category, in report order.</summary>
    public IEnumerable<SignalValue> InCategory(string category) => Signals.Where(s => s.Category == category);
}

/// <summary>The report's categories, in the order people read them.</summary>
public static class SignalCategories
{
    public const string Delivery = "delivery";
    public const string Flow = "flow";
    public const string Ci = "ci";
    public const string TechDebt = "tech_debt";
    public const string TeamHealth = "team_health";
    public const string WorkItems = "work_items";

    public static IReadOnlyList<(string Id, string Title)> All { get; } =
    [
        (Delivery, "Delivery (DORA)"),
        (Flow, "Pull request flow"),
        (Ci, "CI health"),
        (WorkItems, "Work items (Jira)"),
        (TechDebt, "Tech debt"),
        (TeamHealth, "Team health"),
    ];
}
