using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Reads a small newest-first list (releases, deployments) from a conditional first request down to a cutoff.
/// A 304 on the first page means nothing changed since the stored ETag.
/// </summary>
internal static class NewestFirstList
{
    public sealed record Answer<T>(bool NotModified, IReadOnlyList<T> Items, string? ETag, bool StoppedEarly);

    public static async Task<Answer<T>> ReadAsync<T>(
        RepositorySyncContext context, string resource, Uri firstPage, string? etag, Func<T, DateTimeOffset> createdAt, DateTimeOffset cutoff,
        CancellationToken cancellationToken)
    {
        var page = await context.Session.Rest.GetAsync<List<T>>(firstPage, etag, cancellationToken);
        if (page.NotModified)
        {
            return new Answer<T>(true, [], etag, false);
        }

        var firstPageETag = page.ETag;
        var items = new List<T>();
        while (true)
        {
            var body = page.Body ?? [];
            items.AddRange(body.Where(item => createdAt(item) >= cutoff));
            if (page.Next is null || body.Any(item => createdAt(item) < cutoff))
            {
                return new Answer<T>(false, items, firstPageETag, false);
            }

            if (context.Session.Budget.IsExhausted)
            {
                context.StoppedEarly(resource);
                return new Answer<T>(false, items, null, true);
            }

            page = await context.Session.Rest.GetAsync<List<T>>(page.Next, null, cancellationToken);
        }
    }
}

/// <summary>
/// Releases: the newest-first list until a month before the newest release already seen (a draft published
/// later keeps its creation time), stored in one go, then the cursor and ETag move.
/// </summary>
internal static class ReleaseSync
{
    public const string Resource = "releases";
    private static readonly TimeSpan Recheck = TimeSpan.FromDays(30);

    public static async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var repository = context.Repository;
        var cursor = await context.Cursors.GetAsync<ReleasesCursor>(repository, GitHubResources.Releases, cancellationToken);
        var newest = cursor?.State.Newest;
        var cutoff = newest is null || newest - Recheck < context.Floor ? context.Floor : newest.Value - Recheck;
        var answer = await NewestFirstList.ReadAsync<Release>(context, Resource,
            new Uri($"repos/{repository.Owner}/{repository.Name}/releases?per_page=100", UriKind.Relative), cursor?.ETag,
            r => r.CreatedAt, cutoff, cancellationToken);
        if (answer.NotModified)
        {
            return;
        }

        var records = answer.Items
            .Select(release => context.MapOrSkip(Resource, $"release {release.TagName ?? release.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                () => GitHubRecordMapper.Release(repository, release)))
            .OfType<ReleaseRecord>()
            .ToList();
        await context.StoreAsync(new ActivityBatch { Releases = records }, cancellationToken);
        var seenNewest = answer.Items.Select(r => (DateTimeOffset?)r.CreatedAt).Append(newest).Max();
        await context.Cursors.SetAsync(repository, GitHubResources.Releases, new ReleasesCursor(seenNewest), answer.ETag, cancellationToken);
    }

    private sealed record ReleasesCursor(DateTimeOffset? Newest);
}
