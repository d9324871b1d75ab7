using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Jira;

namespace TechLead.Sample;

/// <summary>
/// The sample's Jira project (SHOP) as Jira Cloud would answer it: a <c>/rest/api/3/search/jql</c> page with
/// changelogs (newest first), ADF descriptions, times with a <c>+0100</c> offset and nulls where Jira sends them.
/// The work items come out of the same mapper the real sync uses, so the demo exercises the real mapping.
/// </summary>
internal static class SampleJiraIssues
{
    public const string Project = "SHOP";

    private static readonly TimeSpan Offset = TimeSpan.FromHours(1);

    /// <summary>The site's statuses, as <c>/rest/api/3/status</c> lists them.</summary>
    public static IReadOnlyList<JiraStatusDefinition> Statuses { get; } =
    [
        Status("10000", "To Do", JiraCategoryKey.New),
        Status("3", "In Progress", JiraCategoryKey.Indeterminate),
        Status("10001", "In Review", JiraCategoryKey.Indeterminate),
        Status("10002", "Done", JiraCategoryKey.Done),
    ];

    /// <summary>Maps a Jira-shaped search page through <see cref="JiraIssueMapper"/>.</summary>
    public static IReadOnlyList<WorkItemRecord> Map(string searchPageJson)
    {
        var page = JsonSerializer.Deserialize<JiraSearchPage>(searchPageJson, JiraJson.Options)!;
        var categories = new JiraStatusCategories(Statuses);
        return (page.Issues ?? [])
            .Select(i => JiraIssueMapper.Map(i, i.Changelog?.Histories ?? [], Project, JiraKindMapping.BuiltIn, categories, Origins.Sample))
            .OfType<WorkItemRecord>()
            .ToList();
    }

    /// <summary>
    /// Builds one issue in Jira's v3 shape. <paramref name="moves"/> are (time, status name) in order;
    /// <paramref name="epic"/> is the parent epic (number, summary), sent as Cloud's <c>parent</c> field.
    /// </summary>
    public static JsonObject Issue(int number, string type, string summary, IReadOnlyList<string> labels, bool assigned, DateTimeOffset created,
        IReadOnlyList<(DateTimeOffset At, string Status)> moves, string? pullRequestUrl, (int Number, string Summary)? epic = null)
    {
        var current = moves.Count > 0 ? moves[^1].Status : "To Do";
        var updated = moves.Count > 0 ? moves[^1].At : created;
        var done = current == "Done";
        var histories = new JsonArray();
        var from = "To Do";
        for (var i = 0; i < moves.Count; i++)
        {
            histories.Insert(0, new JsonObject
            {
                ["id"] = (number * 100 + i).ToString(CultureInfo.InvariantCulture),
                ["created"] = Time(moves[i].At),
                ["items"] = new JsonArray(new JsonObject
                {
                    ["field"] = "status",
                    ["fieldtype"] = "jira",
                    ["fieldId"] = "status",
                    ["from"] = IdOf(from),
                    ["fromString"] = from,
                    ["to"] = IdOf(moves[i].Status),
                    ["toString"] = moves[i].Status,
                }),
            });
            from = moves[i].Status;
        }

        var paragraph = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"{summary}. " });
        if (pullRequestUrl is not null)
        {
            paragraph.Add(new JsonObject
            {
                ["type"] = "text",
                ["text"] = "Pull request",
                ["marks"] = new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = pullRequestUrl } }),
            });
        }

        var status = Statuses.First(s => s.Name == current);
        return new JsonObject
        {
            ["id"] = (10000 + number).ToString(CultureInfo.InvariantCulture),
            ["key"] = $"{Project}-{number}",
            ["fields"] = new JsonObject
            {
                ["summary"] = summary,
                ["issuetype"] = new JsonObject { ["name"] = type, ["subtask"] = false },
                ["status"] = new JsonObject { ["id"] = status.Id, ["name"] = status.Name, ["statusCategory"] = new JsonObject { ["key"] = status.StatusCategory!.Key } },
                ["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["assignee"] = assigned ? new JsonObject { ["accountId"] = "sample-account", ["displayName"] = "Sample person" } : null,
                ["priority"] = new JsonObject { ["name"] = type == "Incident" ? "Highest" : "Medium" },
                ["created"] = Time(created),
                ["updated"] = Time(updated),
                ["resolutiondate"] = done ? Time(updated) : null,
                ["description"] = new JsonObject
                {
                    ["type"] = "doc",
                    ["version"] = 1,
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "paragraph", ["content"] = paragraph }),
                },
                ["project"] = new JsonObject { ["key"] = Project },
                ["parent"] = epic is { } parent
                    ? new JsonObject
                    {
                        ["id"] = (10000 + parent.Number).ToString(CultureInfo.InvariantCulture),
                        ["key"] = $"{Project}-{parent.Number}",
                        ["fields"] = new JsonObject
                        {
                            ["summary"] = parent.Summary,
                            ["issuetype"] = new JsonObject { ["name"] = "Epic", ["subtask"] = false, ["hierarchyLevel"] = 1 },
                        },
                    }
                    : null,
            },
            ["changelog"] = new JsonObject { ["startAt"] = 0, ["maxResults"] = moves.Count, ["total"] = moves.Count, ["histories"] = histories },
        };
    }

    /// <summary>A one-page search answer around <paramref name="issues"/>.</summary>
    public static string SearchPage(IEnumerable<JsonObject> issues) =>
        new JsonObject { ["issues"] = new JsonArray(issues.Cast<JsonNode>().ToArray()), ["isLast"] = true }.ToJsonString();

    /// <summary>Jira's own format: <c>2026-03-02T14:05:00.000+0100</c>.</summary>
    private static string Time(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0100";

    private static string IdOf(string status) => Statuses.First(s => s.Name == status).Id!;

    private static JiraStatusDefinition Status(string id, string name, JiraCategoryKey category) =>
        new() { Id = id, Name = name, StatusCategory = new JiraStatusCategory { Key = StoredStrings<JiraCategoryKey>.Of(category) } };
}
