using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;

namespace TechLead.Signals;

/// <summary>
/// Settings of the signals engine (section <c>Signals</c>). Lists left unset take the documented defaults
/// (docs/signals.md); they are nullable because the configuration binder appends to a list that has items.
/// </summary>
internal sealed class SignalsOptions
{
    public const string Section = "Signals";

    /// <summary>Where deployments come from when a repository has no entry: deployments, releases or merges.</summary>
    public string DefaultDeploymentSource { get; set; } = DeploymentSources.Deployments;

    /// <summary>Only PRs into and CI runs on this branch count; empty counts every branch the sync stored.</summary>
    public string DefaultBranch { get; set; } = "";

    /// <summary>Per-repository overrides: <c>Signals:Repositories:0:Name=owner/name</c>, <c>...:DeploymentSource=releases</c>.</summary>
    public List<RepositorySignalOptions> Repositories { get; set; } = [];

    /// <summary>A revert, hotfix or incident within this many hours after a deployment marks the deployment failed.</summary>
    public int FailureWindowHours { get; set; } = 48;

    /// <summary>Regular expression matched against PR titles, head branches and labels to find hotfixes.</summary>
    public string HotfixPattern { get; set; } = @"(?i)(^|[^a-z])hotfix([^a-z]|$)";

    /// <summary>Issue labels that make an issue an incident. Default: incident.</summary>
    public List<string>? IncidentLabels { get; set; }

    /// <summary>Jira issue types that are incidents. Default: Incident.</summary>
    public List<string>? IncidentWorkItemTypes { get; set; }

    /// <summary>Jira project keys whose work items are read (incidents, debt items, investment share).</summary>
    public List<string>? JiraProjects { get; set; }

    /// <summary>Leave Saturdays and Sundays (team time zone) out of durations.</summary>
    public bool ExcludeWeekends { get; set; }

    /// <summary>A change first deployed more than this many days after its merge predates tracking and is left out of lead time.</summary>
    public int MaxShippingDelayDays { get; set; } = 30;

    /// <summary>An open PR with no activity for this many days is stale.</summary>
    public int StaleAfterDays { get; set; } = 7;

    /// <summary>Medians, percentiles and shares need at least this many events; fewer shows "not enough data".</summary>
    public int MinimumSample { get; set; } = 3;

    /// <summary>Issue and PR labels that mark tech-debt work. Default: tech-debt.</summary>
    public List<string>? DebtLabels { get; set; }

    /// <summary>Jira issue types that are tech debt. Default: Tech Debt.</summary>
    public List<string>? DebtWorkItemTypes { get; set; }

    /// <summary>Labels of debt the team decided to live with. Default: accepted, live-with.</summary>
    public List<string>? AcceptedDebtLabels { get; set; }

    /// <summary>Share of merged work the team wants to spend on debt ("Leveling Up as a Tech Lead", ch. 8: about 20%), between 0 and 1.</summary>
    public double DebtInvestmentTarget { get; set; } = 0.20;

    /// <summary>Labels of dependency-update PRs. Default: dependencies.</summary>
    public List<string>? DependencyUpdateLabels { get; set; }

    /// <summary>Authors of dependency-update PRs. Default: dependabot[bot], renovate[bot].</summary>
    public List<string>? DependencyBots { get; set; }

    /// <summary>Workflow names that count for CI health; empty counts every stored workflow.</summary>
    public List<string>? CiWorkflows { get; set; }

    /// <summary>
    /// Seconds the open week's report is kept in memory (0: computed on every read). Stored activity drops it at once
    /// in the process that stored it. Not part of a report, so left out of the snapshots' settings fingerprint.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int LiveCacheSeconds { get; set; } = 5;
}

internal sealed class RepositorySignalOptions
{
    public string Name { get; set; } = "";

    public string? DeploymentSource { get; set; }

    public string? DefaultBranch { get; set; }
}

/// <summary>The three ways a repository's deployments can be known.</summary>
internal static class DeploymentSources
{
    /// <summary>GitHub Deployments API: successful production deployments.</summary>
    public const string Deployments = "deployments";

    /// <summary>Published (non-draft, non-prerelease) GitHub releases.</summary>
    public const string Releases = "releases";

    /// <summary>Every PR merged into the default branch is a deployment (continuous deployment).</summary>
    public const string Merges = "merges";

    public static IReadOnlyList<string> All { get; } = [Deployments, Releases, Merges];

    public static string? Normalize(string? value) =>
        All.FirstOrDefault(s => string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

internal sealed class SignalsOptionsValidator : IValidateOptions<SignalsOptions>
{
    private const string S = SignalsOptions.Section;

    public ValidateOptionsResult Validate(string? name, SignalsOptions options)
    {
        var problems = new SettingProblems();
        var sources = string.Join(", ", DeploymentSources.All);
        if (DeploymentSources.Normalize(options.DefaultDeploymentSource) is null)
        {
            problems.Add($"{S}:DefaultDeploymentSource", $"is '{options.DefaultDeploymentSource}'; it must be one of {sources}", $"{S}:DefaultDeploymentSource=releases");
        }

        var seen = new HashSet<RepositoryName>();
        for (var i = 0; i < options.Repositories.Count; i++)
        {
            var entry = options.Repositories[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{S}:Repositories:{i}");
            if (!RepositoryName.TryParse(entry.Name, out var repository))
            {
                problems.Add($"{key}:Name", $"is '{entry.Name}', which is not owner/name", $"{key}:Name=octo-org/payments-api");
            }
            else if (!seen.Add(repository.Value))
            {
                problems.Add($"{key}:Name", $"repeats '{entry.Name}'; each repository may appear once", $"{key}:Name=octo-org/other-repo");
            }

            if (entry.DeploymentSource is not null && DeploymentSources.Normalize(entry.DeploymentSource) is null)
            {
                problems.Add($"{key}:DeploymentSource", $"is '{entry.DeploymentSource}'; it must be one of {sources}", $"{key}:DeploymentSource=merges");
            }
        }

        try
        {
            _ = new Regex(options.HotfixPattern ?? "", RegexOptions.None, SignalSettings.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{S}:HotfixPattern", $"is not a valid regular expression ({e.Message})", $"{S}:HotfixPattern=(?i)hotfix");
        }

        Range(problems, "FailureWindowHours", options.FailureWindowHours, 1, 24 * 30, "48");
        Range(problems, "MaxShippingDelayDays", options.MaxShippingDelayDays, 1, 365, "30");
        Range(problems, "StaleAfterDays", options.StaleAfterDays, 1, 365, "7");
        Range(problems, "MinimumSample", options.MinimumSample, 1, 1000, "3");
        Range(problems, "LiveCacheSeconds", options.LiveCacheSeconds, 0, 60, "5");
        if (options.DebtInvestmentTarget is < 0 or > 1 || double.IsNaN(options.DebtInvestmentTarget))
        {
            problems.Add($"{S}:DebtInvestmentTarget", $"is {options.DebtInvestmentTarget.ToString(CultureInfo.InvariantCulture)}; it is a share between 0 and 1 (0.2 is 20%)", $"{S}:DebtInvestmentTarget=0.2");
        }

        return problems.ToResult();
    }

    private static void Range(SettingProblems problems, string setting, int value, int min, int max, string example)
    {
        if (value < min || value > max)
        {
            problems.Add($"{S}:{setting}", string.Create(CultureInfo.InvariantCulture, $"is {value}; it must be between {min} and {max}"), $"{S}:{setting}={example}");
        }
    }
}
