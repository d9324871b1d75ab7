using TechLead.Activity;

namespace TechLead.Signals.WorkItems;

/// <summary>
/// A work item's state at a past instant, replayed from its stored moves between status categories, so a week's
/// figures read the week as it ended and not the item as it is now. Rows stored before the moves were kept fall back
/// to the first move into progress and the resolution. An instant is a window's end, which is exclusive: a move at
/// exactly midnight belongs to the next week.
/// </summary>
internal static class WorkItemHistory
{
    /// <summary>The status category (a <see cref="WorkItemStatus"/> value) at the instant; null before the item existed.</summary>
    public static string? CategoryAt(WorkItemRecord item, DateTimeOffset instant)
    {
        if (item.CreatedAt >= instant)
        {
            return null;
        }

        if (item.CategoryChanges is not { } changes)
        {
            return item.ResolvedAt < instant ? WorkItemStatus.Done
                : item.InProgressAt < instant ? WorkItemStatus.InProgress
                : WorkItemStatus.ToDo;
        }

        var last = changes.LastOrDefault(c => c.At < instant);
        return last?.To ?? (changes.Count > 0 ? changes[0].From : item.StatusCategory);
    }

    public static bool InProgressAt(WorkItemRecord item, DateTimeOffset instant) =>
        CategoryAt(item, instant) == WorkItemStatus.InProgress;

    /// <summary>The start of the stretch in progress the item is in at the instant; null when it is not in progress then.</summary>
    public static DateTimeOffset? InProgressSince(WorkItemRecord item, DateTimeOffset instant)
    {
        if (!InProgressAt(item, instant))
        {
            return null;
        }

        return item.CategoryChanges is { } changes
            ? changes.LastOrDefault(c => c.At < instant && c.To == WorkItemStatus.InProgress)?.At ?? item.CreatedAt
            : item.InProgressAt;
    }

    /// <summary>
    /// When the item was done within the window, provided it is still done at the window's end: its last move into
    /// a done status in the window. An item done and reopened within the same week was not done that week.
    /// </summary>
    public static DateTimeOffset? DoneIn(WorkItemRecord item, TimeWindow window)
    {
        if (item.CategoryChanges is not { } changes)
        {
            return window.Contains(item.ResolvedAt) ? item.ResolvedAt : null;
        }

        if (CategoryAt(item, window.End) != WorkItemStatus.Done)
        {
            return null;
        }

        if (changes.LastOrDefault(c => c.To == WorkItemStatus.Done && window.Contains(c.At)) is { } move)
        {
            return move.At;
        }

        // Done without a recorded move (created in a done status): its resolution date says when.
        return changes.Count == 0 && window.Contains(item.ResolvedAt) ? item.ResolvedAt : null;
    }

    /// <summary>Whether the item had moved from a done status back to an open one before the instant.</summary>
    public static bool ReopenedBefore(WorkItemRecord item, DateTimeOffset instant) =>
        item.CategoryChanges is { } changes
            ? changes.Any(c => c.At < instant && c.From == WorkItemStatus.Done && c.To != WorkItemStatus.Done)
            : item.ReopenedCount > 0;

    /// <summary>
    /// The items that are flow items: sub-tasks never (they would count one piece of work several times), a
    /// container (an epic) only when no other item names it as its parent, so a story and its epic are not both
    /// counted. Only the children among <paramref name="items"/> are known.
    /// </summary>
    public static WorkItemRecord[] FlowItems(IEnumerable<WorkItemRecord> items)
    {
        var candidates = items.Where(w => !w.IsSubtask).ToArray();
        var parents = candidates.Where(w => w.ParentKey is not null).Select(w => w.ParentKey!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return candidates.Where(w => !w.IsContainer || !parents.Contains(w.Key)).ToArray();
    }
}
