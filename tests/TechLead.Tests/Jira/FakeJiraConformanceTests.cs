using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace TechLead.Tests.Jira;

/// <summary>
/// The fake Jira answers as Atlassian documents, whatever the client sends: each documented parameter changes the
/// answer (or is refused), so a client that drops or misspells one fails a sync test.
/// </summary>
public sealed class FakeJiraConformanceTests : IDisposable
{
    private static readonly DateTimeOffset Now = JiraTestHost.Now;
    private const string Jql = "project = \"SHOP\" AND updated >= \"2026-03-01 00:00\" ORDER BY updated ASC";
    private readonly FakeJira _cloud = FakeJira.Start();
    private readonly FakeJira _dataCenter = FakeJira.Start(cloud: false);
    private readonly HttpClient _http = new();

    public FakeJiraConformanceTests()
    {
        foreach (var jira in new[] { _cloud, _dataCenter })
        {
            jira.Add("SHOP-1", Now.AddDays(-5), i =>
            {
                i.Summary = "Export the cart";
                i.Moves.AddRange([(Now.AddDays(-4), "To Do", "In Progress"), (Now.AddDays(-3), "In Progress", "Done")]);
                i.Reranks.Add(Now.AddDays(-2));
            });
            jira.Add("SHOP-2", Now.AddDays(-2), i => i.Moves.Add((Now.AddDays(-1), "To Do", "In Progress")));
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _cloud.Dispose();
        _dataCenter.Dispose();
    }

    [Fact]
    public async Task Cloud_search_without_fields_answers_only_ids_and_with_fields_only_those()
    {
        var bare = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = Jql });
        Assert.Equal(["{\"id\":\"10001\"}", "{\"id\":\"10002\"}"], bare["issues"]!.AsArray().Select(i => i!.ToJsonString()));

        var some = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = Jql, ["fields"] = new JsonArray("summary", "status") });
        var first = some["issues"]![0]!;
        Assert.Equal(("SHOP-1", "Export the cart", "Done"), ((string)first["key"]!, (string)first["fields"]!["summary"]!, (string)first["fields"]!["status"]!["name"]!));
        Assert.Equal(["summary", "status"], first["fields"]!.AsObject().Select(f => f.Key));
        Assert.Null(first["changelog"]);
    }

    [Fact]
    public async Task Both_searches_carry_a_changelog_only_with_expand_changelog()
    {
        var cloud = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = Jql, ["fields"] = new JsonArray("status"), ["expand"] = "names,changelog" });
        Assert.Equal(3, (int)cloud["issues"]![0]!["changelog"]!["total"]!);

        var plain = await PostAsync(_dataCenter, "rest/api/2/search", new JsonObject { ["jql"] = Jql });
        var issue = plain["issues"]![0]!;
        Assert.Null(issue["changelog"]);
        Assert.Contains("resolutiondate", issue["fields"]!.AsObject().Select(f => f.Key)); // *navigable by default
        var expanded = await PostAsync(_dataCenter, "rest/api/2/search", new JsonObject { ["jql"] = Jql, ["expand"] = new JsonArray("changelog") });
        Assert.Equal(3, (int)expanded["issues"]![0]!["changelog"]!["total"]!);
    }

    [Fact]
    public async Task Bulkfetch_keeps_only_the_fieldIds_asked_for_and_pages_by_maxResults_oldest_first()
    {
        var all = await PostAsync(_cloud, "rest/api/3/changelog/bulkfetch", new JsonObject { ["issueIdsOrKeys"] = new JsonArray("10001", "10002") });
        Assert.Equal(4, Histories(all).Count); // two moves and a re-rank of SHOP-1, a move of SHOP-2
        Assert.Null(all["nextPageToken"]);

        var status = await PostAsync(_cloud, "rest/api/3/changelog/bulkfetch", new JsonObject
        {
            ["issueIdsOrKeys"] = new JsonArray("10001", "10002"),
            ["fieldIds"] = new JsonArray("status"),
            ["maxResults"] = 2,
        });
        Assert.Equal([("10001", "In Progress"), ("10001", "Done")], Histories(status));
        var next = await PostAsync(_cloud, "rest/api/3/changelog/bulkfetch", new JsonObject
        {
            ["issueIdsOrKeys"] = new JsonArray("10001", "10002"),
            ["fieldIds"] = new JsonArray("status"),
            ["maxResults"] = 2,
            ["nextPageToken"] = (string)status["nextPageToken"]!,
        });
        Assert.Equal([("10002", "In Progress")], Histories(next));
        Assert.Null(next["nextPageToken"]);
    }

    [Fact]
    public async Task Search_pages_by_nextPageToken_on_Cloud_and_startAt_on_Data_Center()
    {
        var first = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = Jql, ["maxResults"] = 1 });
        var second = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = Jql, ["maxResults"] = 1, ["nextPageToken"] = (string)first["nextPageToken"]! });
        Assert.Equal(("10001", false, "10002", true), ((string)first["issues"]![0]!["id"]!, (bool)first["isLast"]!, (string)second["issues"]![0]!["id"]!, (bool)second["isLast"]!));

        var dc = await PostAsync(_dataCenter, "rest/api/2/search", new JsonObject { ["jql"] = Jql, ["maxResults"] = 1, ["startAt"] = 1 });
        Assert.Equal(("SHOP-2", 2), ((string)dc["issues"]![0]!["key"]!, (int)dc["total"]!));
    }

    [Fact]
    public async Task JQL_is_read_not_matched_an_empty_project_answers_an_empty_page_and_the_rest_is_400()
    {
        var newestFirst = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = "project = SHOP order by created desc" });
        Assert.Equal(["10002", "10001"], newestFirst["issues"]!.AsArray().Select(i => (string)i!["id"]!));
        // SHOP-2 was last updated 2026-03-08 12:00 UTC, 13:00 in Amsterdam (the user's zone): >= keeps it, > does not.
        var atOrAfter = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = "project = \"SHOP\" AND updated >= \"2026-03-08 13:00\"" });
        Assert.Equal(["10002"], atOrAfter["issues"]!.AsArray().Select(i => (string)i!["id"]!));
        var after = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = "project = \"SHOP\" AND updated > \"2026-03-08 13:00\"" });
        Assert.Empty(after["issues"]!.AsArray());
        _cloud.AddProject("NEW");
        var empty = await PostAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = "project = NEW ORDER BY updated ASC" });
        Assert.Equal(("[]", true), (empty["issues"]!.ToJsonString(), (bool)empty["isLast"]!));

        foreach (var (jql, message) in new[]
        {
            ("project = \"SHOP\" AND status = Done", "'status = Done'"),
            ("project = \"NOPE\"", "The value 'NOPE' does not exist for the field 'project'."),
            ("project = \"SHOP\" ORDER BY rank", "ORDER BY rank"),
        })
        {
            using var response = await SendAsync(_cloud, "rest/api/3/search/jql", new JsonObject { ["jql"] = jql });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains(message, (string)error["errorMessages"]![0]!, StringComparison.Ordinal);
        }
    }

    private static List<(string Issue, string To)> Histories(JsonNode page) =>
        page["issueChangeLogs"]!.AsArray()
            .SelectMany(log => log!["changeHistories"]!.AsArray().Select(h => ((string)log["issueId"]!,
                h!["items"]!.AsArray().Select(i => (string?)i!["toString"]).FirstOrDefault(t => t != "Ranked higher") ?? "rank")))
            .ToList();

    private async Task<JsonNode> PostAsync(FakeJira jira, string path, JsonObject body)
    {
        using var response = await SendAsync(jira, path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<HttpResponseMessage> SendAsync(FakeJira jira, string path, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(jira.BaseUrl + "/"), path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = jira.Cloud
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeJira.Email}:{FakeJira.ApiToken}")))
            : new AuthenticationHeaderValue("Bearer", FakeJira.PersonalAccessToken);
        return _http.SendAsync(request);
    }
}
