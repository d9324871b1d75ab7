using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using TechLead.Activity;

namespace TechLead.Signals;

/// <summary>Validated <see cref="SignalsOptions"/> with defaults applied, in the shapes the calculations use.</summary>
internal sealed class SignalSettings
{
    internal static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<RepositoryName, RepositorySignalOptions> _repositories;
    private readonly string _defaultSource;
    private readonly string _defaultBranch;
    private readonly SignalsOptions _options;
    private readonly ConcurrentDictionary<string, SignalSettings> _teams = new(StringComparer.OrdinalIgnoreCase);

    private SignalSettings(SignalsOptions options, IReadOnlyList<string>? jiraProjects = null, bool legacyJiraProjects = false)
    {
        _options = options;
        _defaultSource = DeploymentSources.Normalize(options.DefaultDeploymentSource) ?? DeploymentSources.Deployments;
        _defaultBranch = options.DefaultBranch?.Trim() ?? "";
        _repositories = options.Repositories
            .Where(r => RepositoryName.TryParse(r.Name, out _))
            .GroupBy(r => RepositoryName.Parse(r.Name))
            .ToDictionary(g => g.Key, g => g.First());
        FailureWindow = TimeSpan.FromHours(options.FailureWindowHours);
        MaxShippingDelay = TimeSpan.FromDays(options.MaxShippingDelayDays);
        StaleAfter = TimeSpan.FromDays(options.StaleAfterDays);
        MinimumSample = Math.Max(1, options.MinimumSample);
        ExcludeWeekends = options.ExcludeWeekends;
        Hotfix = HotfixRegex(options.HotfixPattern);
        IncidentLabels = Set(options.IncidentLabels, "incident");
        IncidentWorkItemTypes = Set(options.IncidentWorkItemTypes, "Incident");
        JiraProjects = (jiraProjects ?? options.JiraProjects ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        LegacyJiraProjects = legacyJiraProjects;
        DebtLabels = Set(options.DebtLabels, "tech-debt");
        DebtWorkItemTypes = Set(options.DebtWorkItemTypes, "Tech Debt");
        AcceptedDebtLabels = Set(options.AcceptedDebtLabels, "accepted", "live-with");
        DebtInvestmentTarget = options.DebtInvestmentTarget;
        DependencyUpdateLabels = Set(options.DependencyUpdateLabels, "dependencies");
        DependencyBots = Set(options.DependencyBots, "dependabot[bot]", "renovate[bot]");
        CiWorkflows = Set(options.CiWorkflows);
    }

    public static SignalSettings Default { get; } = new(new SignalsOptions());

    public TimeSpan FailureWindow { get; }

    public TimeSpan MaxShippingDelay { get; }

    public TimeSpan StaleAfter { get; }

    public int MinimumSample { get; }

    public bool ExcludeWeekends { get; }

    public Regex Hotfix { get; }

    public IReadOnlySet<string> IncidentLabels { get; }

    public IReadOnlySet<string> IncidentWorkItemTypes { get; }

    /// <summary>Jira project keys whose work items are read: Jira:Projects (the one list the sync uses too).</summary>
    public IReadOnlyList<string> JiraProjects { get; }

    /// <summary>True when the project list still comes from the deprecated Signals:JiraProjects.</summary>
    public bool LegacyJiraProjects { get; }

    public IReadOnlySet<string> DebtLabels { get; }

    public IReadOnlySet<string> DebtWorkItemTypes { get; }

    public IReadOnlySet<string> AcceptedDebtLabels { get; }

    public double DebtInvestmentTarget { get; }

    public IReadOnlySet<string> DependencyUpdateLabels { get; }

    public IReadOnlySet<string> DependencyBots { get; }

    /// <summary>Empty: every workflow counts.</summary>
    public IReadOnlySet<string> CiWorkflows { get; }

    public static SignalSettings From(SignalsOptions options) => new(options);

    /// <summary>Settings whose Jira projects are Jira:Projects (which falls back to Signals:JiraProjects for one release).</summary>
    public static SignalSettings From(SignalsOptions options, Jira.JiraOptions jira) => new(options, jira.ProjectKeys, jira.UsesLegacyProjects);

    /// <summary>The same settings reading another team's Jira projects (<c>Teams:N:JiraProjects</c>).</summary>
    public SignalSettings WithJiraProjects(IReadOnlyList<string> projects) => new(_options, projects, LegacyJiraProjects);

    /// <summary>The settings a team's reports use: the team's own Jira projects when it names them (<c>Teams:N:JiraProjects</c>).</summary>
    public SignalSettings ForTeam(Team.TeamScope team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return team.JiraProjects is { } projects ? _teams.GetOrAdd(team.Name, _ => WithJiraProjects(projects)) : this;
    }

    /// <summary>
    /// Every setting a report depends on, as one text: a stored weekly snapshot computed under other settings is stale.
    /// </summary>
    public string Fingerprint() =>
        System.Text.Json.JsonSerializer.Serialize(new { Options = _options, JiraProjects, LegacyJiraProjects });

    public string DeploymentSource(RepositoryName repository) =>
        _repositories.TryGetValue(repository, out var entry) && DeploymentSources.Normalize(entry.DeploymentSource) is { } source
            ? source
            : _defaultSource;

    /// <summary>The branch PRs must target and CI runs must run on; empty means any.</summary>
    public string DefaultBranch(RepositoryName repository) =>
        _repositories.TryGetValue(repository, out var entry) && !string.IsNullOrWhiteSpace(entry.DefaultBranch)
            ? entry.DefaultBranch.Trim()
            : _defaultBranch;

    public bool OnDefaultBranch(RepositoryName repository, string branch)
    {
        var expected = DefaultBranch(repository);
        return expected.Length == 0 || string.Equals(expected, branch, StringComparison.Ordinal);
    }

    /// <summary>
    /// The linear-time engine where the pattern allows it: no pattern can backtrack catastrophically, so no time-out
    /// is needed and a match never fails because the machine is busy. Back-references and look-arounds need the
    /// backtracking engine, bounded by <see cref="RegexTimeout"/>.
    /// </summary>
    private static Regex HotfixRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout);
        }
    }

    public bool IsHotfix(PullRequestRecord pr) =>
        Hotfix.IsMatch(pr.Title) || Hotfix.IsMatch(pr.HeadBranch) || pr.Labels.Any(Hotfix.IsMatch);

    public bool IsIncident(IssueRecord issue) => issue.Labels.Any(IncidentLabels.Contains);

    public bool IsIncident(WorkItemRecord item) =>
        item.Kind == WorkItemKinds.Incident || IncidentWorkItemTypes.Contains(item.Type) || item.Labels.Any(IncidentLabels.Contains);

    public bool IsDebt(IReadOnlyList<string> labels) => labels.Any(DebtLabels.Contains);

    public bool IsDebt(WorkItemRecord item) =>
        item.Kind == WorkItemKinds.Debt || DebtWorkItemTypes.Contains(item.Type) || item.Labels.Any(DebtLabels.Contains);

    public bool IsAccepted(IReadOnlyList<string> labels) => labels.Any(AcceptedDebtLabels.Contains);

    public bool IsDependencyUpdate(PullRequestRecord pr) =>
        DependencyBots.Contains(pr.Author) || pr.Labels.Any(DependencyUpdateLabels.Contains);

    public bool CountsForCi(WorkflowRunRecord run) =>
        (CiWorkflows.Count == 0 || CiWorkflows.Contains(run.Name)) && OnDefaultBranch(run.Repository, run.Branch);

    private static HashSet<string> Set(List<string>? configured, params string[] defaults)
    {
        var values = configured is { Count: > 0 } ? configured : [.. defaults];
        return values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
