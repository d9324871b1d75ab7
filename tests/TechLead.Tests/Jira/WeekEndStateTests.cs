using System.Text.Json;
using System.Text.Json.Nodes;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Jira;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Jira;

/// <summary>
/// Every week reads the work items as they were at its end, and an epic is not counted next to its stories. The
/// items are Jira Cloud search results (<c>/rest/api/3/search/jql</c> with <c>expand=changelog</c>: histories
/// newest first, status items with <c>from</c>/<c>fromString</c>/<c>to</c>/<c>toString</c> and status ids, children
/// linked by <c>fields.parent</c>) mapped by the real mapper. Weeks in UTC: W09 is Monday 2026-02-23 to 03-02, W10
/// 03-02 to 03-09, W11 03-09 to 03-16. Every figure below is worked out by hand from the moves.
/// </summary>
public sealed class WeekEndStateTests
{
    private const double Tolerance = 1e-9;

    // Jira Cloud's default statuses and their categories, as /rest/api/3/status lists them.
    private static readonly (string Id, string Name, JiraCategoryKey Category)[] Statuses =
    [
        ("10000", "To Do", JiraCategoryKey.New),
        ("3", "In Progress", JiraCategoryKey.Indeterminate),
        ("10001", "In Review", JiraCategoryKey.Indeterminate),
        ("10002", "Done", JiraCategoryKey.Done),
    ];

    private static readonly JsonObject[] Issues =
    [
        // Started on Tuesday, put back in the backlog on Thursday: not in progress at the end of W10.
        Issue("SHOP-1", "Story", created: "2026-02-20T09:00", resolved: null, parent: null,
            ("2026-03-03T10:00", "To Do", "In Progress"), ("2026-03-05T16:30", "In Progress", "To Do")),
        // Done in W10, reopened in W11 (Jira cleared the resolution): done at the end of W10, in progress again after.
        Issue("SHOP-2", "Bug", created: "2026-02-16T09:00", resolved: null, parent: null,
            ("2026-02-24T09:00", "To Do", "In Progress"), ("2026-03-04T16:00", "In Progress", "Done"), ("2026-03-11T12:00", "Done", "In Progress")),
        // An epic with two stories: not a flow item of its own.
        Issue("SHOP-3", "Epic", created: "2026-02-09T09:00", resolved: "2026-03-06T12:00", parent: null,
            ("2026-02-23T10:00", "To Do", "In Progress"), ("2026-03-06T12:00", "In Progress", "Done")),
        Issue("SHOP-4", "Story", created: "2026-02-20T09:00", resolved: "2026-03-05T12:00", parent: "SHOP-3",
            ("2026-03-02T09:00", "To Do", "In Progress"), ("2026-03-03T09:00", "In Progress", "In Review"), ("2026-03-05T12:00", "In Review", "Done")),
        Issue("SHOP-5", "Story", created: "2026-02-20T09:00", resolved: "2026-02-26T09:00", parent: "SHOP-3",
            ("2026-02-23T09:00", "To Do", "In Progress"), ("2026-02-26T09:00", "In Progress", "Done")),
        // An epic nobody broke down: it is the flow item.
        Issue("SHOP-6", "Epic", created: "2026-02-10T09:00", resolved: "2026-03-06T15:00", parent: null,
            ("2026-03-02T10:00", "To Do", "In Progress"), ("2026-03-06T15:00", "In Progress", "Done")),
        // Done on Tuesday, reopened on Wednesday, done again in W11: not done at the end of W10.
        Issue("SHOP-7", "Task", created: "2026-02-25T09:00", resolved: "2026-03-10T11:00", parent: null,
            ("2026-03-02T08:00", "To Do", "In Progress"), ("2026-03-03T10:00", "In Progress", "Done"),
            ("2026-03-04T12:00", "Done", "In Progress"), ("2026-03-10T11:00", "In Progress", "Done")),
        // A debt item done in W10 and sent back to the backlog in W11.
        Issue("SHOP-8", "Tech Debt", created: "2026-02-02T09:00", resolved: null, parent: null,
            ("2026-03-03T09:00", "To Do", "In Progress"), ("2026-03-05T09:00", "In Progress", "Done"), ("2026-03-12T09:00", "Done", "To Do")),
    ];

    private static readonly SignalsOptions Options = new() { JiraProjects = ["SHOP"], MinimumSample = 1 };

    [Fact]
    public void The_mapper_keeps_only_moves_between_status_categories_and_the_parent_link()
    {
        var items = Map(JiraKindMapping.BuiltIn);

        // In Progress to In Review stays in one category.
        Assert.Equal(
            [new WorkItemCategoryChange(At("2026-03-02 09:00"), WorkItemStatus.ToDo, WorkItemStatus.InProgress),
             new WorkItemCategoryChange(At("2026-03-05 12:00"), WorkItemStatus.InProgress, WorkItemStatus.Done)],
            items["SHOP-4"].CategoryChanges!);
        Assert.Equal("SHOP-3", items["SHOP-4"].ParentKey);
        Assert.True(items["SHOP-3"].IsContainer);
        Assert.False(items["SHOP-4"].IsContainer);
        Assert.Null(items["SHOP-3"].ParentKey);
    }

    [Fact]
    public void Work_in_progress_counts_the_status_at_the_end_of_the_week()
    {
        var w10 = Signal("2026-W10", "work_in_progress");

        // SHOP-1 went back to the backlog, SHOP-2 and SHOP-8 were done, SHOP-3 is an epic with stories: only SHOP-7,
        // in progress again since Wednesday 12:00, 4.5 days before the week's end (not since its first start on Monday).
        Assert.Equal(1, w10.Value);
        var item = Assert.Single(w10.Items);
        Assert.StartsWith("SHOP-7 ", item.Label, StringComparison.Ordinal);
        Assert.Equal(4.5, item.Value!.Value, Tolerance);

        // End of W11: SHOP-2, reopened on Wednesday 12:00 (4.5 days), not 20.6 days since it first started.
        var w11 = Signal("2026-W11", "work_in_progress");
        Assert.Equal(1, w11.Value);
        Assert.StartsWith("SHOP-2 ", Assert.Single(w11.Items).Label, StringComparison.Ordinal);
        Assert.Equal(4.5, w11.Items[0].Value!.Value, Tolerance);

        // End of W09: SHOP-2 only (SHOP-3 is the epic; SHOP-4, 6 and 7 started on Monday of W10).
        Assert.Equal(1, Signal("2026-W09", "work_in_progress").Value);
    }

    [Fact]
    public void Throughput_counts_items_done_at_the_end_of_the_week_including_those_reopened_later()
    {
        // W10: SHOP-2 (reopened only in W11), SHOP-4, SHOP-6 (an epic without stories) and SHOP-8. Not SHOP-7
        // (reopened the day after), not SHOP-3 (its stories count instead).
        Assert.Equal(4, Signal("2026-W10", "work_item_throughput").Value);
        Assert.Equal(1, Signal("2026-W11", "work_item_throughput").Value); // SHOP-7, done again
        Assert.Equal(1, Signal("2026-W09", "work_item_throughput").Value); // SHOP-5
    }

    [Fact]
    public void Cycle_time_runs_from_the_first_start_to_the_move_into_done_of_the_week()
    {
        // W10: SHOP-8 48 h, SHOP-4 75 h, SHOP-6 101 h, SHOP-2 199 h (Feb 24 09:00 to Mar 4 16:00): median 88 h.
        var w10 = Signal("2026-W10", "work_item_cycle_time");
        Assert.Equal(4, w10.SampleSize);
        Assert.Equal(88, w10.Value!.Value, Tolerance);

        // W11: SHOP-7 from its first start (Mar 2 08:00) to its second move into done (Mar 10 11:00): 195 h.
        Assert.Equal(195, Signal("2026-W11", "work_item_cycle_time").Value!.Value, Tolerance);
    }

    [Fact]
    public void Flow_distribution_leaves_out_an_epic_whose_stories_count()
    {
        var flow = Signal("2026-W10", "flow_distribution");

        // Features SHOP-4 and SHOP-6, the defect SHOP-2, the debt item SHOP-8: 4 items.
        Assert.Equal(2.0 / 4, flow.Value!.Value, Tolerance);
        var shares = flow.Breakdown.ToDictionary(p => p.Id, p => p.Value);
        Assert.Equal(1.0 / 4, shares["defects"]!.Value, Tolerance);
        Assert.Equal(1.0 / 4, shares["debt"]!.Value, Tolerance);
        Assert.Equal(4, flow.SampleSize);
    }

    [Fact]
    public void Reopened_share_counts_reopenings_before_the_end_of_the_week()
    {
        // W10: none of its four done items had been reopened yet (SHOP-2 is reopened in W11).
        Assert.Equal(0, Signal("2026-W10", "work_item_reopened_share").Value!.Value, Tolerance);
        // W11: SHOP-7 was reopened on Mar 4 before it was done again.
        Assert.Equal(1, Signal("2026-W11", "work_item_reopened_share").Value!.Value, Tolerance);
    }

    [Fact]
    public void Debt_figures_read_a_reopened_debt_item_as_it_was_at_each_weeks_end()
    {
        // SHOP-8: resolved in W10 (net -1, nothing open at its end), back in the backlog at the end of W11.
        Assert.Equal(-1, Signal("2026-W10", "debt_net_change").Value);
        Assert.Equal(0, Signal("2026-W10", "debt_open_items").Value);
        Assert.Equal(1, Signal("2026-W11", "debt_open_items").Value);
    }

    [Fact]
    public void With_no_container_types_for_the_project_an_epic_counts_as_a_feature()
    {
        var items = Map(JiraKindMapping.BuiltIn.Over(new JiraKindMapping { ContainerTypes = [""] }));
        var report = Compute("2026-W10", new ActivityBatch { WorkItems = [.. items.Values] }, Options);

        // SHOP-3 now counts too: 5 items done in W10, and it was in progress at the end of W09 next to SHOP-2.
        Assert.Equal(5, report.Signal("work_item_throughput").Value);
        Assert.Equal(3.0 / 5, report.Signal("flow_distribution").Value!.Value, Tolerance);
        Assert.Equal(2, Compute("2026-W09", new ActivityBatch { WorkItems = [.. items.Values] }, Options).Signal("work_in_progress").Value);
    }

    [Fact]
    public void A_row_stored_before_the_moves_were_kept_still_loads_and_counts_as_before()
    {
        // SHOP-7's row as stored before: no CategoryChanges, ParentKey or IsContainer in the JSON.
        var json = """
            {"project":"SHOP","key":"SHOP-7","id":"10007","type":"Task","summary":"Old row","statusCategory":"Done","status":"Done",
             "kind":"feature","isSubtask":false,"labels":[],"hasOwner":true,"priority":null,"createdAt":"2026-02-25T09:00:00+00:00",
             "inProgressAt":"2026-03-02T08:00:00+00:00","resolvedAt":"2026-03-10T11:00:00+00:00","updatedAt":"2026-03-10T11:00:00+00:00",
             "reopenedCount":1,"hoursInStatus":{},"linkedPullRequests":[],"description":"","origin":"jira"}
            """;
        var old = JsonSerializer.Deserialize<WorkItemRecord>(json, ActivityStore.Json)!;

        Assert.Null(old.CategoryChanges);
        var snapshot = new ActivityBatch { WorkItems = [old] };
        // Without its history it reads as started Mar 2 and resolved Mar 10: in progress at the end of W10, done in W11.
        Assert.Equal(1, Compute("2026-W10", snapshot, Options).Signal("work_in_progress").Value);
        Assert.Equal(1, Compute("2026-W11", snapshot, Options).Signal("work_item_throughput").Value);
    }

    [Fact]
    public void A_stored_row_keeps_the_newest_category_moves_within_the_row_limit()
    {
        var many = Enumerable.Range(0, 250)
            .Select(i => new WorkItemCategoryChange(At("2026-01-01 00:00").AddHours(i),
                i % 2 == 0 ? WorkItemStatus.ToDo : WorkItemStatus.InProgress, i % 2 == 0 ? WorkItemStatus.InProgress : WorkItemStatus.ToDo))
            .ToList();
        var item = Map(JiraKindMapping.BuiltIn)["SHOP-1"] with { CategoryChanges = many };

        var entity = ActivityStore.ToEntity(WorkItemMap.Instance, item);
        var stored = JsonSerializer.Deserialize<WorkItemRecord>(entity.GetString(ActivityStore.DataColumn)!, ActivityStore.Json)!;

        Assert.Equal(many.Skip(150), stored.CategoryChanges!);
    }

    private static SignalValue Signal(string week, string id) =>
        Compute(week, new ActivityBatch { WorkItems = [.. Map(JiraKindMapping.BuiltIn).Values] }, Options).Signal(id);

    private static Dictionary<string, WorkItemRecord> Map(JiraKindMapping mapping)
    {
        var page = new JsonObject { ["issues"] = new JsonArray([.. Issues.Select(i => i.DeepClone())]), ["isLast"] = true };
        var search = JsonSerializer.Deserialize<JiraSearchPage>(page.ToJsonString(), JiraJson.Options)!;
        var categories = new JiraStatusCategories(Statuses.Select(s => new JiraStatusDefinition
        {
            Id = s.Id,
            Name = s.Name,
            StatusCategory = new JiraStatusCategory { Key = StoredStrings<JiraCategoryKey>.Of(s.Category) },
        }));
        return search.Issues!
            .Select(i => JiraIssueMapper.Map(i, i.Changelog!.Histories!, "SHOP", mapping, categories, Origins.Jira)!)
            .ToDictionary(w => w.Key, StringComparer.Ordinal);
    }

    /// <summary>One issue as Cloud's enhanced search returns it; <paramref name="moves"/> oldest first, times in UTC.</summary>
    private static JsonObject Issue(string key, string type, string created, string? resolved, string? parent,
        params (string At, string From, string To)[] moves)
    {
        var number = int.Parse(key["SHOP-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var current = moves.Length == 0 ? "To Do" : moves[^1].To;
        var status = Statuses.Single(s => s.Name == current);
        string Id(string name) => Statuses.Single(s => s.Name == name).Id;
        var histories = moves.Select((m, n) => (JsonNode)new JsonObject
        {
            ["id"] = (number * 100 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["author"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "Mia Krystof" },
            ["created"] = $"{m.At}:00.000+0000",
            ["items"] = new JsonArray(new JsonObject
            {
                ["field"] = "status",
                ["fieldtype"] = "jira",
                ["fieldId"] = "status",
                ["from"] = Id(m.From),
                ["fromString"] = m.From,
                ["to"] = Id(m.To),
                ["toString"] = m.To,
            }),
        }).Reverse().ToArray();
        return new JsonObject
        {
            ["id"] = (10000 + number).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["key"] = key,
            ["fields"] = new JsonObject
            {
                ["summary"] = $"{type} {key}",
                ["issuetype"] = new JsonObject { ["name"] = type, ["subtask"] = false, ["hierarchyLevel"] = type == "Epic" ? 1 : 0 },
                ["status"] = new JsonObject { ["id"] = status.Id, ["name"] = status.Name, ["statusCategory"] = new JsonObject { ["key"] = StoredStrings<JiraCategoryKey>.Of(status.Category) } },
                ["labels"] = new JsonArray(),
                ["assignee"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g" },
                ["priority"] = new JsonObject { ["name"] = "Medium" },
                ["created"] = $"{created}:00.000+0000",
                ["updated"] = $"{(moves.Length == 0 ? created : moves[^1].At)}:00.000+0000",
                ["resolutiondate"] = resolved is null ? null : $"{resolved}:00.000+0000",
                ["parent"] = parent is null ? null : new JsonObject
                {
                    ["id"] = (10000 + int.Parse(parent["SHOP-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["key"] = parent,
                    ["fields"] = new JsonObject { ["issuetype"] = new JsonObject { ["name"] = "Epic", ["subtask"] = false, ["hierarchyLevel"] = 1 } },
                },
            },
            ["changelog"] = new JsonObject { ["startAt"] = 0, ["maxResults"] = moves.Length, ["total"] = moves.Length, ["histories"] = new JsonArray(histories) },
        };
    }
}
