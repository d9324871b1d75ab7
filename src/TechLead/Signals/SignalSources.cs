namespace TechLead.Signals;

/// <summary>Where each definition comes from. Every DORA figure names its edition.</summary>
internal static class SignalSources
{
    public const string Dora2024 = "DORA 2024: Accelerate State of DevOps Report 2024 and the dora.dev software delivery metrics guide";

    public const string Dora2024Rework = "DORA 2024: Accelerate State of DevOps Report 2024, which introduced deployment rework rate";

    public const string Flow = "Pull request flow as measured by peers (Middleware, Apache DevLake); a team practice signal, not a DORA metric";

    public const string BookFastFeedback = "A. Fiser, Leveling Up as a Tech Lead, ch. 8 and 9 (fast feedback; \"one out of five deployments was failing because of these flaky tests\")";

    public const string BookTechDebt = "A. Fiser, Leveling Up as a Tech Lead, ch. 8 (tech debt)";

    public const string BookInvestment = "A. Fiser, Leveling Up as a Tech Lead, ch. 8 (spend about 20% of capacity on tech debt)";

    public const string FlowFramework = "Flow Framework (Mik Kersten, Project to Product: flow time, velocity, load and distribution) and Kanban cycle time; a team practice signal, not a DORA metric";

    public const string BookReviewLoad = "A. Fiser, Leveling Up as a Tech Lead (a lead should not be \"the first to jump on every pull request\"); team-level only";
}

/// <summary>DORA 2024's software delivery performance clusters, as published, and how a value is placed in them.</summary>
internal static class DoraTiers
{
    public const string Source = "DORA 2024: Accelerate State of DevOps Report 2024, software delivery performance levels (elite 19%, high 22%, medium 35%, low 25% of respondents)";

    public static TierTable DeploymentFrequency { get; } = Table(
        ("elite", "On demand (multiple deploys per day)"),
        ("high", "Between once per day and once per week"),
        ("medium", "Between once per week and once per month"),
        ("low", "Between once per month and once every six months"));

    public static TierTable ChangeLeadTime { get; } = Table(
        ("elite", "Less than one day"),
        ("high", "Between one day and one week"),
        ("medium", "Between one week and one month"),
        ("low", "Between one month and six months"));

    public static TierTable ChangeFailRate { get; } = Table(
        ("elite", "5%"),
        ("high", "20%"),
        ("medium", "10%"),
        ("low", "40%"));

    public static TierTable RecoveryTime { get; } = Table(
        ("elite", "Less than one hour"),
        ("high", "Less than one day"),
        ("medium", "Less than one day"),
        ("low", "Between one week and one month"));

    /// <summary>
    /// A week shows deployments, not months. Elite (on demand, multiple per day): deployments on 5 or more days and
    /// more deployments than deployment days; high: at least one; a week without any reads as medium when one of
    /// the four weeks before had a deployment, otherwise low.
    /// </summary>
    public static string DeploymentFrequencyTier(int deployments, int deploymentDays, bool deployedInPreviousFourWeeks) =>
        (deployments, deploymentDays) switch
        {
            _ when deploymentDays >= 5 && deployments > deploymentDays => "elite",
            ( > 0, _) => "high",
            _ => deployedInPreviousFourWeeks ? "medium" : "low",
        };

    public static string ChangeLeadTimeTier(double medianHours) => medianHours switch
    {
        < 24 => "elite",
        < 24 * 7 => "high",
        < 24 * 30 => "medium",
        _ => "low",
    };

    /// <summary>The published clusters overlap (high and medium are both "less than one day") and leave one day to one week uncovered.</summary>
    public static string? RecoveryTimeTier(double medianHours) => medianHours switch
    {
        < 1 => "elite",
        < 24 => "high or medium",
        < 24 * 7 => null,
        _ => "low",
    };

    private static TierTable Table(params (string Tier, string Range)[] rows) =>
        new() { Source = Source, Rows = rows.Select(r => new TierRow(r.Tier, r.Range)).ToArray() };
}
