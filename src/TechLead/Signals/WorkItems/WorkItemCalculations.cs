using System.Globalization;
using TechLead.Activity;

namespace TechLead.Signals.WorkItems;

/// <summary>
/// Flow of Jira work items (Jira:Projects): cycle time, throughput, work in progress, flow distribution and reopened
/// share. Sub-tasks are left out (they would count one piece of work several times), and so is an epic whose stories
/// are read. Every week reads the items as they were at its end (<see cref="WorkItemHistory"/>). Team-level only:
/// who did the work is never stored, let alone shown.
/// </summary>
internal static class WorkItemCalculations
{
    private const string C = SignalCategories.WorkItems;

    /// <summary>The Flow Framework's four flow items, in its order, and which kinds each covers.</summary>
    private static readonly (string Id, string Name, string[] Kinds)[] FlowItems =
    [
        ("features", "Features", [WorkItemKinds.Feature]),
        ("defects", "Defects", [WorkItemKinds.Bug, WorkItemKinds.Incident]),
        ("debt", "Debt", [WorkItemKinds.Debt]),
        ("risk", "Risk", [WorkItemKinds.Risk]),
    ];

    public static IEnumerable<SignalValue> Compute(SignalContext context)
    {
        if (context.Settings.JiraProjects.Count == 0)
        {
            return [];
        }

        var items = WorkItemHistory.FlowItems(context.Activity.WorkItems);
        return
        [
            CycleTime(context, items),
            Throughput(context, items),
            WorkInProgress(context, items),
            FlowDistribution(context, items),
            SignalShapes.Share(context,
                new SignalMeta("work_item_reopened_share", "Reopened work items", C, SignalUnits.Ratio,
                    "Share of the work items done in the week that had moved back from a done status to an open one at least once by the week's end.",
                    SignalSources.FlowFramework,
                    "Reopening can mean rework or a workflow that closes too early; ask which."),
                "item", w => DoneIn(items, w) is var done ? (done.Count(i => WorkItemHistory.ReopenedBefore(i, w.End)), done.Count) : (0, 0)),
        ];
    }

    /// <summary>Items done in the window and still done at its end.</summary>
    public static List<WorkItemRecord> DoneIn(IEnumerable<WorkItemRecord> items, TimeWindow window) =>
        items.Where(i => WorkItemHistory.DoneIn(i, window) is not null).ToList();

    private static bool HasData(WorkItemRecord[] items, TimeWindow window) => items.Any(i => i.CreatedAt < window.End);

    private static SignalValue CycleTime(SignalContext context, WorkItemRecord[] items) =>
        SignalShapes.Distribution(context,
            new SignalMeta("work_item_cycle_time", "Work item cycle time", C, SignalUnits.Hours,
                "Time from a work item's first move into an in-progress status to when it was done, for items done in the week (median and p90). Items done without ever being in progress are left out.",
                SignalSources.FlowFramework,
                context.Weeks.ExcludeWeekends ? "Weekends are excluded." : "Long cycle times often mean large items or waiting; the item's history says which."),
            "item", w => items
                .Select(i => (Started: i.InProgressAt, Done: WorkItemHistory.DoneIn(i, w)))
                .Where(x => x.Started is { } started && x.Done is { } done && started <= done)
                .Select(x => context.Weeks.Hours(x.Started!.Value, x.Done!.Value))
                .ToList());

    private static SignalValue Throughput(SignalContext context, WorkItemRecord[] items)
    {
        var meta = new SignalMeta("work_item_throughput", "Work items done", C, SignalUnits.Count,
            "Work items (not sub-tasks) done in the week and still done at its end, of every kind.", SignalSources.FlowFramework,
            "Throughput is not productivity: item sizes differ.");
        return SignalShapes.Count(context, meta,
            w => DoneIn(items, w).Count is var n && (n > 0 || HasData(items, w)) ? n : null,
            n => SignalFormat.Count(n, "item"));
    }

    private static SignalValue WorkInProgress(SignalContext context, WorkItemRecord[] items)
    {
        var meta = new SignalMeta("work_in_progress", "Work in progress", C, SignalUnits.Count,
            "Work items whose status is in progress at the end of the week, with their age since they last moved into progress.",
            SignalSources.FlowFramework,
            "Little's law: with the same throughput, more work in progress means longer cycle times.");
        var end = context.Current.End;
        var signal = SignalShapes.Count(context, meta,
            w => items.Count(i => WorkItemHistory.InProgressAt(i, w.End)) is var n && (n > 0 || HasData(items, w)) ? n : null,
            n => SignalFormat.Count(n, "item"));
        var open = items
            .Select(i => (Item: i, Since: WorkItemHistory.InProgressSince(i, end)))
            .Where(x => x.Since is not null)
            .Select(x => (x.Item, Age: SignalContext.AgeDays(x.Since!.Value, end)))
            .ToList();
        return signal with
        {
            P90 = Statistics.Percentile(open.Select(x => x.Age).ToList(), 90),
            Items = open.OrderByDescending(x => x.Age).Take(5).Select(x => new SignalItem
            {
                Label = $"{x.Item.Key} {x.Item.Summary}",
                Detail = string.Create(CultureInfo.InvariantCulture, $"in progress for {x.Age:0} days{(x.Item.HasOwner ? "" : ", no owner")}"),
                Value = Math.Round(x.Age, 1),
            }).ToArray(),
        };
    }

    private static SignalValue FlowDistribution(SignalContext context, WorkItemRecord[] items)
    {
        var meta = new SignalMeta("flow_distribution", "Flow distribution", C, SignalUnits.Ratio,
            "Share of the work items done in the week by flow item: features, defects (bugs and incidents), debt and risk (the Flow Framework's four); the value is the features' share. Kinds come from Jira:Mappings.",
            SignalSources.FlowFramework,
            "No mix is right for every team; a falling feature share with rising defects is worth a conversation.");
        (int Hits, int Total) Features(TimeWindow w) => DoneIn(items, w) is var done
            ? (done.Count(i => i.Kind == WorkItemKinds.Feature), done.Count)
            : (0, 0);

        var signal = SignalShapes.Share(context, meta, "item", Features);
        var current = DoneIn(items, context.Current);
        var parts = FlowItems.Select(f => (f.Id, f.Name, Count: current.Count(i => f.Kinds.Contains(i.Kind))))
            .Append((Id: "other", Name: "Other", Count: current.Count(i => !FlowItems.Any(f => f.Kinds.Contains(i.Kind)))))
            .ToList();
        var enough = context.Enough(current.Count);
        return signal with
        {
            Display = enough
                ? string.Join(", ", parts.Select(p => $"{p.Name.ToLowerInvariant()} {SignalFormat.Percent((double)p.Count / current.Count)}")) + $" ({SignalFormat.Count(current.Count, "item")})"
                : signal.Display,
            Breakdown = parts.Select(p => SignalShapes.CountPart(p.Id, p.Name, SignalUnits.Ratio,
                current.Count == 0 ? null : (double)p.Count / current.Count,
                SignalFormat.Count(p.Count, "item"), current.Count)).ToArray(),
        };
    }
}
