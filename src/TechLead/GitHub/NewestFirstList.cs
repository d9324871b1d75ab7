namespace TechLead.GitHub;

/// <summary>
/// Reads a small newest-first list (releases, deployments) from a conditional first request down to a cutoff.
/// A 304 on the first page means nothing changed since the stored ETag.
/// </summary>
internal static class NewestFirstList
{
    /// <summary>What the list held down to the cutoff (nothing when 304), and the resource's stored cursor.</summary>
    public sealed record Answer<T, TCursor>(bool NotModified, IReadOnlyList<T> Items, string? ETag, bool StoppedEarly, TCursor? Cursor, DateTimeOffset? Newest)
        where TCursor : class;

    /// <summary>
    /// Reads the resource's cursor, then the list from the top down to <paramref name="recheck"/> before the newest
    /// item seen last time (never below the backfill floor).
    /// </summary>
    public static async Task<Answer<T, TCursor>> ReadAsync<T, TCursor>(
        RepositorySyncContext context, string resource, string cursorName, string path, TimeSpan recheck,
        Func<TCursor, DateTimeOffset?> newestOf, Func<T, DateTimeOffset> createdAt, CancellationToken cancellationToken)
        where TCursor : class
    {
        context.Report(resource);
        var repository = context.Repository;
        var cursor = await context.Cursors.GetAsync<TCursor>(repository, cursorName, cancellationToken);
        var newest = cursor is null ? null : newestOf(cursor.State);
        var cutoff = newest is null || newest - recheck < context.Floor ? context.Floor : newest.Value - recheck;
        var page = await context.Session.Rest.GetAsync<List<T>>(
            new Uri($"repos/{repository.Owner}/{repository.Name}/{path}?per_page=100", UriKind.Relative), cursor?.ETag, cancellationToken);
        if (page.NotModified)
        {
            return new Answer<T, TCursor>(true, [], cursor?.ETag, false, cursor?.State, newest);
        }

        var firstPageETag = page.ETag;
        var items = new List<T>();
        while (true)
        {
            var body = page.Body ?? [];
            items.AddRange(body.Where(item => createdAt(item) >= cutoff));
            if (page.Next is null || body.Any(item => createdAt(item) < cutoff))
            {
                return new Answer<T, TCursor>(false, items, firstPageETag, false, cursor?.State, newest);
            }

            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(resource);
                return new Answer<T, TCursor>(false, items, null, true, cursor?.State, newest);
            }

            page = await context.Session.Rest.GetAsync<List<T>>(page.Next, null, cancellationToken);
        }
    }
}
