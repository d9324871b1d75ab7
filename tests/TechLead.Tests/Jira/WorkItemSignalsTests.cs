using TechLead.Activity;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Jira;

/// <summary>Work-item signals for week 2026-W10 (Monday 2026-03-02 to Monday 2026-03-09, UTC), worked by hand.</summary>
public sealed class WorkItemSignalsTests
{
    private const double Tolerance = 1e-9;

    private static readonly ActivityBatch JiraTimeline = new()
    {
        WorkItems =
        [
            Item("SHOP-1", WorkItemKinds.Feature, started: "2026-03-02 09:00", resolved: "2026-03-03 09:00"), // 24 h
            Item("SHOP-2", WorkItemKinds.Feature, started: "2026-02-27 12:00", resolved: "2026-03-04 12:00"), // 120 h
            Item("SHOP-3", WorkItemKinds.Bug, started: "2026-03-04 00:00", resolved: "2026-03-04 06:00", reopened: 1), // 6 h
            Item("SHOP-4", WorkItemKinds.Debt, started: "2026-03-01 00:00", resolved: "2026-03-06 00:00"), // 120 h
            Item("SHOP-5", WorkItemKinds.Incident, started: "2026-03-05 10:00", resolved: "2026-03-05 12:00"), // 2 h
            Item("SHOP-6", WorkItemKinds.Feature, started: null, resolved: "2026-03-06 00:00"), // done straight from To Do
            Item("SHOP-7", WorkItemKinds.Other, started: "2026-03-02 00:00", resolved: "2026-03-02 01:00", subtask: true),
            Item("SHOP-8", WorkItemKinds.Feature, started: "2026-03-05 00:00", resolved: null),
            Item("SHOP-9", WorkItemKinds.Feature, started: "2026-02-20 00:00", resolved: "2026-03-10 00:00"),
            Item("SHOP-10", WorkItemKinds.Feature, started: null, resolved: null),
            Item("SHOP-11", WorkItemKinds.Risk, started: "2026-02-24 00:00", resolved: "2026-02-25 00:00"),
        ],
    };

    private static readonly SignalsOptions Options = new() { JiraProjects = ["SHOP"] };

    [Fact]
    public void Cycle_time_runs_from_the_first_move_into_progress_to_resolution_for_items_done_in_the_week()
    {
        var cycle = Signal("work_item_cycle_time");

        // [2, 6, 24, 120, 120] hours: SHOP-6 never was in progress, SHOP-7 is a sub-task, SHOP-9 finished next week.
        Assert.Equal(5, cycle.SampleSize);
        Assert.Equal(24, cycle.Value!.Value, Tolerance);
        Assert.Equal(120, cycle.P90!.Value, Tolerance);
        Assert.Equal(SignalCategories.WorkItems, cycle.Category);
    }

    [Fact]
    public void Throughput_counts_items_done_in_the_week_without_sub_tasks()
    {
        Assert.Equal(6, Signal("work_item_throughput").Value);
    }

    [Fact]
    public void Work_in_progress_counts_items_started_and_not_done_at_the_end_of_the_week()
    {
        var wip = Signal("work_in_progress");

        Assert.Equal(2, wip.Value); // SHOP-8, and SHOP-9 (done only after the week ended)
        Assert.Equal(["SHOP-9 feature SHOP-9", "SHOP-8 feature SHOP-8"], wip.Items.Select(i => i.Label));
        Assert.Equal(17, wip.Items[0].Value!.Value, Tolerance);
    }

    [Fact]
    public void Flow_distribution_splits_done_items_into_features_defects_debt_and_risk()
    {
        var flow = Signal("flow_distribution");

        var shares = flow.Breakdown.ToDictionary(p => p.Id, p => p.Value);
        Assert.Equal(3.0 / 6, shares["features"]!.Value, Tolerance); // SHOP-1, 2, 6
        Assert.Equal(2.0 / 6, shares["defects"]!.Value, Tolerance); // the bug and the incident
        Assert.Equal(1.0 / 6, shares["debt"]!.Value, Tolerance);
        Assert.Equal(0, shares["risk"]!.Value, Tolerance); // SHOP-11 was done the week before
        Assert.Equal(0.5, flow.Value!.Value, Tolerance);
        Assert.Contains("features 50%, defects 33.3%, debt 16.7%, risk 0%", flow.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopened_share_is_the_share_of_done_items_that_moved_back_from_done()
    {
        var reopened = Signal("work_item_reopened_share");

        Assert.Equal(1.0 / 6, reopened.Value!.Value, Tolerance);
        Assert.Equal(6, reopened.SampleSize);
    }

    [Fact]
    public void Without_Jira_projects_there_are_no_work_item_signals_and_the_report_says_why()
    {
        var report = Compute("2026-W10", JiraTimeline);

        Assert.Empty(report.InCategory(SignalCategories.WorkItems));
        Assert.Contains(report.Notes, n => n.Contains("Jira:Projects", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Jira_incident_counts_as_an_incident_and_a_Jira_debt_item_as_debt_by_kind()
    {
        var settings = SignalSettings.From(new SignalsOptions());
        var incident = JiraTimeline.WorkItems.Single(w => w.Key == "SHOP-5") with { Type = "Major incident" };
        var debt = JiraTimeline.WorkItems.Single(w => w.Key == "SHOP-4") with { Type = "Refactoring" };

        Assert.True(settings.IsIncident(incident));
        Assert.True(settings.IsDebt(debt));
        Assert.False(settings.IsDebt(incident));
    }

    private static SignalValue Signal(string id) =>
        Compute("2026-W10", JiraTimeline, Options).Find(id) ?? throw new InvalidOperationException($"no signal {id}");

    private static WorkItemRecord Item(string key, string kind, string? started, string? resolved, int reopened = 0, bool subtask = false) => new()
    {
        Project = "SHOP",
        Key = key,
        Type = kind,
        Kind = kind,
        Summary = $"{kind} {key}",
        StatusCategory = resolved is not null && At(resolved) < At("2026-03-09 00:00") ? WorkItemStatus.Done : started is null ? WorkItemStatus.ToDo : WorkItemStatus.InProgress,
        IsSubtask = subtask,
        HasOwner = true,
        CreatedAt = At("2026-02-01 00:00"),
        InProgressAt = Maybe(started),
        ResolvedAt = Maybe(resolved),
        ReopenedCount = reopened,
        UpdatedAt = At(resolved ?? started ?? "2026-02-01 00:00"),
        Origin = Origins.Jira,
    };
}
