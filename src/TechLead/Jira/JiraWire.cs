using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechLead.Jira;

// The shapes Jira answers in (REST v3 Cloud and v2 Data Center share them), reduced to what the mapping reads.
// Everything is nullable: Jira sends null for unset fields (assignee, priority, resolutiondate, description).

/// <summary>A page of <c>POST /rest/api/3/search/jql</c> (nextPageToken, isLast) or <c>/rest/api/2/search</c> (startAt, total).</summary>
internal sealed record JiraSearchPage
{
    public List<JiraIssue>? Issues { get; init; }
    public string? NextPageToken { get; init; }
    public bool? IsLast { get; init; }
    public int? StartAt { get; init; }
    public int? MaxResults { get; init; }
    public int? Total { get; init; }
}

internal sealed record JiraIssue
{
    public string? Id { get; init; }
    public string? Key { get; init; }
    public JiraFields? Fields { get; init; }
    public JiraChangelog? Changelog { get; init; }
}

internal sealed record JiraFields
{
    public string? Summary { get; init; }
    public JiraIssueType? IssueType { get; init; }
    public JiraStatus? Status { get; init; }
    public List<string>? Labels { get; init; }
    /// <summary>Only whether it is null matters; the person is never stored.</summary>
    public JsonElement? Assignee { get; init; }
    public JiraNamed? Priority { get; init; }
    public JiraNamed? Resolution { get; init; }
    public string? Created { get; init; }
    public string? Updated { get; init; }
    public string? ResolutionDate { get; init; }
    /// <summary>An ADF document (v3) or a wiki-markup string (v2).</summary>
    public JsonElement? Description { get; init; }
    public JiraNamed? Project { get; init; }
    /// <summary>The parent issue: Cloud's one parent field for epics and sub-tasks alike; on Data Center only a sub-task's.</summary>
    public JiraNamed? Parent { get; init; }
    /// <summary>Custom fields asked for by id (Data Center's Epic Link, <c>customfield_NNNNN</c>: the epic's key as a string).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}

internal sealed record JiraIssueType
{
    public string? Name { get; init; }
    public bool? Subtask { get; init; }
}

internal sealed record JiraStatus
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JiraStatusCategory? StatusCategory { get; init; }
}

/// <summary>Jira's three categories by key: <c>new</c>, <c>indeterminate</c>, <c>done</c> (and <c>undefined</c>).</summary>
internal sealed record JiraStatusCategory
{
    public string? Key { get; init; }
}

internal sealed record JiraNamed
{
    public string? Key { get; init; }
    public string? Name { get; init; }
}

/// <summary>The changelog inside a search result: cut when <see cref="Total"/> exceeds the histories returned.</summary>
internal sealed record JiraChangelog
{
    public int? StartAt { get; init; }
    public int? MaxResults { get; init; }
    public int? Total { get; init; }
    public List<JiraHistory>? Histories { get; init; }

    [JsonIgnore]
    public bool IsComplete => Total is null || (Histories?.Count ?? 0) >= Total;
}

internal sealed record JiraHistory
{
    public string? Id { get; init; }
    public string? Created { get; init; }
    public List<JiraHistoryItem>? Items { get; init; }
}

internal sealed record JiraHistoryItem
{
    public string? Field { get; init; }
    public string? FieldId { get; init; }
    public string? From { get; init; }
    public string? FromString { get; init; }
    public string? To { get; init; }
    [JsonPropertyName("toString")]
    public string? ToText { get; init; }
}

/// <summary><c>POST /rest/api/3/changelog/bulkfetch</c>: changelogs of many issues, paged by nextPageToken.</summary>
internal sealed record JiraBulkChangelogs
{
    public List<JiraIssueChangelog>? IssueChangeLogs { get; init; }
    public string? NextPageToken { get; init; }
}

internal sealed record JiraIssueChangelog
{
    public string? IssueId { get; init; }
    public List<JiraHistory>? ChangeHistories { get; init; }
}

/// <summary><c>GET /rest/api/2/issue/{key}/changelog</c> style page (values, startAt, total, isLast).</summary>
internal sealed record JiraChangelogPage
{
    public int? StartAt { get; init; }
    public int? Total { get; init; }
    public bool? IsLast { get; init; }
    public List<JiraHistory>? Values { get; init; }
}

internal sealed record JiraServerInfo
{
    public string? DeploymentType { get; init; }
    public string? Version { get; init; }
}

internal sealed record JiraMyself
{
    public string? TimeZone { get; init; }

    public string? DisplayName { get; init; }
}

/// <summary><c>GET /rest/api/{2|3}/project/{key}</c>: what the doctor shows of a project.</summary>
internal sealed record JiraProject
{
    public string? Key { get; init; }

    public string? Name { get; init; }
}

/// <summary>One entry of <c>GET /rest/api/{2|3}/field</c>.</summary>
internal sealed record JiraField
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}

/// <summary>Jira's error body: <c>{"errorMessages": [...], "errors": {...}}</c>.</summary>
internal sealed record JiraErrorBody
{
    public List<string>? ErrorMessages { get; init; }
    public Dictionary<string, string>? Errors { get; init; }
}

internal sealed record JiraStatusDefinition
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public JiraStatusCategory? StatusCategory { get; init; }
}
