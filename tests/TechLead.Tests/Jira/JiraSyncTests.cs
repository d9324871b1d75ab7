using System.Text.Json.Nodes;
using TechLead.Activity;
using TechLead.Storage;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Jira;

/// <summary>
/// The Jira sync end to end: the real client over HttpClient against the loopback fake Jira (Atlassian's documented
/// shapes), rows stored in a real Azurite.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class JiraSyncTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset Now = JiraTestHost.Now;
    private readonly FakeJira _jira = FakeJira.Start();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task Cloud_backfill_pages_with_nextPageToken_and_completes_only_the_cut_changelog()
    {
        var reopened = Shop();
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"], new Dictionary<string, string?> { ["Jira:PageSize"] = "2" });

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Projects.SelectMany(p => p.Problems)));
        Assert.Equal(("cloud", "Europe/Amsterdam"), (result.Deployment, result.TimeZone));
        var stored = await host.StoredAsync("SHOP");
        Assert.Equal(["SHOP-1", "SHOP-2", "SHOP-3", "SHOP-4", "SHOP-5", "SHOP-7"], stored.Keys.Order(StringComparer.Ordinal));

        // 26 weeks before Monday 2026-03-09 12:00 UTC is 2025-09-08 12:00 UTC: 14:00 in Amsterdam (summer time).
        var searches = _jira.Requests.Where(r => r.Path == "/rest/api/3/search/jql").ToList();
        Assert.Equal(3, searches.Count);
        var first = JsonNode.Parse(searches[0].Body!)!;
        Assert.Equal("project = \"SHOP\" AND updated >= \"2025-09-08 14:00\" ORDER BY updated ASC", (string)first["jql"]!);
        Assert.Contains("changelog", (string)first["expand"]!, StringComparison.Ordinal);
        Assert.Null(first["nextPageToken"]);
        Assert.NotNull(JsonNode.Parse(searches[1].Body!)!["nextPageToken"]);

        var bulk = Assert.Single(_jira.Requests, r => r.Path == "/rest/api/3/changelog/bulkfetch");
        Assert.Equal([reopened.Id], JsonNode.Parse(bulk.Body!)!["issueIdsOrKeys"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(1, result.Projects[0].ChangelogsCompleted);
    }

    [Fact]
    public async Task Mapping_reads_kinds_history_owner_priority_ADF_and_offsets_exactly()
    {
        Shop();
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"]);

        await host.SyncAsync();
        var stored = await host.StoredAsync("SHOP");

        var story = stored["SHOP-1"];
        Assert.Equal((WorkItemKinds.Feature, WorkItemStatus.Done, "Done"), (story.Kind, story.StatusCategory, story.Status));
        // The search's changelog held only the newest three moves; the first move into progress came from bulkfetch.
        Assert.Equal(Now.AddDays(-9), story.InProgressAt);
        Assert.Equal(TimeSpan.Zero, story.InProgressAt!.Value.Offset);
        Assert.Equal(Now.AddDays(-5), story.ResolvedAt);
        Assert.Equal(Now.AddDays(-10), story.CreatedAt);
        Assert.Equal(1, story.ReopenedCount);
        Assert.Equal(24, story.HoursInStatus["To Do"]);
        Assert.Equal(48, story.HoursInStatus["In Progress"]);
        Assert.Equal(24, story.HoursInStatus["In Review"]);
        Assert.Equal(24, story.HoursInStatus["Done"]); // done for a day before it was reopened
        Assert.Equal((true, "High"), (story.HasOwner, story.Priority));
        Assert.Equal(["octo-org/payments-api#412", "octo-org/storefront-web#77"], story.LinkedPullRequests);
        Assert.StartsWith("Customers can export their cart. the export PR", story.Description, StringComparison.Ordinal);
        Assert.Equal(Origins.Jira, story.Origin);

        var bug = stored["SHOP-2"];
        Assert.Equal((WorkItemKinds.Bug, WorkItemStatus.InProgress, false, null, ""), (bug.Kind, bug.StatusCategory, bug.HasOwner, bug.Priority, bug.Description));
        Assert.Null(bug.ResolvedAt);
        Assert.Equal(WorkItemKinds.Debt, stored["SHOP-3"].Kind); // by its tech-debt label
        Assert.Equal(WorkItemStatus.ToDo, stored["SHOP-3"].StatusCategory);
        Assert.Equal(WorkItemKinds.Incident, stored["SHOP-4"].Kind);
        Assert.Equal(Now.AddDays(-1).AddHours(3), stored["SHOP-4"].ResolvedAt);
        Assert.Equal(WorkItemKinds.Risk, stored["SHOP-5"].Kind); // Task with the security label
        Assert.True(stored["SHOP-7"].IsSubtask);
    }

    [Fact]
    public async Task An_unchanged_resync_reads_from_the_cursor_minus_the_overlap_and_stores_nothing_twice()
    {
        Shop();
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"]);
        await host.SyncAsync();
        _jira.ResetRequests();

        var again = await host.SyncAsync();

        Assert.True(again.Succeeded);
        var search = Assert.Single(_jira.Requests, r => r.Path == "/rest/api/3/search/jql");
        // Newest update stored: SHOP-5 at Now - 6 h = 06:00 UTC = 07:00 Amsterdam; minus 5 minutes of overlap.
        Assert.Equal("project = \"SHOP\" AND updated >= \"2026-03-09 06:55\" ORDER BY updated ASC", (string)JsonNode.Parse(search.Body!)!["jql"]!);
        Assert.DoesNotContain(_jira.Requests, r => r.Path.Contains("changelog", StringComparison.Ordinal));
        Assert.Equal(4, again.Requests.Total); // serverInfo, myself and status once per run, then one search
        Assert.Equal(6, (await host.StoredAsync("SHOP")).Count);

        var started = _jira.Add("SHOP-8", Now.AddHours(-2), i => i.Moves.Add((Now.AddHours(-1), "To Do", "In Progress")));
        var third = await host.SyncAsync();

        Assert.Equal(2, third.Projects[0].IssuesRead); // SHOP-8, and SHOP-5 again: it is inside the overlap
        var stored = await host.StoredAsync("SHOP");
        Assert.Equal(7, stored.Count);
        Assert.Equal(Now.AddHours(-1), stored[started.Key].InProgressAt);
    }

    [Fact]
    public async Task A_cut_history_of_an_issue_ranked_1500_times_is_completed_by_one_bulk_request_of_status_changes()
    {
        // Four status moves, then 1,500 board re-ranks: the search's changelog (newest three) holds only re-ranks.
        _jira.Add("SHOP-1", Now.AddDays(-20), i =>
        {
            i.Moves.AddRange([(Now.AddDays(-19), "To Do", "In Progress"), (Now.AddDays(-18), "In Progress", "In Review"),
                (Now.AddDays(-17), "In Review", "In Progress"), (Now.AddDays(-16), "In Progress", "In Review")]);
            i.Reranks.AddRange(Enumerable.Range(1, 1500).Select(n => Now.AddDays(-15).AddMinutes(n)));
        });
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Projects.SelectMany(p => p.Problems)));
        // Only the four status changelogs come back (fieldIds), well inside one page of at most 1,000 (maxResults).
        Assert.Equal(1, result.Requests.Changelog);
        var stored = (await host.StoredAsync("SHOP"))["SHOP-1"];
        Assert.Equal(Now.AddDays(-19), stored.InProgressAt);
        Assert.Equal(48, stored.HoursInStatus["In Progress"]); // two stints of a day each
    }

    [Fact]
    public async Task A_project_with_no_issues_yet_syncs_to_nothing_without_a_problem()
    {
        _jira.AddProject("NEW");
        using var host = new JiraTestHost(azurite, _jira, ["NEW"]);

        var result = await host.SyncAsync();

        var project = Assert.Single(result.Projects);
        Assert.True(project.Succeeded, string.Join("; ", project.Problems));
        Assert.Equal((0, 0), (project.IssuesRead, project.Stored));
        Assert.Empty(await host.StoredAsync("NEW"));
    }

    [Fact]
    public async Task A_project_Jira_does_not_know_is_reported_quoting_Jira_and_the_others_still_sync()
    {
        Shop();
        _jira.Add("OPS-1", Now.AddDays(-2), i => i.Type = "Incident");
        using var host = new JiraTestHost(azurite, _jira, ["SHOP", "NOPE", "OPS"]);

        var result = await host.SyncAsync();

        Assert.False(result.Succeeded);
        var nope = result.Projects.Single(p => p.Project == "NOPE");
        var problem = Assert.Single(nope.Problems);
        Assert.Contains("project NOPE", problem, StringComparison.Ordinal);
        Assert.Contains("\"The value 'NOPE' does not exist for the field 'project'.\"", problem, StringComparison.Ordinal);
        Assert.True(result.Projects.Single(p => p.Project == "SHOP").Succeeded);
        Assert.True(result.Projects.Single(p => p.Project == "OPS").Succeeded);
        Assert.Single(await host.StoredAsync("OPS"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_sync_completes()
    {
        Shop();
        var refused = 0;
        using var _ = _jira.Intercept(r => r.Path == "/rest/api/3/search/jql" && Interlocked.Increment(ref refused) == 1
            ? new FakeResponse(429, """{"errorMessages":["Rate limit exceeded."],"errors":{}}""", new Dictionary<string, string> { ["Retry-After"] = "7" })
            : null);
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"]);

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded);
        Assert.Contains(TimeSpan.FromSeconds(7), host.Time.Waits);
        Assert.Equal(1, result.Requests.Retried);
        Assert.Equal(6, (await host.StoredAsync("SHOP")).Count);
    }

    [Fact]
    public async Task A_run_cut_off_mid_way_keeps_what_it_stored_and_the_next_run_resumes_from_the_cursor()
    {
        Shop();
        var unavailable = _jira.Intercept(r => r.Path == "/rest/api/3/search/jql" && r.Body!.Contains("nextPageToken", StringComparison.Ordinal)
            && Convert.FromBase64String((string)JsonNode.Parse(r.Body)!["nextPageToken"]!) is [(byte)'4']
            ? new FakeResponse(503, "<html>Service Unavailable</html>")
            : null);
        using var host = new JiraTestHost(azurite, _jira, ["SHOP"], new Dictionary<string, string?> { ["Jira:PageSize"] = "2" });

        var cut = await host.SyncAsync();

        var problem = Assert.Single(cut.Projects[0].Problems);
        Assert.Contains("503", problem, StringComparison.Ordinal);
        Assert.Contains("the 4 work items read before it are stored", problem, StringComparison.Ordinal);
        Assert.Equal(4, (await host.StoredAsync("SHOP")).Count);

        unavailable.Dispose();
        _jira.ResetRequests();
        var resumed = await host.SyncAsync();

        Assert.True(resumed.Succeeded);
        var jql = (string)JsonNode.Parse(_jira.Requests.First(r => r.Path == "/rest/api/3/search/jql").Body!)!["jql"]!;
        Assert.DoesNotContain("2025-09-08", jql, StringComparison.Ordinal); // not a new backfill: from the stored cursor
        Assert.Equal(6, (await host.StoredAsync("SHOP")).Count);
    }

    [Fact]
    public async Task Rejected_credentials_name_the_settings_and_nothing_is_searched()
    {
        Shop();
        using var host = new JiraTestHost(azurite, _jira, ["SHOP", "OPS"], new Dictionary<string, string?> { ["Jira:ApiToken"] = "revoked" });

        var result = await host.SyncAsync();

        Assert.All(result.Projects, p => Assert.Contains("Jira rejected the credentials (401 Unauthorized): check Jira:Email and Jira:ApiToken", Assert.Single(p.Problems), StringComparison.Ordinal));
        Assert.DoesNotContain(_jira.Requests, r => r.Path.Contains("search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_Center_pages_with_startAt_and_total_and_reads_cut_histories_per_issue_with_a_bearer_token()
    {
        using var dc = FakeJira.Start(cloud: false, timeZone: "Asia/Kolkata");
        var cut = dc.Add("SHOP-1", Now.AddDays(-10), i =>
        {
            i.Type = "Story";
            i.WikiDescription = "Fix it. See [PR|https://github.com/octo-org/payments-api/pull/9]";
            i.Moves.AddRange([(Now.AddDays(-9), "To Do", "In Progress"), (Now.AddDays(-8), "In Progress", "In Review"), (Now.AddDays(-7), "In Review", "Done"), (Now.AddDays(-6), "Done", "In Progress")]);
        });
        dc.Add("SHOP-2", Now.AddDays(-3), i => i.Moves.Add((Now.AddDays(-2), "To Do", "In Progress")));
        dc.Add("SHOP-3", Now.AddDays(-1));
        using var host = new JiraTestHost(azurite, dc, ["SHOP"], new Dictionary<string, string?> { ["Jira:PageSize"] = "2" });

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Projects.SelectMany(p => p.Problems)));
        Assert.Equal(("datacenter", "Asia/Kolkata"), (result.Deployment, result.TimeZone));
        var searches = dc.Requests.Where(r => r.Path == "/rest/api/2/search").Select(r => (int)JsonNode.Parse(r.Body!)!["startAt"]!).ToList();
        Assert.Equal([0, 2], searches);
        Assert.Equal(["/rest/api/2/issue/SHOP-1"], dc.Requests.Where(r => r.Path.StartsWith("/rest/api/2/issue/", StringComparison.Ordinal)).Select(r => r.Path));
        Assert.All(dc.Requests, r => Assert.Equal("Bearer " + FakeJira.PersonalAccessToken, r.Header("Authorization")));
        // 2025-09-08 12:00 UTC is 17:30 in Kolkata (+0530).
        Assert.Contains("updated >= \"2025-09-08 17:30\"", (string)JsonNode.Parse(dc.Requests.First(r => r.Path == "/rest/api/2/search").Body!)!["jql"]!, StringComparison.Ordinal);

        var stored = await host.StoredAsync("SHOP");
        Assert.Equal(3, stored.Count);
        Assert.Equal(Now.AddDays(-9), stored["SHOP-1"].InProgressAt);
        Assert.Equal(1, stored["SHOP-1"].ReopenedCount);
        Assert.Equal(WorkItemStatus.InProgress, stored["SHOP-1"].StatusCategory);
        Assert.Equal(["octo-org/payments-api#9"], stored["SHOP-1"].LinkedPullRequests);
        Assert.Equal(cut.Key, stored["SHOP-1"].Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_epics_stories_are_linked_by_parent_on_Cloud_and_by_the_Epic_Link_field_on_Data_Center(bool cloud)
    {
        using var jira = FakeJira.Start(cloud);
        jira.Add("SHOP-10", Now.AddDays(-20), i => (i.Type, i.Summary) = ("Epic", "Saved payment methods"));
        jira.Add("SHOP-11", Now.AddDays(-10), i => (i.Type, i.Epic) = ("Story", "SHOP-10"));
        jira.Add("SHOP-12", Now.AddDays(-5), i => i.Type = "Story");
        var settings = new Dictionary<string, string?>();
        if (!cloud)
        {
            settings["Jira:EpicLinkField"] = FakeJira.EpicLinkField;
        }

        using var host = new JiraTestHost(azurite, jira, ["SHOP"], settings);

        var result = await host.SyncAsync();
        var stored = await host.StoredAsync("SHOP");

        Assert.True(result.Succeeded, string.Join("; ", result.Projects.SelectMany(p => p.Problems)));
        Assert.Equal("SHOP-10", stored["SHOP-11"].ParentKey);
        Assert.Null(stored["SHOP-12"].ParentKey);
        Assert.Null(stored["SHOP-10"].ParentKey);
        Assert.True(stored["SHOP-10"].IsContainer);
        Assert.False(stored["SHOP-11"].IsContainer);
        var search = jira.Requests.First(r => r.Path.Contains("/search", StringComparison.Ordinal));
        var fields = JsonNode.Parse(search.Body!)!["fields"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains("parent", fields);
        Assert.Equal(!cloud, fields.Contains(FakeJira.EpicLinkField));
    }

    /// <summary>
    /// The SHOP project: a story reopened once (five moves: its changelog is cut in search), an unassigned bug in
    /// progress with nulls, a debt item by label, an incident, a risk by label, an old item outside the backfill and
    /// a sub-task. Returns the story.
    /// </summary>
    private FakeIssue Shop()
    {
        var story = _jira.Add("SHOP-1", Now.AddDays(-10), i =>
        {
            i.Type = "Story";
            i.Summary = "Export the cart";
            i.Assigned = true;
            i.Priority = "High";
            i.Description = JiraTestHost.Adf("Customers can export their cart.", "the export PR",
                "https://github.com/octo-org/payments-api/pull/412", "https://github.com/octo-org/storefront-web/pull/77");
            i.Moves.AddRange(
            [
                (Now.AddDays(-9), "To Do", "In Progress"), (Now.AddDays(-8), "In Progress", "In Review"), (Now.AddDays(-7), "In Review", "Done"),
                (Now.AddDays(-6), "Done", "In Progress"), (Now.AddDays(-5), "In Progress", "Done"),
            ]);
            i.ResolutionDate = Now.AddDays(-5);
        });
        _jira.Add("SHOP-2", Now.AddDays(-4), i =>
        {
            i.Type = "Bug";
            i.Summary = "Totals round wrongly";
            i.Moves.Add((Now.AddDays(-3), "To Do", "In Progress"));
        });
        _jira.Add("SHOP-3", Now.AddDays(-2), i =>
        {
            i.Type = "Task";
            i.Labels.Add("tech-debt");
            i.Summary = "Remove the old checkout flag";
        });
        _jira.Add("SHOP-4", Now.AddDays(-1), i =>
        {
            i.Type = "Incident";
            i.Summary = "Checkout returns 500";
            i.Assigned = true;
            i.Priority = "Highest";
            i.Moves.AddRange([(Now.AddDays(-1).AddMinutes(10), "To Do", "In Progress"), (Now.AddDays(-1).AddHours(3), "In Progress", "Done")]);
            i.ResolutionDate = Now.AddDays(-1).AddHours(3);
        });
        _jira.Add("SHOP-5", Now.AddHours(-6), i =>
        {
            i.Type = "Task";
            i.Labels.Add("security");
            i.Summary = "Rotate the payment provider key";
        });
        _jira.Add("SHOP-6", Now.AddDays(-400), i => i.Updated = Now.AddDays(-300));
        _jira.Add("SHOP-7", Now.AddDays(-8), i =>
        {
            i.Type = "Sub-task";
            i.Subtask = true;
            i.Summary = "Write the export test";
        });
        return story;
    }
}
