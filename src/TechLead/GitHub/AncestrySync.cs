using System.Net;
using Octokit;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.GitHub;

/// <summary>
/// What each deployment shipped, by commit ancestry: for every stored production deployment (and published release)
/// the commits it adds over the previous successful deployment of the same environment, from GitHub's compare API
/// (<c>compare/{previous SHA}...{SHA}</c>, paged). A comparison between two fixed SHAs never changes, so an attribution
/// is made once and kept until the deployment's base changes (a deployment found later in between, a moved tag).
/// A release's tag is resolved to its commit first (attribution follows the tag; lead time runs to publication): the
/// tags of a run in one GraphQL request per 100, REST <c>commits/{tag}</c> for any that answer leaves out.
/// The ranges themselves are computed first from GraphQL history pages of up to 50 heads per request
/// (<see cref="CommitGraph"/>); a range the fetched graph does not prove is compared by REST, as before.
/// Edge cases: the first deployment of an environment has no base (time fallback, bounded); a rewritten base
/// (<c>diverged</c>) uses the merge base and says so; an older SHA (<c>behind</c>) is a rollback that ships nothing;
/// a comparison over <see cref="MaxCommits"/> keeps the oldest commits and falls back to time for the rest; a token
/// that may not read commits keeps the time fallback, named in the run's notes.
/// </summary>
internal sealed class AncestrySync : IRepositorySyncStep
{
    public const string Resource = "commit ancestry";

    public string Name => Resource;

    public string Permission => "Contents: read";

    /// <summary>Commits stored per deployment (three pages of 100); the row stays far below Table Storage's limits.</summary>
    public const int MaxCommits = TextLimits.ListItems;

    private const string ReleaseEnvironment = "releases";

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var key = ActivityTables.RepositoryKey(context.Repository);
        var releases = (await context.Store.QueryAsync(ReleaseMap.Instance, key, null, cancellationToken))
            .Where(r => !r.IsDraft && !r.IsPrerelease && r.PublishedAt is not null)
            .OrderBy(r => r.PublishedAt).ThenBy(r => r.Tag, StringComparer.Ordinal)
            .ToList();
        var deployments = (await context.Store.QueryAsync(DeploymentMap.Instance, key, null, cancellationToken))
            .Where(d => string.Equals(d.Status, "success", StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.DeployedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        var walker = new Walker(context);
        var tagCommits = await walker.ResolveTagsAsync(releases.Where(r => r.TagSha is null).Select(r => r.Tag).ToList(), cancellationToken);
        await walker.PrefetchAsync(Ranges(releases, tagCommits, deployments), cancellationToken);
        var changedReleases = new List<ReleaseRecord>();
        string? previousSha = null;
        string? previousId = null;
        foreach (var release in releases)
        {
            if (walker.Stopped)
            {
                break;
            }

            var resolved = release.TagSha
                ?? (tagCommits.TryGetValue(release.Tag, out var commit) ? commit : await walker.ResolveTagAsync(release.Tag, cancellationToken));
            if (resolved is null || resolved.Length == 0)
            {
                if (resolved is not null && release.TagSha is null)
                {
                    // Remembered as unresolvable (until the release changes), so it is not asked for every run.
                    changedReleases.Add(release with { TagSha = "" });
                }

                continue;
            }

            var attributed = await walker.AttributeAsync(release.Ancestry, release.TagSha != resolved, resolved, previousSha, previousId, ReleaseEnvironment, cancellationToken);
            if (attributed is { } found)
            {
                changedReleases.Add(release with { TagSha = resolved, IncludedShas = found.Shas, Ancestry = found.Ancestry });
            }

            (previousSha, previousId) = (resolved, release.Tag);
        }

        var changedDeployments = new List<DeploymentRecord>();
        foreach (var environment in deployments.GroupBy(d => d.Environment, StringComparer.OrdinalIgnoreCase))
        {
            (previousSha, previousId) = (null, null);
            foreach (var deployment in environment)
            {
                if (walker.Stopped)
                {
                    break;
                }

                var attributed = await walker.AttributeAsync(deployment.Ancestry, false, deployment.Sha, previousSha, previousId, environment.Key, cancellationToken);
                if (attributed is { } found)
                {
                    changedDeployments.Add(deployment with { IncludedShas = found.Shas, Ancestry = found.Ancestry });
                }

                (previousSha, previousId) = (deployment.Sha, deployment.Id);
            }
        }

        // Attributions are a refinement of rows already counted: stored without adding to the run's counts.
        await context.StoreAsync(new ActivityBatch { Releases = changedReleases, Deployments = changedDeployments }, cancellationToken, count: false);
        walker.AddNotes();
    }

    /// <summary>
    /// The comparisons the walks below will ask for, as far as they are known before them: releases count when their tag
    /// resolved in the batch (a tag REST resolves later may change a base; that range is then compared by REST).
    /// </summary>
    private static List<(string Base, string Head)> Ranges(
        List<ReleaseRecord> releases, IReadOnlyDictionary<string, string> tagCommits, List<DeploymentRecord> deployments)
    {
        var ranges = new List<(string Base, string Head)>();
        string? previous = null;
        foreach (var release in releases)
        {
            var head = release.TagSha ?? tagCommits.GetValueOrDefault(release.Tag);
            if (string.IsNullOrEmpty(head))
            {
                continue;
            }

            if (Walker.NeedsComparison(release.Ancestry, release.TagSha != head, head, previous))
            {
                ranges.Add((previous!, head));
            }

            previous = head;
        }

        foreach (var environment in deployments.GroupBy(d => d.Environment, StringComparer.OrdinalIgnoreCase))
        {
            previous = null;
            foreach (var deployment in environment)
            {
                if (Walker.NeedsComparison(deployment.Ancestry, false, deployment.Sha, previous))
                {
                    ranges.Add((previous!, deployment.Sha));
                }

                previous = deployment.Sha;
            }
        }

        return ranges;
    }

    /// <summary>
    /// Releases the sync reads again keep the tag's commit and attribution stored before, unless GitHub's created_at
    /// (the tagged commit's date) changed: then the tag moved, and the release is attributed again.
    /// </summary>
    public static async Task<List<ReleaseRecord>> KeepAttributionsAsync(RepositorySyncContext context, List<ReleaseRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return records;
        }

        var stored = (await context.Store.QueryAsync(ReleaseMap.Instance, ActivityTables.RepositoryKey(context.Repository), null, cancellationToken))
            .ToDictionary(r => r.Tag, StringComparer.Ordinal);
        return records.Select(r => stored.TryGetValue(r.Tag, out var before) && before.TagSha is not null && before.CreatedAt == r.CreatedAt
            ? r with { TagSha = before.TagSha, IncludedShas = before.IncludedShas, Ancestry = before.Ancestry }
            : r).ToList();
    }

    private sealed record Attribution(IReadOnlyList<string> Shas, ShippedCommits Ancestry);

    private sealed class Walker(RepositorySyncContext context)
    {
        /// <summary>History pages read from a head at most: 300 commits, as many as a comparison lists.</summary>
        private const int MaxHistoryPages = MaxCommits / 100;

        private readonly Dictionary<(string Base, string Head), Attribution> _compared = [];
        private readonly List<string> _diverged = [];
        private string? _noAccess;

        public bool Stopped { get; private set; }

        /// <summary>Whether attributing <paramref name="head"/> after <paramref name="baseSha"/> asks GitHub anything.</summary>
        public static bool NeedsComparison(ShippedCommits? stored, bool headChanged, string head, string? baseSha) =>
            !Known(stored, headChanged, baseSha) && baseSha is not null && !string.Equals(baseSha, head, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Answers the comparisons of many ranges from GraphQL history pages (50 heads and bases per request, again with
        /// the cursor for ranges longer than a page, up to <see cref="MaxHistoryPages"/> each) instead of one REST compare
        /// each. Only ranges the fetched graph proves are answered; the others, and all of them when GraphQL fails
        /// (other than the rate limit, which stops the run as on REST), are compared by REST as before.
        /// </summary>
        public async Task PrefetchAsync(List<(string Base, string Head)> ranges, CancellationToken cancellationToken)
        {
            var pending = ranges.Distinct().Where(r => !_compared.ContainsKey(r)).ToList();
            var graph = new CommitGraph();
            // Bases too: a head reaches commits older than its base (a merge of a branch forked before it), which are
            // outside the range when base's history shows them as its ancestors. Mostly the previous range's head.
            var next = pending.SelectMany(r => new[] { r.Head, r.Base }).Distinct(StringComparer.OrdinalIgnoreCase).Select(h => (h, (string?)null)).ToList();
            var cursors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var pages = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            // Bounded: a start is read at most MaxHistoryPages times, and new starts (commits a head's walk reached but no
            // page listed, such as a long-lived branch's old commits) are added for a few rounds only.
            for (var round = 0; next.Count > 0 && !Stopped && round < 3 * MaxHistoryPages; round++)
            {
                foreach (var chunk in next.Chunk(GitHubGraphQlClient.HistoriesPerRequest))
                {
                    if (context.Session.Budget.IsExhausted)
                    {
                        // The walks stop at their first question and say so.
                        return;
                    }

                    try
                    {
                        foreach (var (start, found) in await context.Session.GraphQl.CommitHistoriesAsync(context.Repository, chunk, cancellationToken))
                        {
                            graph.Add(found.Commits);
                            pages[start] = pages.GetValueOrDefault(start) + 1;
                            if (found.HasNextPage && found.EndCursor is { } cursor && pages[start] < MaxHistoryPages)
                            {
                                cursors[start] = cursor;
                            }
                            else
                            {
                                cursors.Remove(start);
                            }
                        }
                    }
                    catch (Exception e) when (e is GitHubRequestException or GitHubDataException)
                    {
                        context.Note($"{Resource}: GitHub GraphQL could not read commit histories ({e.Message}); compared the remaining ranges by REST, one request each");
                        return;
                    }

                    // Starts the answer left out get no further page.
                    foreach (var (start, _) in chunk.Where(c => !pages.ContainsKey(c.Item1)))
                    {
                        pages[start] = MaxHistoryPages;
                    }
                }

                var more = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var range in pending.ToList())
                {
                    var answer = graph.Range(range.Base, range.Head);
                    if (answer.Outcome == CommitGraph.Outcome.Proven)
                    {
                        _compared[range] = Compared(range.Base, answer.Commits.Take(MaxCommits).ToList(), answer.Commits.Count, "ahead", null);
                    }

                    var sides = answer.Outcome != CommitGraph.Outcome.NeedsHistory
                        ? []
                        : new[] { answer.MoreOfHead ? range.Head : null, answer.MoreOfBase ? range.Base : null }.OfType<string>().Where(cursors.ContainsKey).ToList();
                    // A commit the walk reached that no page listed: its own history (first page) from the next round.
                    var starts = answer.Outcome == CommitGraph.Outcome.NeedsHistory && round < MaxHistoryPages
                        ? (answer.Missing ?? []).Where(m => !pages.ContainsKey(m)).Take(GitHubGraphQlClient.HistoriesPerRequest).ToList()
                        : [];
                    if (sides.Count + starts.Count > 0)
                    {
                        sides.ForEach(side => more[side] = cursors[side]);
                        starts.ForEach(start => more.TryAdd(start, null));
                    }
                    else
                    {
                        pending.Remove(range);
                    }
                }

                next = more.Select(m => (m.Key, m.Value)).ToList();
            }
        }

        /// <summary>The attribution to store, or null when the stored one still holds (same base: nothing to ask).</summary>
        public async Task<Attribution?> AttributeAsync(
            ShippedCommits? stored, bool headChanged, string head, string? baseSha, string? baseId, string environment, CancellationToken cancellationToken)
        {
            if (Known(stored, headChanged, baseSha))
            {
                return null;
            }

            if (baseSha is null)
            {
                return new Attribution([], new ShippedCommits { Method = AttributionMethods.First });
            }

            if (string.Equals(baseSha, head, StringComparison.OrdinalIgnoreCase))
            {
                // The same commit deployed again: it ships nothing new, and GitHub need not be asked.
                return new Attribution([], new ShippedCommits { Method = AttributionMethods.Ancestry, BaseSha = baseSha, BaseId = baseId });
            }

            if (_noAccess is not null)
            {
                return new Attribution([], new ShippedCommits { Method = AttributionMethods.NoAccess, BaseSha = baseSha, BaseId = baseId });
            }

            if (!_compared.TryGetValue((baseSha, head), out var found))
            {
                if (context.Session.Budget.IsExhausted)
                {
                    Stopped = true;
                    context.StoppedEarly(Resource);
                    return null;
                }

                found = await CompareAsync(baseSha, head, cancellationToken);
                if (found is null)
                {
                    return null;
                }

                _compared[(baseSha, head)] = found;
            }

            if (found.Ancestry.MergeBaseSha is { } mergeBase)
            {
                _diverged.Add($"{environment} {Short(head)} (base {baseId} {Short(baseSha)} was rewritten; used the merge base {Short(mergeBase)})");
            }

            return found with { Ancestry = found.Ancestry with { BaseId = baseId } };
        }

        /// <summary>
        /// The commits of many tags in one GraphQL request per 100 (one REST request per tag before). Any tag this
        /// leaves out, and every tag when GraphQL fails for a reason other than the rate limit, is asked of REST one by
        /// one (<see cref="ResolveTagAsync"/>), which peels, refuses and explains as it always did: nothing is dropped.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, string>> ResolveTagsAsync(List<string> tags, CancellationToken cancellationToken)
        {
            if (tags.Count == 0 || Stopped)
            {
                return new Dictionary<string, string>();
            }

            if (context.Session.Budget.IsExhausted)
            {
                Stopped = true;
                context.StoppedEarly(Resource);
                return new Dictionary<string, string>();
            }

            try
            {
                return await context.Session.GraphQl.TagCommitsAsync(context.Repository, tags, cancellationToken);
            }
            catch (Exception e) when (e is GitHubRequestException or GitHubDataException)
            {
                context.Note($"{Resource}: GitHub GraphQL could not resolve release tags ({e.Message}); asked REST for each tag instead");
                return new Dictionary<string, string>();
            }
        }

        /// <summary>The commit a tag points at (attribution follows the tag); empty when GitHub has no such tag, null when not asked.</summary>
        public async Task<string?> ResolveTagAsync(string tag, CancellationToken cancellationToken)
        {
            if (_noAccess is not null || Stopped)
            {
                return null;
            }

            if (context.Session.Budget.IsExhausted)
            {
                Stopped = true;
                context.StoppedEarly(Resource);
                return null;
            }

            var repository = context.Repository;
            try
            {
                var commit = await context.Session.Rest.GetAsync<GitHubCommit>(
                    new Uri($"repos/{repository.Owner}/{repository.Name}/commits/{Uri.EscapeDataString(tag)}", UriKind.Relative), null, cancellationToken);
                return commit.Body?.Sha;
            }
            catch (Exception e) when (e is ApiValidationException or NotFoundException)
            {
                context.Skipped(Resource, $"release {tag}", new GitHubDataException($"its tag does not resolve to a commit ({e.Message})"));
                return "";
            }
            catch (ForbiddenException e)
            {
                _noAccess = e.Message;
                return null;
            }
        }

        public void AddNotes()
        {
            if (_noAccess is not null)
            {
                context.Note($"{Resource}: GitHub refused to compare commits ({_noAccess}); deployments of {context.Repository} are attributed by time (everything merged before them) until the token may read contents (Contents: read)");
            }

            foreach (var diverged in _diverged.Distinct(StringComparer.Ordinal))
            {
                context.Note($"{Resource}: {diverged}");
            }
        }

        private async Task<Attribution?> CompareAsync(string baseSha, string head, CancellationToken cancellationToken)
        {
            var repository = context.Repository;
            var uri = new Uri($"repos/{repository.Owner}/{repository.Name}/compare/{baseSha}...{head}?per_page=100", UriKind.Relative);
            var commits = new List<string>();
            CompareResult? first = null;
            try
            {
                while (true)
                {
                    var page = await context.Session.Rest.GetAsync<CompareResult>(uri, null, cancellationToken);
                    first ??= page.Body;
                    commits.AddRange((page.Body?.Commits ?? []).Select(c => c.Sha).Where(s => !string.IsNullOrEmpty(s)));
                    if (page.Next is null || commits.Count >= MaxCommits)
                    {
                        break;
                    }

                    if (context.Session.Budget.IsExhausted)
                    {
                        // Cut short: nothing stored for this deployment; the next run compares it again.
                        Stopped = true;
                        context.StoppedEarly(Resource);
                        return null;
                    }

                    uri = page.Next;
                }
            }
            catch (ForbiddenException e)
            {
                _noAccess = e.Message;
                return new Attribution([], new ShippedCommits { Method = AttributionMethods.NoAccess, BaseSha = baseSha });
            }
            catch (Exception e) when (e is NotFoundException or ApiValidationException
                || (e is ApiException api && api.StatusCode == HttpStatusCode.NotFound))
            {
                // A SHA GitHub no longer has (force-pushed away and collected): time fallback for this one.
                context.Skipped(Resource, $"comparison {Short(baseSha)}...{Short(head)}", new GitHubDataException(e.Message));
                return new Attribution([], new ShippedCommits { Method = AttributionMethods.Unavailable, BaseSha = baseSha });
            }

            return Compared(baseSha, commits.Take(MaxCommits).ToList(), first?.TotalCommits ?? commits.Count, first?.Status?.ToLowerInvariant(), first?.MergeBaseCommit?.Sha);
        }

        /// <summary>Known: the same base as when it was attributed. A refused comparison is asked again (access may be granted).</summary>
        private static bool Known(ShippedCommits? stored, bool headChanged, string? baseSha) =>
            stored is not null && !headChanged && stored.BaseSha == baseSha && stored.Method != AttributionMethods.NoAccess;

        /// <summary>What a comparison attributes: its oldest <see cref="MaxCommits"/> commits listed, by its status.</summary>
        private static Attribution Compared(string baseSha, List<string> listed, int total, string? status, string? mergeBase)
        {
            var method = status switch
            {
                "behind" => AttributionMethods.Rollback,
                _ when total > listed.Count => AttributionMethods.Capped,
                _ => AttributionMethods.Ancestry,
            };
            return new Attribution(method == AttributionMethods.Rollback ? [] : listed, new ShippedCommits
            {
                Method = method,
                BaseSha = baseSha,
                MergeBaseSha = status == "diverged" ? mergeBase : null,
                TotalCommits = total,
            });
        }

        private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
    }
}
