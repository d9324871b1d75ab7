using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Releases: the newest-first list until a month before the newest release already seen (a draft published
/// later keeps its creation time), stored in one go, then the cursor and ETag move.
/// </summary>
internal sealed class ReleaseSync : IRepositorySyncStep
{
    public const string Resource = "releases";

    public string Name => Resource;

    public string Permission => "Contents: read";

    private static readonly TimeSpan Recheck = TimeSpan.FromDays(30);

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        var repository = context.Repository;
        var answer = await NewestFirstList.ReadAsync<Release, ReleasesCursor>(context, Resource, GitHubResources.Releases, "releases", Recheck,
            c => c.Newest, r => r.CreatedAt, cancellationToken);
        if (answer.NotModified)
        {
            return;
        }

        var records = answer.Items
            .Select(release => context.MapOrSkip(Resource, $"release {release.TagName ?? release.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                () => GitHubRecordMapper.Release(repository, release)))
            .OfType<ReleaseRecord>()
            .ToList();
        records = await AncestrySync.KeepAttributionsAsync(context, records, cancellationToken);
        await context.StoreAsync(new ActivityBatch { Releases = records }, cancellationToken);
        var seenNewest = answer.Items.Select(r => (DateTimeOffset?)r.CreatedAt).Append(answer.Newest).Max();
        await context.Cursors.SetAsync(repository, GitHubResources.Releases, new ReleasesCursor(seenNewest), answer.ETag, cancellationToken);
    }

    private sealed record ReleasesCursor(DateTimeOffset? Newest);
}
