using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.ReleaseNotes;
using TechLead.Signals;
using TechLead.Signals.Delivery;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>
/// What each release and deployment shipped, by commit ancestry: synced through the real Octokit client from the
/// fake GitHub's compare API, stored in Azurite, then computed into signals, and checked against git itself.
/// </summary>
[Collection(GitHubCollection.Name)]
public sealed class AncestrySyncTests(AzuriteFixture azurite) : IDisposable
{
    private const string Brew = "octo-org/brew";
    private static readonly DateTimeOffset Monday = new(2025, 5, 26, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeGitHub _github = FakeGitHub.Start();

    public void Dispose() => _github.Dispose();

    private static Dictionary<string, string?> ReleasesAreDeployments(string repository) => new()
    {
        ["Signals:Repositories:0:Name"] = repository,
        ["Signals:Repositories:0:DeploymentSource"] = "releases",
    };

    private static DateTimeOffset At(int day, int hour) => Monday.AddDays(day).AddHours(hour);

    /// <summary>
    /// Releases published six hours after their tags, with squash, merge-commit, rebase and merge-queue merges; the
    /// week of 2025-05-26. Hand-worked (first commit = merge - 10 h; lead time runs to publication):
    /// v1.1 (tag Mon 12:00 at #3, published Mon 18:00) ships #2 (18 h) and #3 (16 h), not #4 merged after the tag;
    /// v1.2 (tag Tue 09:00 at #5, published Tue 15:00) ships #4 (35 h) and #5 (16 h);
    /// v1.3 (tag moved after publishing from #6 to #7, published Wed 12:00) ships #6 (35 h) and #7 (12 h);
    /// #8 is not released. Median lead time (12, 16, 16, 18, 35, 35) = 17 h; by time it would be 15 h.
    /// </summary>
    private (FakeRepository Repository, FakeHistory History) BuildBrew()
    {
        var repository = _github.AddRepository(Brew);
        var history = new FakeHistory(repository, Monday.AddDays(-8));
        history.Squash(1, At(-7, 10));
        history.Release("v1.0", At(-7, 16));
        history.Squash(2, At(0, 10));
        history.MergeCommit(3, At(0, 12));
        history.Tag("v1.1", history.Head);
        history.Rebase(4, At(0, 14), commits: 2);
        history.Release("v1.1", At(0, 18), repository.Tags["v1.1"]);
        history.MergeQueue(5, At(1, 9));
        history.Tag("v1.2", history.Head);
        history.Squash(6, At(1, 11));
        history.Release("v1.2", At(1, 15), repository.Tags["v1.2"]);
        history.Release("v1.3", At(2, 12), history.Head);
        history.Squash(7, At(2, 10).AddMinutes(30));
        history.Squash(8, At(3, 10));
        return (repository, history);
    }

    [Fact]
    public async Task Releases_published_hours_after_their_tags_get_the_counts_and_lead_times_git_ancestry_gives()
    {
        var (repository, history) = BuildBrew();
        using var host = new GitHubTestHost(azurite, _github, [Brew], ReleasesAreDeployments(Brew));

        var backfill = await host.SyncAsync();
        Assert.True(backfill.Succeeded, string.Join("; ", backfill.Repositories.SelectMany(r => r.Problems)));
        // The three ranges after the first release (none for the first: no base) from one GraphQL history request, no REST compare.
        Assert.Empty(Compares());
        Assert.Single(Histories());

        // The tag is moved after publishing, to the commit of #7: the release now contains #7.
        repository.Tags["v1.3"] = repository.PullRequest(7).MergeCommitSha;
        _github.ResetRequests();
        var moved = await host.SyncAsync();
        Assert.True(moved.Succeeded);
        Assert.Empty(Compares());
        Assert.Single(Histories());

        _github.ResetRequests();
        await host.SyncAsync();
        Assert.Empty(Compares());
        Assert.Empty(Histories());

        var (shipped, signals) = await ComputeAsync(host);
        Assert.Equal(
            new Dictionary<string, int[]> { ["v1.0"] = [1], ["v1.1"] = [2, 3], ["v1.2"] = [4, 5], ["v1.3"] = [6, 7] },
            shipped);
        Assert.Equal(GitAncestry(repository, ["v1.0", "v1.1", "v1.2", "v1.3"]), shipped);
        Assert.Equal(3, signals.Single(s => s.Id == "deployment_frequency").Value);
        var leadTime = signals.Single(s => s.Id == "change_lead_time");
        Assert.Equal((17.0, 6), (leadTime.Value, leadTime.SampleSize));
    }

    [Fact]
    public async Task Release_notes_after_a_release_published_hours_after_its_tag_miss_no_pr()
    {
        BuildBrew();
        using var host = new GitHubTestHost(azurite, _github, [Brew], ReleasesAreDeployments(Brew));
        await host.SyncAsync();
        var notes = host.Services.GetRequiredService<ReleaseNotesService>();
        await notes.SetPreviousReleaseAsync(RepositoryName.Parse(Brew), "v1.3", "lead", CancellationToken.None);

        var skeleton = await notes.SkeletonAsync(RepositoryName.Parse(Brew), CancellationToken.None);

        // #7 was merged after v1.3's tag but before it was published: by time it would be in neither release's notes.
        Assert.True(skeleton.ByAncestry);
        Assert.Equal([7, 8], skeleton.Numbers);
    }

    [Fact]
    public async Task Deployments_the_first_a_rewritten_base_a_rollback_and_no_compare_access_are_each_attributed_and_said()
    {
        var repository = _github.AddRepository(Brew);
        var history = new FakeHistory(repository, Monday.AddDays(-8));
        var d1 = history.Squash(11, At(0, 9)).MergeCommitSha;
        var d2 = history.Squash(12, At(0, 11)).MergeCommitSha;
        // A force-push rewrites main without #12; #13 lands on the rewritten branch.
        var rewritten = history.Commit("Change 13 (#13)", At(0, 15), d1);
        repository.PullRequests.Add(new FakePullRequest { Number = 13, CreatedAt = At(0, 7), FirstCommitAt = At(0, 5) }.Merged(At(0, 15)));
        repository.PullRequest(13).MergeCommitSha = rewritten;
        repository.Deployments.AddRange(
        [
            Deployment(1, d1, At(0, 10)),
            Deployment(2, d2, At(0, 12)),
            Deployment(3, rewritten, At(0, 16)),
            Deployment(4, d1, At(0, 17)),
            Deployment(5, d1, At(0, 18)),
        ]);
        using var host = new GitHubTestHost(azurite, _github, [Brew]);

        var result = await host.SyncAsync();

        var stored = (await host.StoredAsync(DeploymentMap.Instance, Brew)).ToDictionary(d => d.Id);
        Assert.Equal(
            [AttributionMethods.First, AttributionMethods.Ancestry, AttributionMethods.Ancestry, AttributionMethods.Rollback, AttributionMethods.Ancestry],
            Enumerable.Range(1, 5).Select(i => stored[$"{i}"].Ancestry!.Method));
        Assert.Equal(d1, stored["3"].Ancestry!.MergeBaseSha);
        Assert.Equal([rewritten], stored["3"].IncludedShas);
        Assert.Contains(result.Repositories[0].Notes, n => n.Contains("rewritten", StringComparison.Ordinal) && n.Contains(d1[..7], StringComparison.Ordinal));
        // Three ranges: the first deployment has no base and a redeploy of the same SHA needs no question. The
        // fetched history proves d1...d2; the rewritten base and the rollback are not ancestors of their heads: REST.
        Assert.Equal([$"{d2}...{rewritten}", $"{rewritten}...{d1}"], Compares().Select(r => r.Path[(r.Path.IndexOf("/compare/", StringComparison.Ordinal) + "/compare/".Length)..]));
        Assert.Single(Histories());
        var (shipped, _) = await ComputeAsync(host);
        Assert.Equal([[11], [12], [13], [], []], Enumerable.Range(1, 5).Select(i => shipped[$"{i}"]));

        // A token that may not read contents: the time fallback stays, and the run's notes name the repository. GraphQL
        // refuses the history as REST refuses the comparison.
        using var refused = _github.Intercept(r => r.Path.Contains("/compare/", StringComparison.Ordinal)
            ? FakeResponse.Forbidden("Resource not accessible by personal access token")
            : r.Operation == "CommitHistories" ? new FakeResponse(200, """{"data":null,"errors":[{"type":"FORBIDDEN","message":"Resource not accessible by personal access token"}]}""")
            : null);
        repository.Deployments.Add(Deployment(6, history.Squash(14, At(0, 19)).MergeCommitSha, At(0, 20)));
        var withoutAccess = await host.SyncAsync();
        Assert.Contains(withoutAccess.Repositories[0].Notes, n => n.Contains("attributed by time", StringComparison.Ordinal) && n.Contains(Brew, StringComparison.Ordinal));
        Assert.Equal(AttributionMethods.NoAccess, (await host.StoredAsync(DeploymentMap.Instance, Brew)).Single(d => d.Id == "6").Ancestry!.Method);
        var afterRefusal = await ComputeAsync(host);
        Assert.Equal(new[] { 14 }, afterRefusal.Shipped["6"]);
    }

    [Fact]
    public async Task A_deployment_over_300_commits_keeps_the_300_listed_and_ships_the_rest_by_time()
    {
        var repository = _github.AddRepository(Brew);
        var history = new FakeHistory(repository, Monday.AddDays(-8));
        var d1 = history.Squash(21, At(0, 9)).MergeCommitSha;
        // A long-lived branch rebased onto main: 320 commits at once, then one more squash merge.
        var big = history.Rebase(22, At(1, 9), commits: 320);
        var last = history.Squash(23, At(1, 11)).MergeCommitSha;
        repository.Deployments.AddRange([Deployment(1, d1, At(0, 10)), Deployment(2, last, At(1, 12))]);
        using var host = new GitHubTestHost(azurite, _github, [Brew]);

        await host.SyncAsync();

        var second = (await host.StoredAsync(DeploymentMap.Instance, Brew)).Single(d => d.Id == "2");
        Assert.Equal(AttributionMethods.Capped, second.Ancestry!.Method);
        Assert.Equal(321, second.Ancestry.TotalCommits);
        Assert.Equal(300, second.IncludedShas.Count);
        // The oldest 300 are listed; the newest (#22's last commit and #23) are not, and still ship with deployment 2.
        Assert.DoesNotContain(big.MergeCommitSha, second.IncludedShas);
        Assert.DoesNotContain(last, second.IncludedShas);
        var (shipped, _) = await ComputeAsync(host);
        Assert.Equal([22, 23], shipped["2"]);
    }

    [Fact]
    public async Task A_rollback_to_an_older_sha_restores_service_before_the_revert_ships()
    {
        var repository = _github.AddRepository(Brew);
        var history = new FakeHistory(repository, Monday.AddDays(-8));
        var good = history.Squash(30, At(0, 8)).MergeCommitSha;
        var bad = history.Squash(31, At(0, 10)).MergeCommitSha;
        var revert = history.Squash(32, At(0, 15));
        revert.Title = "Revert \"Change 31 (#31)\"";
        revert.Body = $"Reverts {Brew}#31";
        // 11:00 ships #31; 12:00 someone redeploys the good SHA (a rollback); 16:00 the revert ships.
        repository.Deployments.AddRange(
            [Deployment(1, good, At(0, 9)), Deployment(2, bad, At(0, 11)), Deployment(3, good, At(0, 12)), Deployment(4, revert.MergeCommitSha, At(0, 16))]);
        using var host = new GitHubTestHost(azurite, _github, [Brew]);

        await host.SyncAsync();

        Assert.Equal(AttributionMethods.Rollback, (await host.StoredAsync(DeploymentMap.Instance, Brew)).Single(d => d.Id == "3").Ancestry!.Method);
        var (shipped, signals) = await ComputeAsync(host);
        Assert.Equal([[30], [31], [], [32]], Enumerable.Range(1, 4).Select(i => shipped[$"{i}"]));
        Assert.Single(signals.Single(s => s.Id == "change_fail_rate").Attributions);
        // Service came back with the rollback an hour after the failed deployment, not with the revert five hours after.
        Assert.Equal(1.0, signals.Single(s => s.Id == "failed_deployment_recovery_time").Value);
    }

    [Fact]
    public async Task Deployments_of_merge_queue_commits_ship_the_prs_their_commit_contains_not_those_merged_before_they_ran()
    {
        var repository = _github.AddRepository(Brew);
        var history = new FakeHistory(repository, Monday.AddDays(-8));
        var first = history.Squash(40, At(0, 8)).MergeCommitSha;
        history.MergeQueue(41, At(0, 10));
        var queued = history.MergeQueue(42, At(0, 11)).MergeCommitSha;
        history.MergeQueue(43, At(0, 13));
        // Deployment 2 runs at 13:30 from #42's queue commit: #43, merged at 13:00, is not in it (by time it would be).
        repository.Deployments.AddRange([Deployment(1, first, At(0, 9)), Deployment(2, queued, At(0, 13).AddMinutes(30)), Deployment(3, history.Head, At(0, 15))]);
        using var host = new GitHubTestHost(azurite, _github, [Brew]);

        await host.SyncAsync();

        var (shipped, _) = await ComputeAsync(host);
        Assert.Equal([[40], [41, 42], [43]], Enumerable.Range(1, 3).Select(i => shipped[$"{i}"]));
    }

    private static FakeDeployment Deployment(long id, string sha, DateTimeOffset at) => new()
    {
        Id = id,
        Sha = sha,
        CreatedAt = at.AddMinutes(-5),
        Statuses = [new FakeDeploymentStatus("in_progress", at.AddMinutes(-4)), new FakeDeploymentStatus("success", at)],
    };

    private List<FakeRequest> Compares() => _github.Requests.Where(r => r.Path.Contains("/compare/", StringComparison.Ordinal)).ToList();

    private List<FakeRequest> Histories() => _github.Requests.Where(r => r.Operation == "CommitHistories").ToList();

    /// <summary>Independently of the sync: each release ships the merged PRs its tag contains and the previous tag does not.</summary>
    private static Dictionary<string, int[]> GitAncestry(FakeRepository repository, string[] tags)
    {
        var result = new Dictionary<string, int[]>();
        var before = new HashSet<string>();
        foreach (var tag in tags)
        {
            var contains = repository.Ancestors(repository.Tags[tag]);
            result[tag] = repository.PullRequests.Where(p => contains.Contains(p.MergeCommitSha) && !before.Contains(p.MergeCommitSha)).Select(p => p.Number).Order().ToArray();
            before.UnionWith(contains);
        }

        return result;
    }

    private static async Task<(Dictionary<string, int[]> Shipped, IReadOnlyList<SignalValue> Signals)> ComputeAsync(GitHubTestHost host)
    {
        var snapshot = new ActivityBatch
        {
            PullRequests = await host.StoredAsync(PullRequestMap.Instance, Brew),
            Releases = await host.StoredAsync(ReleaseMap.Instance, Brew),
            Deployments = await host.StoredAsync(DeploymentMap.Instance, Brew),
        };
        var settings = host.Services.GetRequiredService<SignalSettings>();
        var repository = RepositoryName.Parse(Brew);
        var timeline = DeploymentTimeline.Build([repository], snapshot, new HashSet<RepositoryName>(), settings);
        var shipping = ShippingIndex.Build(snapshot.PullRequests, timeline, settings);
        var shipped = timeline.For(repository).ToDictionary(d => d.Id, d => shipping.ShippedBy(d).Select(p => p.Number).Order().ToArray());
        var report = SignalCalculator.Compute(new SignalRequest(
            IsoWeek.Parse("2025-W22"),
            host.Services.GetRequiredService<TeamCalendar>(),
            settings,
            [new KnownRepository(repository, Origins.GitHub)],
            snapshot));
        return (shipped, report.Signals);
    }
}
