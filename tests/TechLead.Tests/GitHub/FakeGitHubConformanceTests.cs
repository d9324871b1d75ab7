using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TechLead.Tests.GitHub;

/// <summary>
/// The fake GitHub answers as GitHub documents, whatever the client asks: list parameters change the answer as
/// documented, and GraphQL is validated against GitHub's schema and answers only the fields selected. A client that
/// drops a parameter or misspells a field fails a sync test.
/// </summary>
public sealed class FakeGitHubConformanceTests : IDisposable
{
    private static readonly DateTimeOffset Now = GitHubTestHost.Now;
    private readonly FakeGitHub _github = FakeGitHub.Start();
    private readonly HttpClient _http = new();
    private readonly FakeRepository _repository;

    public FakeGitHubConformanceTests()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeGitHub.DefaultToken);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("conformance", "1"));
        _repository = _github.AddRepository("octo-org/payments-api");
        // #1 oldest created, updated last; #2 merged; #3 newest created, untouched since.
        _repository.PullRequests.Add(new FakePullRequest { Number = 1, CreatedAt = Now.AddDays(-9), UpdatedAt = Now.AddHours(-1) });
        _repository.PullRequests.Add(new FakePullRequest { Number = 2, CreatedAt = Now.AddDays(-5) }.Merged(Now.AddDays(-4)));
        _repository.PullRequests.Add(new FakePullRequest { Number = 3, CreatedAt = Now.AddDays(-2), UpdatedAt = Now.AddDays(-2) });
        _repository.Issues.Add(new FakeIssue { Number = 4, CreatedAt = Now.AddDays(-8), UpdatedAt = Now.AddDays(-3), ClosedAt = Now.AddDays(-3) });
        _repository.Issues.Add(new FakeIssue { Number = 5, CreatedAt = Now.AddDays(-6), UpdatedAt = Now.AddDays(-6) });
    }

    public void Dispose()
    {
        _http.Dispose();
        _github.Dispose();
    }

    [Theory]
    [InlineData("", new[] { 3, 1 })] // open, newest created first
    [InlineData("?state=all", new[] { 3, 2, 1 })]
    [InlineData("?state=closed", new[] { 2 })]
    [InlineData("?state=all&direction=asc", new[] { 1, 2, 3 })]
    [InlineData("?state=all&sort=updated", new[] { 2, 3, 1 })] // by update, oldest first unless told
    [InlineData("?state=all&sort=updated&direction=desc", new[] { 1, 3, 2 })]
    public async Task Pulls_apply_state_sort_and_direction_with_GitHubs_defaults(string query, int[] expected) =>
        Assert.Equal(expected, await NumbersAsync("pulls" + query));

    [Theory]
    [InlineData("", new[] { 3, 5, 1 })] // open issues and pull requests, newest created first
    [InlineData("?state=all", new[] { 3, 2, 5, 4, 1 })]
    [InlineData("?state=all&sort=updated", new[] { 1, 3, 4, 2, 5 })] // issues: desc whatever the sort
    [InlineData("?state=all&sort=updated&direction=asc", new[] { 5, 2, 4, 3, 1 })]
    [InlineData("?state=all&since=2025-05-30T12:00:00Z", new[] { 3, 4, 1 })] // updated at or after
    public async Task Issues_apply_state_sort_direction_and_since_with_GitHubs_defaults(string query, int[] expected) =>
        Assert.Equal(expected, await NumbersAsync("issues" + query));

    [Fact]
    public async Task Pages_hold_30_items_unless_per_page_asks_for_up_to_100()
    {
        FakeData.AddMergedPullRequests(_repository, 150, Now.AddDays(-1), firstNumber: 100);

        Assert.Equal(30, (await NumbersAsync("pulls?state=all")).Length);
        Assert.Equal(100, (await NumbersAsync("pulls?state=all&per_page=500")).Length);
        Assert.Equal(7, (await NumbersAsync("pulls?state=all&per_page=7")).Length);
    }

    [Fact]
    public async Task A_value_GitHub_does_not_take_is_answered_422()
    {
        using var response = await _http.GetAsync(new Uri($"{_github.ApiUrl}/repos/octo-org/payments-api/pulls?state=merged"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!);
    }

    [Fact]
    public async Task GraphQL_answers_only_the_fields_selected_and_rejects_a_field_GitHub_does_not_have()
    {
        var pull = _repository.PullRequest(2);
        var answer = await GraphQlAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on PullRequest { number additions } } }", new JsonObject { ["ids"] = new JsonArray(pull.NodeId) });
        Assert.Equal("""{"data":{"nodes":[{"number":2,"additions":10}]}}""", answer.ToJsonString());

        var misspelt = await GraphQlAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on PullRequest { number addition } } }", new JsonObject { ["ids"] = new JsonArray(pull.NodeId) });
        Assert.Null(misspelt["data"]);
        Assert.Contains("addition", (string)misspelt["errors"]![0]!["message"]!, StringComparison.Ordinal);

        var wrongArgument = await GraphQlAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on PullRequest { reviews(frist: 5) { nodes { state } } } } }", new JsonObject { ["ids"] = new JsonArray(pull.NodeId) });
        Assert.Null(wrongArgument["data"]);
    }

    [Fact]
    public async Task GraphQL_honours_first_and_the_timeline_item_types_asked_for()
    {
        var pull = _repository.PullRequest(1);
        pull.Reviews.AddRange([new FakeReview("bao", "COMMENTED", Now.AddDays(-8)), new FakeReview("carmen", "APPROVED", Now.AddDays(-7))]);
        pull.ReadyForReviewAt = Now.AddDays(-8.5);
        const string Query = """
            query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on PullRequest {
              reviews(first: 1) { nodes { author { login } } }
              ready: timelineItems(itemTypes: [READY_FOR_REVIEW_EVENT], first: 5) { nodes { ... on ReadyForReviewEvent { createdAt } } }
              merged: timelineItems(itemTypes: [MERGED_EVENT], first: 5) { nodes { __typename } }
            } } }
            """;

        var answer = (await GraphQlAsync(Query, new JsonObject { ["ids"] = new JsonArray(pull.NodeId) }))["data"]!["nodes"]![0]!;

        Assert.Equal("""[{"author":{"login":"bao"}}]""", answer["reviews"]!["nodes"]!.ToJsonString());
        Assert.Equal("2025-05-25T00:00:00Z", (string)answer["ready"]!["nodes"]![0]!["createdAt"]!);
        Assert.Empty(answer["merged"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task GraphQL_ref_answers_a_lightweight_tag_with_its_commit_an_annotated_tag_with_a_tag_object_and_a_missing_ref_with_null()
    {
        var history = new FakeHistory(_repository, Now.AddDays(-3));
        history.Squash(10, Now.AddDays(-2));
        history.Tag("v1", history.Head);
        history.Tag("v2", history.Head);
        _repository.AnnotatedTags.Add("v2");
        const string Query = """
            query Q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
              light: ref(qualifiedName: "refs/tags/v1") { name target { __typename oid } }
              annotated: ref(qualifiedName: "v2") { target { __typename oid ... on Tag { name target { __typename oid } } } }
              missing: ref(qualifiedName: "refs/tags/v3") { name }
            } }
            """;

        var answer = (await GraphQlAsync(Query, new JsonObject { ["owner"] = "octo-org", ["name"] = "payments-api" }))["data"]!["repository"]!;

        Assert.Equal($$$"""{"name":"v1","target":{"__typename":"Commit","oid":"{{{history.Head}}}"}}""", answer["light"]!.ToJsonString());
        var tag = answer["annotated"]!["target"]!;
        Assert.Equal(("Tag", "v2", "Commit", history.Head), ((string)tag["__typename"]!, (string)tag["name"]!, (string)tag["target"]!["__typename"]!, (string)tag["target"]!["oid"]!));
        Assert.NotEqual(history.Head, (string)tag["oid"]!);
        Assert.Null(answer["missing"]);
    }

    [Fact]
    public async Task GraphQL_object_by_oid_answers_a_commit_with_its_parents_and_its_history_in_git_log_order_page_by_page()
    {
        var history = new FakeHistory(_repository, Now.AddDays(-3));
        var initial = history.Head;
        var squash = history.Squash(10, Now.AddDays(-2)).MergeCommitSha;
        var merge = history.MergeCommit(11, Now.AddDays(-1)).MergeCommitSha;
        var branch = _repository.Commits[merge].Parents[1];
        const string Query = """
            query Q($owner: String!, $name: String!, $oid: GitObjectID!, $after: String) { repository(owner: $owner, name: $name) {
              commit: object(oid: $oid) { ... on Commit { history(first: 3, after: $after) {
                pageInfo { hasNextPage endCursor } nodes { oid parents(first: 2) { totalCount nodes { oid } } } } } }
              missing: object(oid: "0000000000000000000000000000000000000000") { oid }
            } }
            """;
        JsonObject Variables(string? after) => new() { ["owner"] = "octo-org", ["name"] = "payments-api", ["oid"] = merge, ["after"] = after };

        var first = (await GraphQlAsync(Query, Variables(null)))["data"]!["repository"]!;
        var second = (await GraphQlAsync(Query, Variables((string)first["commit"]!["history"]!["pageInfo"]!["endCursor"]!)))["data"]!["repository"]!;

        // git log from the merge: newest committed date first (the branch commit, an hour before the merge, then #10's).
        Assert.Equal([merge, branch, squash], Oids(first["commit"]!["history"]!["nodes"]!));
        Assert.Equal([squash, branch], Oids(first["commit"]!["history"]!["nodes"]![0]!["parents"]!["nodes"]!));
        Assert.True((bool)first["commit"]!["history"]!["pageInfo"]!["hasNextPage"]!);
        Assert.Null(first["missing"]);
        Assert.Equal([initial], Oids(second["commit"]!["history"]!["nodes"]!));
        Assert.Equal(0, (int)second["commit"]!["history"]!["nodes"]![0]!["parents"]!["totalCount"]!);
        Assert.False((bool)second["commit"]!["history"]!["pageInfo"]!["hasNextPage"]!);
    }

    private static string[] Oids(JsonNode nodes) => nodes.AsArray().Select(n => (string)n!["oid"]!).ToArray();

    [Fact]
    public async Task GraphQL_nodes_resolve_a_deployment_by_its_rest_node_id_with_statuses_newest_first_in_upper_case()
    {
        var deployment = new FakeDeployment { Id = 77, CreatedAt = Now.AddHours(-2), Statuses = [new("in_progress", Now.AddHours(-2)), new("success", Now.AddHours(-1))] };
        _repository.Deployments.Add(deployment);
        var rest = await _http.GetFromJsonAsync<JsonArray>(new Uri($"{_github.ApiUrl}/repos/octo-org/payments-api/deployments"));

        var answer = await GraphQlAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { statuses(first: 1) { totalCount nodes { state createdAt } } } } }",
            new JsonObject { ["ids"] = new JsonArray((string)rest![0]!["node_id"]!, "DE_unknown") });

        Assert.Equal("""[{"statuses":{"totalCount":2,"nodes":[{"state":"SUCCESS","createdAt":"2025-06-02T11:00:00Z"}]}},null]""", answer["data"]!["nodes"]!.ToJsonString());
    }

    private async Task<int[]> NumbersAsync(string path)
    {
        var items = await _http.GetFromJsonAsync<JsonArray>(new Uri($"{_github.ApiUrl}/repos/octo-org/payments-api/{path}"));
        return items!.Select(i => (int)i!["number"]!).ToArray();
    }

    private async Task<JsonNode> GraphQlAsync(string query, JsonObject variables)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_github.ApiUrl.Replace("/api/v3", "/api/graphql", StringComparison.Ordinal)), new JsonObject { ["query"] = query, ["variables"] = variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
