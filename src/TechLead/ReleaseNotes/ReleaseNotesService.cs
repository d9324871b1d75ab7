using System.Globalization;
using System.Text.Json;
using TechLead.Activity;
using TechLead.Drafting;
using TechLead.Review;
using TechLead.Storage;

namespace TechLead.ReleaseNotes;

/// <summary>Why release notes cannot be requested (no stored previous release, unknown tag); the message says what to do.</summary>
public sealed class ReleaseNotesException(string message) : Exception(message);

/// <summary>
/// Release notes for a repository: sets the explicit previous release, builds the skeleton from the stored PRs,
/// queues it for drafting (once per set of PRs) and drafts queued requests.
/// </summary>
public sealed class ReleaseNotesService : IDraftProducer
{
    private readonly ActivityStore store;
    private readonly ReleaseBaselineStore baselines;
    private readonly ReleaseNotesSkeletonBuilder builder;
    private readonly ReleaseNotesDrafter drafter;
    private readonly ReviewQueue queue;
    private readonly TimeProvider time;
    private readonly IReleaseAncestry? ancestry;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal ReleaseNotesService(
        ActivityStore store,
        ReleaseBaselineStore baselines,
        ReleaseNotesSkeletonBuilder builder,
        ReleaseNotesDrafter drafter,
        ReviewQueue queue,
        TimeProvider time,
        IReleaseAncestry? ancestry = null)
    {
        this.store = store;
        this.baselines = baselines;
        this.builder = builder;
        this.drafter = drafter;
        this.queue = queue;
        this.time = time;
        this.ancestry = ancestry;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => DraftKinds.ReleaseNotes;

    /// <summary>Stores <paramref name="tag"/> (a release the sync has stored) as the repository's previous release.</summary>
    public async Task<ReleaseBaseline> SetPreviousReleaseAsync(RepositoryName repository, string tag, string setBy, CancellationToken cancellationToken)
    {
        var key = ActivityTables.RepositoryKey(repository);
        var release = await store.GetAsync(ReleaseMap.Instance, key, KeyCodec.Encode(tag), cancellationToken);
        if (release is null)
        {
            var known = (await store.QueryAsync(ReleaseMap.Instance, key, null, cancellationToken))
                .Where(r => r.PublishedAt is not null)
                .OrderByDescending(r => r.PublishedAt).Take(5).Select(r => r.Tag).ToList();
            throw new ReleaseNotesException(known.Count == 0
                ? $"{repository} has no stored releases; sync it first, or pass --since DATE."
                : $"{repository} has no stored release '{tag}'. Recent tags: {string.Join(", ", known)}.");
        }

        if (release.PublishedAt is not { } published)
        {
            throw new ReleaseNotesException($"Release '{tag}' of {repository} is not published, so it has no date to start from; pass --since DATE.");
        }

        var baseline = new ReleaseBaseline(repository, release.Tag, published, setBy, time.GetUtcNow());
        await baselines.SetAsync(baseline, cancellationToken);
        return baseline;
    }

    public async Task<ReleaseBaseline> SetPreviousReleaseAsync(RepositoryName repository, DateTimeOffset since, string setBy, CancellationToken cancellationToken)
    {
        var baseline = new ReleaseBaseline(repository, null, since, setBy, time.GetUtcNow());
        await baselines.SetAsync(baseline, cancellationToken);
        return baseline;
    }

    /// <summary>The skeleton of the notes since the stored previous release, up to now.</summary>
    public async Task<ReleaseNotesSkeleton> SkeletonAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var baseline = await baselines.GetAsync(repository, cancellationToken)
            ?? throw new ReleaseNotesException(
                $"No previous release is stored for {repository}. Set it once: 'draft release-notes --repo {repository} --since-tag TAG' (or --since DATE).");
        var until = time.GetUtcNow();
        if (baseline.Tag is { } tag && ancestry is not null)
        {
            var (commits, reason) = await ancestry.CommitsAfterAsync(repository, tag, cancellationToken);
            if (commits is not null)
            {
                // A PR merged after the tag but before the release was published is in these notes, not lost between
                // two releases. Merges from before the publication are looked at back to the ancestry lookback.
                var merged = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(repository),
                    Tables.Between("MergedAt", baseline.Since - AncestryLookback, until.AddSeconds(1)), cancellationToken);
                return builder.Build(repository, tag, baseline.Since, until, merged, commits);
            }

            return builder.Build(repository, tag, baseline.Since, until,
                await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(repository), Tables.Between("MergedAt", baseline.Since, until.AddSeconds(1)), cancellationToken))
                with { AttributionNote = $"Chosen by merge time (merged after {tag} was published): {reason}." };
        }

        var pullRequests = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(repository),
            Tables.Between("MergedAt", baseline.Since, until.AddSeconds(1)), cancellationToken);
        return builder.Build(repository, baseline.Tag, baseline.Since, until, pullRequests);
    }

    /// <summary>How far before the previous release's publication a merge its tag does not contain is looked for.</summary>
    private static readonly TimeSpan AncestryLookback = TimeSpan.FromDays(30);

    /// <summary>
    /// Queues the notes for what was merged since the previous release. The same PRs never make a second draft;
    /// a newer set closes older undecided drafts for the same range, so reviewers see only the latest.
    /// </summary>
    public async Task<(DraftRecord Draft, bool Created)?> RequestAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var skeleton = await SkeletonAsync(repository, cancellationToken);
        if (skeleton.Numbers.Count == 0 && skeleton.DroppedReverts.Count == 0)
        {
            return null;
        }

        var since = skeleton.PreviousTag ?? skeleton.Since.ToString("O", CultureInfo.InvariantCulture);
        var numbers = string.Join(',', skeleton.Numbers.Concat(skeleton.DroppedReverts.SelectMany(r => (int[])[r.Revert, r.Reverted])).Order());
        var requested = await queue.RequestAsync(new DraftRequest
        {
            Kind = Kind,
            Repository = repository.ToString(),
            Subject = $"{(skeleton.FromSampleData ? "[sample] " : "")}{repository} release notes since {since}",
            InputIds = skeleton.Numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"#{n}")).ToList(),
            IdempotencyInput = $"{ActivityTables.RepositoryKey(repository)}\n{since}\n{numbers}",
            PayloadJson = JsonSerializer.Serialize(skeleton, Json),
        }, cancellationToken);

        if (requested.Created)
        {
            await CloseOlderAsync(repository, requested.Draft, cancellationToken);
        }

        return requested;
    }

    /// <summary>
    /// Queues notes for every repository with a stored previous release (what webhooks and syncs merged since the last
    /// run); returns how many new drafts were queued.
    /// </summary>
    public async Task<int> RequestDueAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var baseline in await baselines.ListAsync(cancellationToken))
        {
            if (await RequestAsync(baseline.Repository, cancellationToken) is { Created: true })
            {
                created++;
            }
        }

        return created;
    }

    public async Task<DraftOutcome> DraftAsync(DraftRecord draft, bool allowLanguageModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var skeleton = JsonSerializer.Deserialize<ReleaseNotesSkeleton>(draft.PayloadJson, Json)
            ?? throw new InvalidOperationException($"Draft {draft.Id} has no release-notes payload.");
        return await drafter.DraftAsync(skeleton, allowLanguageModel, cancellationToken);
    }

    private async Task CloseOlderAsync(RepositoryName repository, DraftRecord newest, CancellationToken cancellationToken)
    {
        var older = (await queue.ListAsync(DraftStatus.Pending, cancellationToken))
            .Concat(await queue.ListAsync(DraftStatus.PendingReview, cancellationToken))
            .Where(d => d.Kind == Kind && d.Id != newest.Id && string.Equals(d.Repository, repository.ToString(), StringComparison.OrdinalIgnoreCase));
        foreach (var draft in older)
        {
            try
            {
                await queue.RejectAsync(draft.Id, "techlead", $"superseded by {newest.Id}, which includes later merges", cancellationToken);
            }
            catch (DraftDecisionException)
            {
                // Decided by a person in the meantime: their decision stands.
            }
        }
    }
}
