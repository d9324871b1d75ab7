using System.Globalization;

namespace TechLead.Team;

/// <summary>An ISO-8601 week such as <c>2026-W47</c>: Monday to Sunday, week 1 holds the year's first Thursday.</summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    /// <summary>
    /// The years a week may be asked for: signals look back a year from the week asked, so a week near year 1 or 9999
    /// would compute dates outside the calendar. Nothing the product stores is older or newer.
    /// </summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>The expected form and range, for messages.</summary>
    public const string Expected = "the form 2026-W47, between 2000-W01 and 2100-W52";

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public static IsoWeek Containing(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    public IsoWeek AddWeeks(int weeks) => Containing(Monday.AddDays(7 * weeks));

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null || text.Length < 7)
        {
            return false;
        }

        var parts = text.Trim().ToUpperInvariant().Split("-W");
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < FirstYear or > LastYear || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week)
            ? week
            : throw new FormatException($"'{text}' is not an ISO week; expected {Expected}.");

    public int CompareTo(IsoWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
