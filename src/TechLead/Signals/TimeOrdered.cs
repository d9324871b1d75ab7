namespace TechLead.Signals;

/// <summary>Binary searches over lists kept in time order, so a week's rows are found without scanning the history.</summary>
internal static class TimeOrdered
{
    /// <summary>Index of the first item whose time is at or after the instant (the count when none is).</summary>
    public static int FirstAtOrAfter<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> timeOf, DateTimeOffset instant)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (timeOf(items[middle]) < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The items whose time falls in the window, in order.</summary>
    public static IEnumerable<T> In<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> timeOf, TimeWindow window)
    {
        for (var i = FirstAtOrAfter(items, timeOf, window.Start); i < items.Count && timeOf(items[i]) < window.End; i++)
        {
            yield return items[i];
        }
    }
}
