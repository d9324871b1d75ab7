using TechLead.Activity;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>
/// Release tags and deployment statuses read in batches (GraphQL, 100 per request) give exactly what one REST
/// request per release tag or deployment gave. The oracle is that per-item path itself: the same sync with GraphQL
/// refused falls back to it, into its own tables, and the two stores must match row for row.
/// </summary>
[Collection(GitHubCollection.Name)]
public sealed class AncestryBatchTests(AzuriteFixture azurite) : IDisposable
{
    private const string Shop = "octo-org/shop";
    private readonly FakeGitHub _github = FakeGitHub.Start();

    public void Dispose() => _github.Dispose();

    /// <summary>
    /// <paramref name="releases"/> releases a day apart, each after two merged pull requests (squash, merge commit,
    /// rebase, merge queue in turn), every third tag annotated; one pull request merged after the last release.
    /// </summary>
    private FakeRepository BuildShop(int releases)
    {
        var repository = _github.AddRepository(Shop);
        var start = GitHubTestHost.Now.AddDays(-releases - 2);
        var history = new FakeHistory(repository, start);
        var number = 0;
        for (var i = 0; i < releases; i++)
        {
            var day = start.AddDays(i + 1);
            for (var merge = 0; merge < 2; merge++)
            {
                ++number;
                _ = (number % 4) switch
                {
                    0 => history.Squash(number, day.AddHours(9 + merge)),
                    1 => history.MergeCommit(number, day.AddHours(9 + merge)),
                    2 => history.Rebase(number, day.AddHours(9 + merge), commits: 2),
                    _ => history.MergeQueue(number, day.AddHours(9 + merge)),
                };
            }

            var tag = $"v3.{i}.0";
            history.Release(tag, day.AddHours(15));
            if (i % 3 == 1)
            {
                repository.AnnotatedTags.Add(tag);
            }
        }

        history.Squash(++number, GitHubTestHost.Now.AddHours(-2));
        return repository;
    }

    private static Dictionary<string, string?> ReleasesAreDeployments() => new()
    {
        ["Signals:Repositories:0:Name"] = Shop,
        ["Signals:Repositories:0:DeploymentSource"] = "releases",
    };

    [Fact]
    public async Task Tags_of_120_releases_resolved_in_two_graphql_requests_attribute_exactly_what_one_rest_request_per_tag_did()
    {
        var repository = BuildShop(120);
        using var batched = new GitHubTestHost(azurite, _github, [Shop], ReleasesAreDeployments());
        var result = await batched.SyncAsync();
        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        var batchedRequests = _github.Requests;

        // The oracle: GraphQL refuses the tag query, so the same sync asks REST for each tag, as it did before batching.
        using var refused = _github.Intercept(r => r.Operation == "TagTargets"
            ? new FakeResponse(200, """{"data":null,"errors":[{"type":"FORBIDDEN","message":"Resource not accessible by integration"}]}""")
            : null);
        _github.ResetRequests();
        using var perTag = new GitHubTestHost(azurite, _github, [Shop], ReleasesAreDeployments());
        var oracle = await perTag.SyncAsync();
        Assert.True(oracle.Succeeded, string.Join("; ", oracle.Repositories.SelectMany(r => r.Problems)));
        var perTagRequests = _github.Requests;

        // 120 tags: two GraphQL requests (100 + 20 aliases), no REST tag lookup; the oracle needed one per tag.
        Assert.Equal(2, batchedRequests.Count(r => r.Operation == "TagTargets"));
        Assert.DoesNotContain(batchedRequests, TagLookup);
        Assert.Equal(120, perTagRequests.Count(TagLookup));
        Assert.Contains(oracle.Repositories[0].Notes, n => n.Contains("asked REST for each tag", StringComparison.Ordinal));

        var fromBatch = (await batched.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).ToList();
        var fromOracle = (await perTag.StoredAsync(ReleaseMap.Instance, Shop)).OrderBy(r => r.PublishedAt).ToList();
        Assert.Equal(120, fromBatch.Count);
        Assert.Equal(fromOracle.Select(Attribution), fromBatch.Select(Attribution));

        // And both are git's answer: each tag's commit (annotated tags peeled), and what it adds over the previous tag.
        Assert.Equal(fromBatch.Select(r => repository.Tags[r.Tag]), fromBatch.Select(r => r.TagSha));
        for (var i = 1; i < fromBatch.Count; i++)
        {
            Assert.Equal(AttributionMethods.Ancestry, fromBatch[i].Ancestry!.Method);
            Assert.Equal(repository.Compare(fromBatch[i - 1].Tag, fromBatch[i].Tag)!.Ahead.Select(c => c.Sha), fromBatch[i].IncludedShas);
        }
    }

    [Fact]
    public async Task Annotated_and_lightweight_tags_both_resolve_to_their_commit_without_a_rest_lookup()
    {
        var repository = _github.AddRepository(Shop);
        var history = new FakeHistory(repository, GitHubTestHost.Now.AddDays(-10));
        history.Squash(1, GitHubTestHost.Now.AddDays(-9));
        history.Release("v1.0", GitHubTestHost.Now.AddDays(-9).AddHours(1));
        var light = history.Squash(2, GitHubTestHost.Now.AddDays(-8)).MergeCommitSha;
        history.Release("v1.1", GitHubTestHost.Now.AddDays(-8).AddHours(1));
        history.MergeCommit(3, GitHubTestHost.Now.AddDays(-7));
        var annotated = history.Squash(4, GitHubTestHost.Now.AddDays(-7).AddHours(1)).MergeCommitSha;
        history.Release("v1.2", GitHubTestHost.Now.AddDays(-7).AddHours(2));
        repository.AnnotatedTags.Add("v1.2");
        using var host = new GitHubTestHost(azurite, _github, [Shop], ReleasesAreDeployments());

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(_github.Requests, TagLookup);
        var stored = (await host.StoredAsync(ReleaseMap.Instance, Shop)).ToDictionary(r => r.Tag);
        Assert.Equal(light, stored["v1.1"].TagSha);
        Assert.Equal(annotated, stored["v1.2"].TagSha);
        Assert.Equal([light], stored["v1.1"].IncludedShas);
        Assert.Equal(repository.Compare("v1.1", "v1.2")!.Ahead.Select(c => c.Sha), stored["v1.2"].IncludedShas);
        Assert.Equal(3, stored["v1.2"].IncludedShas.Count); // #3's branch commit and merge commit, #4's squash
    }

    [Fact]
    public async Task A_partial_graphql_answer_and_a_missing_tag_are_asked_of_rest_tag_by_tag_and_nothing_is_dropped()
    {
        var repository = BuildShop(4);
        // A release whose tag was deleted: GraphQL has no ref for it, REST says no such commit, as before.
        repository.Releases.Add(new FakeRelease { Id = 99, Tag = "v9.9.9", CreatedAt = GitHubTestHost.Now.AddDays(-1), PublishedAt = GitHubTestHost.Now.AddDays(-1) });
        // GitHub's answer when a query times out part-way: data without the repository, and an error.
        using var timeout = _github.Intercept(r => r.Operation == "TagTargets"
            ? new FakeResponse(200, """{"data":{"repository":null},"errors":[{"message":"Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `0400:3F7A:1C2B3D:1D3E4F:6770A1B2` when reporting this issue."}]}""")
            : null);
        using var host = new GitHubTestHost(azurite, _github, [Shop], ReleasesAreDeployments());

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(5, _github.Requests.Count(TagLookup));
        var stored = (await host.StoredAsync(ReleaseMap.Instance, Shop)).ToDictionary(r => r.Tag);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => repository.Tags[$"v3.{i}.0"]), Enumerable.Range(0, 4).Select(i => stored[$"v3.{i}.0"].TagSha));
        Assert.Equal(repository.Compare("v3.2.0", "v3.3.0")!.Ahead.Select(c => c.Sha), stored["v3.3.0"].IncludedShas);
        Assert.Equal("", stored["v9.9.9"].TagSha);
        Assert.Contains(result.Repositories[0].Notes, n => n.Contains("v9.9.9", StringComparison.Ordinal) && n.Contains("does not resolve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statuses_of_150_deployments_read_in_two_graphql_requests_give_the_rows_one_rest_request_per_deployment_gave()
    {
        var repository = _github.AddRepository(Shop);
        var start = GitHubTestHost.Now.AddDays(-40);
        for (var i = 0; i < 150; i++)
        {
            var at = start.AddHours(6 * i);
            repository.Deployments.Add(new FakeDeployment
            {
                Id = 5000 + i,
                Sha = FakeShas.Of($"deploy-{i}"),
                Environment = i % 10 == 3 ? "staging" : "production",
                CreatedAt = at,
                // Success, failure, error, inactive, still running, and one with more statuses than a page holds.
                Statuses = (i % 6) switch
                {
                    0 => [new("queued", at.AddMinutes(1)), new("in_progress", at.AddMinutes(2)), new("success", at.AddMinutes(9))],
                    1 => [new("in_progress", at.AddMinutes(1)), new("failure", at.AddMinutes(5))],
                    2 => [new("error", at.AddMinutes(3))],
                    3 => [new("success", at.AddMinutes(4)), new("inactive", at.AddHours(6))],
                    4 when i == 4 => Enumerable.Range(0, 101).Select(n => new FakeDeploymentStatus(n == 100 ? "success" : "in_progress", at.AddSeconds(n))).ToList(),
                    4 => [new("in_progress", at.AddMinutes(1))],
                    _ => [new("pending", at.AddMinutes(1)), new("inactive", at.AddMinutes(30))],
                },
            });
        }

        using var batched = new GitHubTestHost(azurite, _github, [Shop]);
        Assert.True((await batched.SyncAsync()).Succeeded);
        var batchedRequests = _github.Requests;

        using var refused = _github.Intercept(r => r.Operation == "DeploymentStatuses"
            ? new FakeResponse(502, """{"message":"Server Error"}""")
            : null);
        _github.ResetRequests();
        using var perDeployment = new GitHubTestHost(azurite, _github, [Shop]);
        var oracle = await perDeployment.SyncAsync();
        Assert.True(oracle.Succeeded);
        var perDeploymentRequests = _github.Requests;

        // 135 production deployments: two GraphQL requests, and REST only for the one with 101 statuses.
        Assert.Equal(2, batchedRequests.Count(r => r.Operation == "DeploymentStatuses"));
        Assert.Equal(["/api/v3/repos/octo-org/shop/deployments/5004/statuses"], batchedRequests.Where(StatusLookup).Select(r => r.Path));
        Assert.Equal(135, perDeploymentRequests.Count(StatusLookup));
        Assert.Contains(oracle.Repositories[0].Notes, n => n.Contains("one request per deployment", StringComparison.Ordinal));

        var fromBatch = (await batched.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var fromOracle = (await perDeployment.StoredAsync(DeploymentMap.Instance, Shop)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(fromOracle.Select(d => (d.Id, d.Environment, d.Sha, d.DeployedAt, d.Status)), fromBatch.Select(d => (d.Id, d.Environment, d.Sha, d.DeployedAt, d.Status)));
        // Hand-worked: 135 production deployments (15 of 150 are staging), of which 24 are still running (i % 6 == 4: 25, all production, less #4 whose 101st status is success) and not stored yet.
        Assert.Equal(111, fromBatch.Count);
        Assert.Equal(start.AddHours(24).AddSeconds(100), fromBatch.Single(d => d.Id == "5004").DeployedAt);
        Assert.Equal(("inactive", start.AddHours(30).AddMinutes(30)), fromBatch.Where(d => d.Id == "5005").Select(d => (d.Status, d.DeployedAt)).Single());
    }

    private static bool StatusLookup(FakeRequest request) => request.Path.EndsWith("/statuses", StringComparison.Ordinal);

    private static bool TagLookup(FakeRequest request) => request.Path.Contains("/commits/", StringComparison.Ordinal);

    private static (string Tag, string? TagSha, string Shas, ShippedCommits? Ancestry) Attribution(ReleaseRecord r) =>
        (r.Tag, r.TagSha, string.Join(",", r.IncludedShas), r.Ancestry);
}
