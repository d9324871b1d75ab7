using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;

namespace TechLead.Jira;

/// <summary>
/// Settings of the Jira source (section <c>Jira</c>). Jira Cloud authenticates with <see cref="Email"/> and an API
/// token (basic auth); Jira Data Center with a personal access token (bearer). <see cref="Projects"/> is the one list
/// of project keys: the sync reads it and so do the signals.
/// </summary>
internal sealed partial class JiraOptions
{
    public const string Section = "Jira";

    /// <summary>The name the project list had before; still read for one release, with a warning.</summary>
    public const string LegacyProjectsSetting = "Signals:JiraProjects";

    /// <summary>The site: https://acme.atlassian.net (Cloud) or the Data Center base URL (with its context path).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Jira Cloud: the Atlassian account e-mail the API token belongs to.</summary>
    public string? Email { get; set; }

    /// <summary>Jira Cloud: an API token (secret; a Key Vault reference in Azure; never logged).</summary>
    public string? ApiToken { get; set; }

    /// <summary>Jira Data Center: a personal access token (secret), sent as a bearer token.</summary>
    public string? PersonalAccessToken { get; set; }

    /// <summary>Project keys to sync and to read work items from, e.g. SHOP.</summary>
    public List<string> Projects { get; set; } = [];

    /// <summary>How far back the first sync of a project goes.</summary>
    public int BackfillWeeks { get; set; } = 26;

    /// <summary>
    /// Minutes re-read before the stored cursor: Jira's enhanced search is eventually consistent and JQL dates have
    /// minute precision, so an update at the edge of the last run may only show up now. Default: 5.
    /// </summary>
    public int OverlapMinutes { get; set; } = 5;

    /// <summary>Issues per search page (Cloud returns at most 100 with a changelog; Data Center at most its own cap).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How long one run may take; it stops cleanly (stored, cursor moved) before it. Default: 8 minutes.</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary><c>auto</c> (ask /rest/api/2/serverInfo, else go by the auth configured), <c>cloud</c> or <c>datacenter</c>.</summary>
    public string Deployment { get; set; } = JiraDeployments.Auto;

    /// <summary>Mapping of issue types and labels to kinds; <c>Jira:Mappings:Default</c> and per project <c>Jira:Mappings:SHOP</c>.</summary>
    public Dictionary<string, JiraKindMapping> Mappings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Data Center only: the id of the Epic Link custom field (<c>customfield_10101</c>; its schema's custom type is
    /// <c>com.pyxis.greenhopper.jira:gh-epic-link</c>), so an epic's stories are known. Cloud sends every parent in
    /// <c>parent</c> and needs nothing.
    /// </summary>
    public string? EpicLinkField { get; set; }

    /// <summary>The Epic Link field to ask for, or null when none is set.</summary>
    public string? EpicLinkFieldId => string.IsNullOrWhiteSpace(EpicLinkField) ? null : EpicLinkField.Trim();

    /// <summary>True when the project list came from <see cref="LegacyProjectsSetting"/>.</summary>
    public bool UsesLegacyProjects { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && ProjectKeys.Count > 0;

    public bool UsesPersonalAccessToken => !string.IsNullOrWhiteSpace(PersonalAccessToken);

    public IReadOnlyList<string> ProjectKeys =>
        Projects.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    public Uri BaseUri
    {
        get
        {
            var uri = new Uri(BaseUrl!.Trim(), UriKind.Absolute);
            return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        }
    }

    /// <summary>The mapping for a project: its own entry over the default entry over the built-in defaults.</summary>
    public JiraKindMapping MappingFor(string project)
    {
        var mapping = JiraKindMapping.BuiltIn;
        if (Mappings.TryGetValue("Default", out var defaults))
        {
            mapping = mapping.Over(defaults);
        }

        return Mappings.TryGetValue(project, out var own) ? mapping.Over(own) : mapping;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,254}$", RegexOptions.CultureInvariant)]
    internal static partial Regex ProjectKey();

    [GeneratedRegex("^customfield_[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    internal static partial Regex CustomFieldId();
}

/// <summary>Which Jira answers: Cloud (REST v3, enhanced search) or Data Center (REST v2, startAt paging).</summary>
internal static class JiraDeployments
{
    public const string Auto = "auto";
    public const string Cloud = "cloud";
    public const string DataCenter = "datacenter";

    public static IReadOnlyList<string> All { get; } = [Auto, Cloud, DataCenter];
}

/// <summary>
/// Which issue types and labels make a work item an incident, bug, debt item, feature or risk. Checked in that
/// order (incident first); labels are matched case-insensitively, types by name. Anything else is "other".
/// Container types (epics) hold flow items rather than being one. Lists left unset keep the defaults below.
/// </summary>
internal sealed class JiraKindMapping
{
    public static JiraKindMapping BuiltIn { get; } = new()
    {
        IncidentTypes = ["Incident", "Post-incident review"],
        IncidentLabels = ["incident"],
        BugTypes = ["Bug", "Defect"],
        BugLabels = ["bug"],
        DebtTypes = ["Tech Debt", "Technical Debt", "Technical debt"],
        DebtLabels = ["tech-debt", "techdebt"],
        FeatureTypes = ["Story", "Feature", "New Feature", "Improvement", "Task", "Epic"],
        FeatureLabels = [],
        RiskTypes = ["Security", "Vulnerability", "Risk", "Compliance"],
        RiskLabels = ["security", "risk", "compliance"],
        ContainerTypes = ["Epic"],
    };

    public List<string>? IncidentTypes { get; set; }
    public List<string>? IncidentLabels { get; set; }
    public List<string>? BugTypes { get; set; }
    public List<string>? BugLabels { get; set; }
    public List<string>? DebtTypes { get; set; }
    public List<string>? DebtLabels { get; set; }
    public List<string>? FeatureTypes { get; set; }
    public List<string>? FeatureLabels { get; set; }
    public List<string>? RiskTypes { get; set; }
    public List<string>? RiskLabels { get; set; }

    /// <summary>
    /// Types that group other items (an epic): a resolved one counts only when none of its child items is a flow
    /// item, so a story and its epic are not both counted. One empty entry (<c>ContainerTypes:0=</c>) makes every
    /// type a flow item.
    /// </summary>
    public List<string>? ContainerTypes { get; set; }

    /// <summary>Every list <paramref name="other"/> sets replaces this one's.</summary>
    public JiraKindMapping Over(JiraKindMapping other) => new()
    {
        IncidentTypes = other.IncidentTypes ?? IncidentTypes,
        IncidentLabels = other.IncidentLabels ?? IncidentLabels,
        BugTypes = other.BugTypes ?? BugTypes,
        BugLabels = other.BugLabels ?? BugLabels,
        DebtTypes = other.DebtTypes ?? DebtTypes,
        DebtLabels = other.DebtLabels ?? DebtLabels,
        FeatureTypes = other.FeatureTypes ?? FeatureTypes,
        FeatureLabels = other.FeatureLabels ?? FeatureLabels,
        RiskTypes = other.RiskTypes ?? RiskTypes,
        RiskLabels = other.RiskLabels ?? RiskLabels,
        ContainerTypes = other.ContainerTypes ?? ContainerTypes,
    };

    public bool IsContainer(string type) => !string.IsNullOrWhiteSpace(type) && (ContainerTypes ?? []).Contains(type, StringComparer.OrdinalIgnoreCase);

    public string KindOf(string type, IReadOnlyList<string> labels)
    {
        bool Matches(List<string>? types, List<string>? kindLabels) =>
            (types ?? []).Contains(type, StringComparer.OrdinalIgnoreCase)
            || labels.Any(l => (kindLabels ?? []).Contains(l, StringComparer.OrdinalIgnoreCase));

        return Matches(IncidentTypes, IncidentLabels) ? WorkItemKinds.Incident
            : Matches(DebtTypes, DebtLabels) ? WorkItemKinds.Debt
            : Matches(RiskTypes, RiskLabels) ? WorkItemKinds.Risk
            : Matches(BugTypes, BugLabels) ? WorkItemKinds.Bug
            : Matches(FeatureTypes, FeatureLabels) ? WorkItemKinds.Feature
            : WorkItemKinds.Other;
    }

    /// <summary>Every type name the mapping knows, to warn about types the site does not have.</summary>
    public IEnumerable<string> AllTypes =>
        new[] { IncidentTypes, BugTypes, DebtTypes, FeatureTypes, RiskTypes }.SelectMany(t => t ?? []);
}

internal sealed class JiraOptionsValidator : IValidateOptions<JiraOptions>
{
    private const string S = JiraOptions.Section;

    public ValidateOptionsResult Validate(string? name, JiraOptions options)
    {
        var problems = new SettingProblems();
        var configuredSite = !string.IsNullOrWhiteSpace(options.BaseUrl);
        if (configuredSite && !(Uri.TryCreate(options.BaseUrl!.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add($"{S}:BaseUrl", $"is '{options.BaseUrl}', which is not an http(s) URL", $"{S}:BaseUrl=https://acme.atlassian.net");
        }

        for (var i = 0; i < options.Projects.Count; i++)
        {
            var key = options.Projects[i]?.Trim().ToUpperInvariant() ?? "";
            if (key.Length > 0 && !JiraOptions.ProjectKey().IsMatch(key))
            {
                var setting = options.UsesLegacyProjects ? $"{JiraOptions.LegacyProjectsSetting}:{i}" : $"{S}:Projects:{i}";
                problems.Add(setting, $"is '{options.Projects[i]}', which is not a Jira project key (letters, digits, underscores; starts with a letter)", $"{S}:Projects:{i}=SHOP");
            }
        }

        if (configuredSite && options.ProjectKeys.Count == 0)
        {
            problems.Add($"{S}:Projects", "is empty while Jira:BaseUrl is set; list the project keys to sync", $"{S}:Projects:0=SHOP");
        }

        if (configuredSite)
        {
            ValidateAuthentication(options, problems);
        }

        if (JiraDeployments.All.FirstOrDefault(d => string.Equals(d, options.Deployment?.Trim(), StringComparison.OrdinalIgnoreCase)) is null)
        {
            problems.Add($"{S}:Deployment", $"is '{options.Deployment}'; it must be one of {string.Join(", ", JiraDeployments.All)}", $"{S}:Deployment=auto");
        }

        ValidateMappings(options, problems);
        Range(problems, "BackfillWeeks", options.BackfillWeeks, 1, 520, "26");
        Range(problems, "OverlapMinutes", options.OverlapMinutes, 0, 24 * 60, "5");
        Range(problems, "PageSize", options.PageSize, 1, 1000, "100");
        if (options.TimeBudget < TimeSpan.FromSeconds(30) || options.TimeBudget > TimeSpan.FromHours(24))
        {
            problems.Add($"{S}:TimeBudget", $"is {options.TimeBudget}; it must be between 00:00:30 and 24:00:00", $"{S}:TimeBudget=00:08:00");
        }

        return problems.ToResult();
    }

    private static void ValidateAuthentication(JiraOptions options, SettingProblems problems)
    {
        var basic = !string.IsNullOrWhiteSpace(options.Email) || !string.IsNullOrWhiteSpace(options.ApiToken);
        if (basic && options.UsesPersonalAccessToken)
        {
            problems.Add($"{S}:PersonalAccessToken", "is set together with Jira:Email/Jira:ApiToken; use the API token for Jira Cloud or the personal access token for Data Center, not both", $"{S}:PersonalAccessToken=");
        }
        else if (!basic && !options.UsesPersonalAccessToken)
        {
            problems.Add($"{S}:ApiToken", "is empty while Jira:BaseUrl is set; set Jira:Email and Jira:ApiToken (Cloud) or Jira:PersonalAccessToken (Data Center)", $"{S}:ApiToken=ATATT3x...");
        }
        else if (basic && string.IsNullOrWhiteSpace(options.Email))
        {
            problems.Add($"{S}:Email", "is empty; Jira Cloud's API token belongs to an account e-mail", $"{S}:Email=lead@example.com");
        }
        else if (basic && string.IsNullOrWhiteSpace(options.ApiToken))
        {
            problems.Add($"{S}:ApiToken", "is empty while Jira:Email is set", $"{S}:ApiToken=ATATT3x...");
        }
    }

    private static void ValidateMappings(JiraOptions options, SettingProblems problems)
    {
        var epicLink = options.EpicLinkFieldId;
        if (epicLink is not null && !JiraOptions.CustomFieldId().IsMatch(epicLink))
        {
            problems.Add($"{S}:EpicLinkField", $"is '{options.EpicLinkField}', which is not a custom field id", $"{S}:EpicLinkField=customfield_10101");
        }

        foreach (var entry in options.Mappings.Keys)
        {
            // A typo in a project key would silently leave that project on the defaults.
            if (!string.Equals(entry, "Default", StringComparison.OrdinalIgnoreCase)
                && !options.ProjectKeys.Contains(entry.Trim().ToUpperInvariant(), StringComparer.Ordinal))
            {
                problems.Add($"{S}:Mappings:{entry}", $"names a project that is not in Jira:Projects ({string.Join(", ", options.ProjectKeys)}); use Default or one of them", $"{S}:Mappings:Default:ContainerTypes:0=Epic");
            }
        }
    }

    private static void Range(SettingProblems problems, string setting, int value, int min, int max, string example)
    {
        if (value < min || value > max)
        {
            problems.Add($"{S}:{setting}", string.Create(CultureInfo.InvariantCulture, $"is {value}; it must be between {min} and {max}"), $"{S}:{setting}={example}");
        }
    }
}
