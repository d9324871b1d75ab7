using System.Globalization;

namespace TechLead.Tests.GitHub;

/// <summary>One item of a listed resource, with what the list parameters filter and sort on.</summary>
internal sealed record Listed(int Number, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Closed, Func<System.Text.Json.Nodes.JsonObject> Render);

/// <summary>
/// The documented list parameters of <c>GET /repos/{owner}/{repo}/pulls</c> and <c>/issues</c>
/// (https://docs.github.com/rest/pulls/pulls#list-pull-requests, https://docs.github.com/rest/issues/issues#list-repository-issues):
/// <c>state</c> open (default), closed or all; <c>sort</c> created (default) or updated (pulls also popularity and
/// long-running, issues also comments: the fake has no comments and refuses those); <c>direction</c> asc or desc,
/// whose default for pulls is desc when sorting by created (or not sorting) and asc otherwise, and for issues desc;
/// issues' <c>since</c>, "only show results that were last updated after the given time" (ISO 8601). Ties keep
/// GitHub's order by number in the same direction. An unknown value is null: GitHub answers 422.
/// </summary>
internal sealed record ListOrder(string State, string Sort, bool Descending, DateTimeOffset? Since)
{
    public static ListOrder? Pulls(IReadOnlyDictionary<string, string> query)
    {
        var sort = query.GetValueOrDefault("sort", "created");
        return Read(query, sort, defaultDescending: sort == "created", since: false);
    }

    public static ListOrder? Issues(IReadOnlyDictionary<string, string> query) =>
        Read(query, query.GetValueOrDefault("sort", "created"), defaultDescending: true, since: true);

    public IEnumerable<Listed> Apply(IEnumerable<Listed> items)
    {
        var kept = items.Where(i => State switch { "all" => true, "closed" => i.Closed, _ => !i.Closed })
            .Where(i => Since is null || i.UpdatedAt >= Since);
        Func<Listed, DateTimeOffset> key = Sort == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
        return Descending ? kept.OrderByDescending(key).ThenByDescending(i => i.Number) : kept.OrderBy(key).ThenBy(i => i.Number);
    }

    private static ListOrder? Read(IReadOnlyDictionary<string, string> query, string sort, bool defaultDescending, bool since)
    {
        var state = query.GetValueOrDefault("state", "open");
        var direction = query.GetValueOrDefault("direction");
        if (state is not ("open" or "closed" or "all") || sort is not ("created" or "updated") || direction is not (null or "asc" or "desc"))
        {
            return null;
        }

        DateTimeOffset? from = null;
        if (since && query.TryGetValue("since", out var text))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return null;
            }

            from = parsed;
        }

        return new ListOrder(state, sort, direction is null ? defaultDescending : direction == "desc", from);
    }
}
