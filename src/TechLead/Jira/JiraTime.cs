using System.Globalization;

namespace TechLead.Jira;

/// <summary>
/// Jira's times and JQL's dates. Jira answers <c>2026-03-02T14:05:00.000+0100</c> (offset without a colon, which
/// the round-trip parsers reject); JQL takes <c>"yyyy-MM-dd HH:mm"</c> with no zone, read in the searching user's
/// time zone, at minute precision.
/// </summary>
internal static class JiraTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fffzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz",
    ];

    /// <summary>The instant in UTC, or null for null, empty or unreadable text.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.EndsWith('Z'))
        {
            value = string.Concat(value.AsSpan(0, value.Length - 1), "+00:00");
        }
        else if (value.Length > 5 && value[^5] is '+' or '-' && value[^4..].All(char.IsAsciiDigit))
        {
            // +0100 -> +01:00
            value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
        }

        return DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    /// <summary>An instant as a JQL date in <paramref name="zone"/>, rounded down to the minute.</summary>
    public static string ToJql(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The user's zone from /myself; UTC when Jira names none or one this machine does not know.</summary>
    public static TimeZoneInfo Zone(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;
}
