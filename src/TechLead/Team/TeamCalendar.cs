namespace TechLead.Team;

/// <summary>
/// Turns instants into the team's local weeks. Week boundaries are local midnights, so a week across a DST
/// change is 167 or 169 hours long: that is what the team experiences.
/// </summary>
public sealed class TeamCalendar(string teamName, TimeZoneInfo timeZone, TimeProvider time)
{
    public TeamCalendar(TeamSettings settings, TimeProvider time)
        : this(settings?.Name.Trim() ?? throw new ArgumentNullException(nameof(settings)), FindTimeZone(settings.TimeZone), time)
    {
    }

    public TimeZoneInfo TimeZone { get; } = timeZone;

    public string TeamName { get; } = teamName;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The week in progress, in the team's time zone.</summary>
    public IsoWeek CurrentWeek => WeekOf(Now);

    /// <summary>The most recent week that has ended: what a Monday-morning digest reports.</summary>
    public IsoWeek LastCompleteWeek => CurrentWeek.AddWeeks(-1);

    public IsoWeek WeekOf(DateTimeOffset instant) =>
        IsoWeek.Containing(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime));

    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>Start (inclusive) and end (exclusive) of the week as instants.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Bounds(IsoWeek week) =>
        (StartOfLocalDay(week.Monday), StartOfLocalDay(week.Monday.AddDays(7)));

    public DateTimeOffset StartOfLocalDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a DST change does not exist: the day then starts at the first valid minute.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    internal static TimeZoneInfo FindTimeZone(string id) =>
        TryFindTimeZone(id, out var zone) ? zone : throw new ArgumentException($"'{id}' is not an IANA time zone; set the team's TimeZone, e.g. Europe/Paris.", nameof(id));
}
