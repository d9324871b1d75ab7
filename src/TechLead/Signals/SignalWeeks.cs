using TechLead.Team;

namespace TechLead.Signals;

/// <summary>A half-open span of time [Start, End).</summary>
internal readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool Contains(DateTimeOffset? instant) => instant is { } value && Contains(value);
}

/// <summary>
/// The report's week and the four weeks before it (the trend baseline), each bounded at local midnights in the
/// team's time zone, and durations measured the way the team asked (weekends in or out).
/// </summary>
internal sealed class SignalWeeks
{
    public const int TrendWeeks = 4;

    private readonly TeamCalendar _calendar;
    private readonly Dictionary<DateOnly, DateTimeOffset> _dayStarts = [];

    public SignalWeeks(IsoWeek week, TeamCalendar calendar, bool excludeWeekends)
    {
        _calendar = calendar;
        Week = week;
        ExcludeWeekends = excludeWeekends;
        Current = Window(week);
        Previous = Enumerable.Range(1, TrendWeeks).Select(i => Window(week.AddWeeks(-i))).ToArray();
    }

    public IsoWeek Week { get; }

    public bool ExcludeWeekends { get; }

    public TimeWindow Current { get; }

    /// <summary>The four weeks before <see cref="Current"/>, most recent first.</summary>
    public IReadOnlyList<TimeWindow> Previous { get; }

    /// <summary>From the start of the oldest trend week to the end of the report's week.</summary>
    public TimeWindow Span => new(Previous[^1].Start, Current.End);

    public DateOnly LocalDate(DateTimeOffset instant) => _calendar.LocalDate(instant);

    /// <summary>
    /// Hours from <paramref name="from"/> to <paramref name="to"/>, never negative; with weekends excluded, the
    /// parts that fall on a local Saturday or Sunday are left out (a local day is 23 or 25 hours across DST).
    /// </summary>
    public double Hours(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var total = to - from;
        if (!ExcludeWeekends)
        {
            return total.TotalHours;
        }

        var weekend = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var day = LocalDate(from); day <= last; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                continue;
            }

            var start = DayStart(day);
            var end = DayStart(day.AddDays(1));
            var overlap = (to < end ? to : end) - (from > start ? from : start);
            if (overlap > TimeSpan.Zero)
            {
                weekend += overlap;
            }
        }

        return (total - weekend).TotalHours;
    }

    private TimeWindow Window(IsoWeek week)
    {
        var (start, end) = _calendar.Bounds(week);
        return new TimeWindow(start, end);
    }

    private DateTimeOffset DayStart(DateOnly day)
    {
        if (!_dayStarts.TryGetValue(day, out var start))
        {
            start = _calendar.StartOfLocalDay(day);
            _dayStarts[day] = start;
        }

        return start;
    }
}
