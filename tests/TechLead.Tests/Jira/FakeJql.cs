using System.Globalization;
using System.Text.RegularExpressions;

namespace TechLead.Tests.Jira;

/// <summary>
/// The part of JQL the fake Jira reads: <c>project = KEY</c> (quoted or not), <c>updated &gt;= "date"</c> or
/// <c>updated &gt; "date"</c> (JQL's <c>yyyy-MM-dd HH:mm</c>, <c>yyyy/MM/dd HH:mm</c> or a bare date, in the user's zone), joined
/// by <c>AND</c>, then an optional <c>ORDER BY updated|created|key [ASC|DESC]</c>. Keywords and field names are
/// case-insensitive, as in Jira. Anything else is a <see cref="Problem"/> the fake answers 400 with.
/// </summary>
internal sealed partial record FakeJql(string Project, DateTime? UpdatedFrom, bool UpdatedFromInclusive, string OrderBy, bool Descending, string? Problem)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd"];

    /// <summary>Null when the text is not JQL at all; otherwise the query, or a <see cref="Problem"/> naming what the fake cannot read.</summary>
    public static FakeJql? Parse(string? jql)
    {
        if (string.IsNullOrWhiteSpace(jql))
        {
            return null;
        }

        var order = OrderByClause().Match(jql);
        var where = order.Success ? jql[..order.Index] : jql;
        var (orderBy, descending) = order.Success
            ? (order.Groups["field"].Value.ToLowerInvariant(), order.Groups["direction"].Value.Equals("DESC", StringComparison.OrdinalIgnoreCase))
            // Without ORDER BY the order is Jira's own choice; the fake answers newest issue first so a client that needs an order must ask.
            : ("key", true);
        if (order.Success && orderBy is not ("updated" or "created" or "key"))
        {
            return Unread(jql, $"ORDER BY {orderBy}");
        }

        string? project = null;
        DateTime? since = null;
        var inclusive = true;
        foreach (var clause in And().Split(where.Trim()))
        {
            if (ProjectClause().Match(clause) is { Success: true } p)
            {
                project = p.Groups["key"].Value;
            }
            else if (UpdatedClause().Match(clause) is { Success: true } u
                && DateTime.TryParseExact(u.Groups["date"].Value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                since = date;
                inclusive = u.Groups["op"].Value == ">=";
            }
            else
            {
                return Unread(jql, clause.Trim());
            }
        }

        return project is null
            ? Unread(jql, "(no project clause)")
            : new FakeJql(project, since, inclusive, orderBy, descending, null);
    }

    private static FakeJql Unread(string jql, string part) =>
        new("", null, true, "key", true, $"Error in the JQL Query: the query '{jql}' has '{part}', which this Jira cannot read.");

    [GeneratedRegex(@"\s+ORDER\s+BY\s+(?<field>\w+)(\s+(?<direction>ASC|DESC))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderByClause();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^\s*project\s*=\s*(""(?<key>[A-Za-z0-9_]+)""|(?<key>[A-Za-z0-9_]+))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectClause();

    [GeneratedRegex(@"^\s*updated\s*(?<op>>=|>)\s*""(?<date>[0-9/: -]+)""\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UpdatedClause();
}
