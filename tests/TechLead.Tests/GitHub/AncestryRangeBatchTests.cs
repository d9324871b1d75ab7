using TechLead.Activity;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>
/// Commit ranges computed from GraphQL history pages attribute exactly what one REST compare per range did. The
/// oracle is that per-range path itself: the same sync with the history query failing compares every range by REST,
/// into its own tables, and the two stores must match row for row; both must also be git's own <c>base...head</c>.
/// </summary>
[Collection(GitHubCollection.Name)]
public sealed class AncestryRangeBatchTests(AzuriteFixture azurite) : IDisposable
{
    private const string Shop = "octo-org/shop";
    private static readonly DateTimeOffset Start = GitHubTestHost.Now.AddDays(-40);
    private readonly FakeGitHub _github = FakeGitHub.Start();
    private readonly List<string> _deployed = [];
    private FakeRepository _repository = null!;
    private FakeHistory _history = null!;
    private int _number;

    public void Dispose()
    {
        _batchedHost?.Dispose();
        _github.Dispose();
    }

    private static DateTimeOffset Day(int day, int hour) => Start.AddDays(day).AddHours(hour);

    /// <summary>A production deployment of the branch's head (or <paramref name="sha"/>); returns its range over the previous one.</summary>
    private (string Base, string Head) Deploy(DateTimeOffset at, string? sha = null)
    {
        sha ??= _history.Head;
        _repository.Deployments.Add(new FakeDeployment
        {
            Id = 7000 + _deployed.Count,
            Sha = sha,
            CreatedAt = at.AddMinutes(-5),
            Statuses = [new FakeDeploymentStatus("in_progress", at.AddMinutes(-4)), new FakeDeploymentStatus("success", at)],
        });
        _deployed.Add(sha);
        return (_deployed.Count > 1 ? _deployed[^2] : "", sha);
    }

    /// <summary>Four pull requests on a day: squash, merge commit, rebase of two commits, merge queue.</summary>
    private void FourMerges(int day)
    {
        _history.Squash(++_number, Day(day, 9));
        _history.MergeCommit(++_number, Day(day, 10));
        _history.Rebase(++_number, Day(day, 11), commits: 2);
        _history.MergeQueue(++_number, Day(day, 12));
    }

    /// <summary>
    /// Fifteen days of deployments; returns the ranges the fetched graph cannot prove, which REST must compare:
    /// a branch forked before the base beyond the pages read, two commits whose order only GitHub knows, an
    /// octopus merge, a rewritten base, a rollback, and a release over 300 commits whose path leaves the fetched graph.
    /// </summary>
    private HashSet<(string Base, string Head)> BuildMixed()
    {
        _repository = _github.AddRepository(Shop);
        _history = new FakeHistory(_repository, Start);
        var byRest = new HashSet<(string Base, string Head)>();
        for (var day = 1; day <= 4; day++)
        {
            FourMerges(day);
            Deploy(Day(day, 17));
            if (day % 2 == 0)
            {
                _history.Release($"v1.{day}.0", Day(day, 18));
            }
        }

        var dayTwo = _deployed[1];
        var dayFour = _history.Head;
        // 90 commits a day: each deployment's range fits one history page, and the release after them (360 commits,
        // over the cap) is proven from the pages of the deployments in between.
        for (var day = 5; day <= 8; day++)
        {
            _history.Rebase(++_number, Day(day, 10), commits: 90);
            Deploy(Day(day, 17));
        }

        _history.Release("v2.0.0", Day(8, 18));
        var v2 = _history.Head;
        // Over three history pages: proven (and capped) once the commits the pages left out are read as starts.
        _history.Rebase(++_number, Day(9, 10), commits: 320);
        Deploy(Day(9, 17));
        _history.Merge("Merge branch 'forked-on-day-2'", Day(10, 9), _history.Commit("Work forked on day 2", Day(10, 8), dayTwo));
        byRest.Add(Deploy(Day(10, 17)));
        var fork = _history.Head;
        var tieA = _history.Commit("Tie A", Day(11, 8), fork);
        var tieB = _history.Commit("Tie B", Day(11, 8), fork);
        _history.Merge("Merge tie A", Day(11, 9), tieA);
        _history.Merge("Merge tie B", Day(11, 10), tieB);
        byRest.Add(Deploy(Day(11, 17)));
        fork = _history.Head;
        _history.Merge("Octopus merge", Day(12, 9), _history.Commit("Octopus x", Day(12, 8), fork), _history.Commit("Octopus y", Day(12, 8).AddMinutes(1), fork));
        var dayTwelve = _history.Head;
        byRest.Add(Deploy(Day(12, 17)));
        _history.Squash(++_number, Day(13, 9));
        var dayThirteen = _history.Head;
        Deploy(Day(13, 17));
        // A force-push: a commit on day 12's head deployed (its base diverged), day 4 redeployed (a rollback), then
        // main again (ahead of day 4 by far more than 300 commits).
        byRest.Add(Deploy(Day(14, 10), _history.Commit("Rewritten change", Day(14, 9), dayTwelve)));
        byRest.Add(Deploy(Day(14, 12), dayFour));
        byRest.Add(Deploy(Day(14, 14), dayThirteen));
        _history.Squash(++_number, Day(15, 9));
        Deploy(Day(15, 17));
        _history.Release("v3.0.0", Day(15, 18));
        byRest.Add((v2, _history.Head));
        return byRest;
    }

    [Fact]
    public async Task Ranges_from_graphql_history_store_exactly_what_one_rest_compare_per_range_stored()
    {
        var byRest = BuildMixed();
        using var batched = new GitHubTestHost(azurite, _github, [Shop]);
        var result = await batched.SyncAsync();
        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var batchedRequests = _github.Requests;

        // The oracle: GitHub GraphQL fails for the history query, so every range is compared by REST, as before batching.
        using var failing = _github.Intercept(r => r.Operation == "CommitHistories" ? new FakeResponse(502, """{"message":"Server Error"}""") : null);
        _github.ResetRequests();
        using var perRange = new GitHubTestHost(azurite, _github, [Shop]);
        var oracle = await perRange.SyncAsync();
        Assert.True(oracle.Succeeded, string.Join("; ", oracle.Repositories.SelectMany(r => r.Problems)));
        var perRangeRequests = _github.Requests;

        // REST compared exactly the ranges the graph cannot prove; the other 10 deployments' and 2 releases' came from GraphQL.
        Assert.Equal(byRest.OrderBy(r => r.Head).ThenBy(r => r.Base), ComparedRanges(batchedRequests).OrderBy(r => r.Head).ThenBy(r => r.Base));
        Assert.InRange(batchedRequests.Count(r => r.Operation == "CommitHistories"), 1, 4);
        Assert.Equal(_deployed.Count - 1 + 3, ComparedRanges(perRangeRequests).Count); // every deployment after the first, and three release ranges
        Assert.Contains(oracle.Repositories[0].Notes, n => n.Contains("could not read commit histories", StringComparison.Ordinal));

        var deployments = (await batched.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.DeployedAt).ToList();
        var oracleDeployments = (await perRange.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.DeployedAt).ToList();
        Assert.Equal(_deployed.Count, deployments.Count);
        Assert.Equal(oracleDeployments.Select(Attribution), deployments.Select(Attribution));
        var releases = (await batched.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).ToList();
        var oracleReleases = (await perRange.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).ToList();
        Assert.Equal(oracleReleases.Select(Attribution), releases.Select(Attribution));

        // And both are git's answer: the oldest 300 of base...head, in compare's order, over the previous deployment.
        for (var i = 1; i < deployments.Count; i++)
        {
            var comparison = _repository.Compare(deployments[i - 1].Sha, deployments[i].Sha)!;
            Assert.Equal(comparison.Status == "behind" ? Enumerable.Empty<string>() : comparison.Ahead.Take(300).Select(c => c.Sha), deployments[i].IncludedShas);
        }

        // Hand-worked: v2.0.0 ships four rebases of 90 commits (capped, proven from the deployments' pages); day 9's 320.
        Assert.Equal((AttributionMethods.Capped, 360, 300), (releases[2].Ancestry!.Method, releases[2].Ancestry!.TotalCommits, releases[2].IncludedShas.Count));
        Assert.Equal((AttributionMethods.Capped, 320), (deployments[8].Ancestry!.Method, deployments[8].Ancestry!.TotalCommits));
        Assert.Equal([AttributionMethods.Ancestry, AttributionMethods.Rollback], deployments.Skip(13).Take(2).Select(d => d.Ancestry!.Method));
        Assert.NotNull(deployments[13].Ancestry!.MergeBaseSha);
    }

    [Fact]
    public async Task A_graphql_answer_cut_short_by_a_timeout_leaves_every_range_to_rest_and_nothing_is_dropped()
    {
        _repository = _github.AddRepository(Shop);
        _history = new FakeHistory(_repository, Start);
        for (var day = 1; day <= 4; day++)
        {
            FourMerges(day);
            Deploy(Day(day, 17));
        }

        // GitHub's answer when a query times out part-way: data without the repository, and an error.
        using var timeout = _github.Intercept(r => r.Operation == "CommitHistories"
            ? new FakeResponse(200, """{"data":{"repository":null},"errors":[{"message":"Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug."}]}""")
            : null);
        using var host = new GitHubTestHost(azurite, _github, [Shop]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(3, ComparedRanges(_github.Requests).Count);
        var stored = (await host.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.DeployedAt).ToList();
        Assert.Equal(AttributionMethods.First, stored[0].Ancestry!.Method);
        for (var i = 1; i < stored.Count; i++)
        {
            Assert.Equal(AttributionMethods.Ancestry, stored[i].Ancestry!.Method);
            Assert.Equal(_repository.Compare(_deployed[i - 1], _deployed[i])!.Ahead.Select(c => c.Sha), stored[i].IncludedShas);
        }
    }

    /// <summary>
    /// Merge-heavy shapes whose head reaches commits older than its base through a merge's second parent: outside the
    /// range because base's history reaches them (as <c>git rev-list base..head</c>), so no range needs REST any more.
    /// </summary>
    [Theory]
    [InlineData("a branch forked two releases back")]
    [InlineData("the default branch merged into a pull request's branch")]
    [InlineData("criss-cross merges")]
    [InlineData("a long-lived release branch merged back")]
    public async Task Merge_heavy_histories_are_proven_from_the_bases_history_and_equal_one_rest_compare_per_range(string shape)
    {
        _repository = _github.AddRepository(Shop);
        _history = new FakeHistory(_repository, Start);
        FourMerges(1);
        Deploy(Day(1, 17));
        _history.Squash(++_number, Day(1, 17).AddMinutes(50));
        _history.Release("v1.0.0", Day(1, 18));
        var v1 = _history.Head;
        var shaped = new List<(string Base, string Head)>();
        var (a1, b1) = (_history.Commit("Work on a", Day(1, 19), v1), _history.Commit("Work on b", Day(1, 20), v1));
        for (var day = 2; day <= 4; day++)
        {
            FourMerges(day);
            switch (shape, day)
            {
                case ("a branch forked two releases back", 4):
                    _history.Merge("Merge pull request #90 from octo/forked-at-v1", Day(4, 14), _history.Commit("More work on a", Day(3, 19), a1));
                    break;
                case ("the default branch merged into a pull request's branch", 3):
                    a1 = _history.Commit("Merge branch 'main' into a", Day(3, 8), a1, _deployed[^1]);
                    break;
                case ("the default branch merged into a pull request's branch", 4):
                    _history.Merge("Merge pull request #91 from octo/a", Day(4, 14), _history.Commit("Finish a", Day(4, 8), a1));
                    break;
                case ("criss-cross merges", 3):
                    (a1, b1) = (_history.Commit("Merge b into a", Day(3, 6), a1, b1), _history.Commit("Merge a into b", Day(3, 7), b1, a1));
                    _history.Merge("Merge pull request #92 from octo/a", Day(3, 14), a1);
                    break;
                case ("criss-cross merges", 4):
                    _history.Merge("Merge pull request #93 from octo/b", Day(4, 14), b1);
                    break;
                case ("a long-lived release branch merged back", 3):
                case ("a long-lived release branch merged back", 4):
                    a1 = _history.Commit($"Fix {day} on release/1.x", Day(day, 7), a1);
                    _history.Merge("Merge branch 'release/1.x'", Day(day, 14), a1);
                    break;
            }

            shaped.Add(Deploy(Day(day, 17)));
            _history.Squash(++_number, Day(day, 17).AddMinutes(50));
            _history.Release($"v{day}.0.0", Day(day, 18));
        }

        var (batchedRequests, oracleRequests) = await SyncBothWaysAsync();

        // Every range after the first deployment and the first release was compared by REST in the oracle (releases are
        // tagged a commit after their day's deployment: their ranges differ); none by the batch.
        Assert.Equal(_deployed.Count - 1 + 3, ComparedRanges(oracleRequests).Count);
        Assert.Empty(ComparedRanges(batchedRequests));
        Assert.InRange(batchedRequests.Count(r => r.Operation == "CommitHistories"), 1, 2);
        var deployments = (await StoredDeploymentsAsync()).ToDictionary(d => d.Sha, StringComparer.OrdinalIgnoreCase);
        Assert.All(shaped, range => Assert.Equal(_repository.Compare(range.Base, range.Head)!.Ahead.Select(c => c.Sha), deployments[range.Head].IncludedShas));
    }

    [Fact]
    public async Task A_commit_the_base_reaches_only_behind_its_fetched_history_is_not_counted_in_the_range()
    {
        _repository = _github.AddRepository(Shop);
        _history = new FakeHistory(_repository, Start);
        _history.Rebase(++_number, Day(1, 10), commits: 400);
        var p = _history.Head;
        // c is base's ancestor only through f, whose committer clock was far behind: git log lists f after all 400
        // commits, past the three pages read, so base's fetched history does not show c as its ancestor.
        var c = _history.Commit("Side work", Day(2, 8), p);
        var f = _history.Commit("Side work, committed with a clock far behind", Start.AddDays(-300), c);
        _history.Squash(++_number, Day(2, 9));
        _history.Merge("Merge side work", Day(2, 10), f);
        // The first deployment: no range has it as its head, so no walk reaches f and asks for f's own history.
        Deploy(Day(2, 17));
        _history.Merge("Merge more side work", Day(3, 10), _history.Commit("More side work", Day(3, 8), c));
        var onHead = Deploy(Day(3, 17));

        var (batchedRequests, _) = await SyncBothWaysAsync();

        // The head reaches c through a branch forked from it, and c's parent is an ancestor of base the history shows;
        // c is outside the range (git's answer), which only REST can tell here.
        Assert.Equal(2, _repository.Compare(onHead.Base, onHead.Head)!.Ahead.Count);
        Assert.Equal([onHead], ComparedRanges(batchedRequests));
        var stored = (await StoredDeploymentsAsync()).Single(d => d.Sha == onHead.Head);
        Assert.Equal(_repository.Compare(onHead.Base, onHead.Head)!.Ahead.Select(x => x.Sha), stored.IncludedShas);
    }

    private GitHubTestHost? _batchedHost;

    /// <summary>
    /// Syncs as the product does, then with the history query failing (every range by REST, into its own tables),
    /// and asserts both stored the same attributions row for row; returns each run's requests.
    /// </summary>
    private async Task<(IReadOnlyList<FakeRequest> Batched, IReadOnlyList<FakeRequest> Oracle)> SyncBothWaysAsync()
    {
        _batchedHost = new GitHubTestHost(azurite, _github, [Shop]);
        var result = await _batchedHost.SyncAsync();
        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var batchedRequests = _github.Requests;
        using var failing = _github.Intercept(r => r.Operation == "CommitHistories" ? new FakeResponse(502, """{"message":"Server Error"}""") : null);
        _github.ResetRequests();
        using var perRange = new GitHubTestHost(azurite, _github, [Shop]);
        var oracle = await perRange.SyncAsync();
        Assert.True(oracle.Succeeded, string.Join("; ", oracle.Repositories.SelectMany(r => r.Problems)));
        Assert.Equal(
            (await perRange.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.DeployedAt).Select(Attribution),
            (await StoredDeploymentsAsync()).Select(Attribution));
        Assert.Equal(
            (await perRange.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).Select(Attribution),
            (await _batchedHost.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).Select(Attribution));
        return (batchedRequests, _github.Requests);
    }

    private async Task<List<DeploymentRecord>> StoredDeploymentsAsync() =>
        (await _batchedHost!.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.DeployedAt).ToList();

    private static List<(string Base, string Head)> ComparedRanges(IEnumerable<FakeRequest> requests) => requests
        .Where(r => r.Path.Contains("/compare/", StringComparison.Ordinal))
        .Select(r => r.Path[(r.Path.IndexOf("/compare/", StringComparison.Ordinal) + "/compare/".Length)..].Split("..."))
        .Select(sides => (sides[0], sides[1]))
        .Distinct()
        .ToList();

    private static string Attribution(DeploymentRecord d) =>
        $"{d.Id} {d.Sha} {d.Ancestry?.Method} {d.Ancestry?.BaseSha} {d.Ancestry?.BaseId} {d.Ancestry?.MergeBaseSha} {d.Ancestry?.TotalCommits} {string.Join(",", d.IncludedShas)}";

    private static string Attribution(ReleaseRecord r) =>
        $"{r.Tag} {r.TagSha} {r.Ancestry?.Method} {r.Ancestry?.BaseSha} {r.Ancestry?.BaseId} {r.Ancestry?.TotalCommits} {string.Join(",", r.IncludedShas)}";
}
