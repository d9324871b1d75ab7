using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
using TechLead.Dashboard;
using TechLead.Review;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>The dashboard's JSON API over real HTTP through <c>serve</c>, on the sample workspace in Azurite.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(AzuriteFixture azurite)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    private static Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status) =>
        HttpProblems.AssertAsync(response, status);

    private static HttpRequestMessage Decision(string path, string? version, object? body, bool csrf = true, string? origin = null) =>
        SampleServe.Decision(path, version, body, csrf, origin);

    private static async Task<(string Id, string ETag)> FirstWaitingAsync(ServedApp app)
    {
        var id = (await SampleServe.WaitingAsync(app))[0].Id;
        using var response = await app.Client.GetAsync($"/api/drafts/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (id, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Signals_answer_the_cli_report_in_camel_case_and_the_trend_has_one_point_per_week()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var app = await SampleServe.StartAsync(azurite, ("Storage:TablePrefix", prefix), ("Jira:Projects:0", "SHOP"));

        using var week = await app.Client.GetAsync("/api/signals?week=2026-W40");
        var report = await JsonAsync(week);
        Assert.Equal(HttpStatusCode.OK, week.StatusCode);

        // The CLI, in its own process over the same tables, reports the same week field for field (its names in snake_case).
        var cli = await LocalRunner.RunAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["Team__Name"] = "Test team",
            ["Team__TimeZone"] = "UTC",
            ["Jira__Projects__0"] = "SHOP",
        }, Path.GetTempPath(), "signals", "--week", "2026-W40", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var cliReport = JsonDocument.Parse(cli.StdOut);
        var differences = new List<string>();
        SameJson(cliReport.RootElement, report, "$", differences);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(report.GetProperty("signals").GetArrayLength() > 25);
        Assert.Equal("2026-W40", report.GetProperty("week").GetString());
        Assert.Equal(1, report.GetProperty("schemaVersion").GetInt32());
        var frequency = report.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "deployment_frequency");
        Assert.True(frequency.TryGetProperty("previous4WeekMedian", out _));
        Assert.False(frequency.TryGetProperty("previous_4_week_median", out _));

        using var latest = await app.Client.GetAsync("/api/signals");
        Assert.True((await JsonAsync(latest)).GetProperty("isSampleData").GetBoolean());

        using var trendResponse = await app.Client.GetAsync("/api/signals/trend?weeks=12");
        var trend = await JsonAsync(trendResponse);
        Assert.Equal(12, trend.GetProperty("weeks").GetArrayLength());
        Assert.All(trend.GetProperty("series").EnumerateArray(), s => Assert.Equal(12, s.GetProperty("points").GetArrayLength()));
    }

    /// <summary>Every property and value of <paramref name="cli"/> in <paramref name="api"/> and back, names compared without case or underscores.</summary>
    private static void SameJson(JsonElement cli, JsonElement api, string path, List<string> differences)
    {
        static string Name(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (cli.ValueKind != api.ValueKind)
        {
            differences.Add($"{path}: {cli.ValueKind} in the CLI, {api.ValueKind} in the API");
            return;
        }

        switch (cli.ValueKind)
        {
            case JsonValueKind.Object:
                var apiProperties = api.EnumerateObject().ToDictionary(p => Name(p.Name), p => p.Value);
                var cliProperties = cli.EnumerateObject().ToDictionary(p => Name(p.Name), p => p.Value);
                foreach (var missing in apiProperties.Keys.Except(cliProperties.Keys).Concat(cliProperties.Keys.Except(apiProperties.Keys)))
                {
                    differences.Add($"{path}.{missing}: in one report only");
                }

                foreach (var (name, value) in cliProperties.Where(p => apiProperties.ContainsKey(p.Key)))
                {
                    SameJson(value, apiProperties[name], $"{path}.{name}", differences);
                }

                break;
            case JsonValueKind.Array:
                if (cli.GetArrayLength() != api.GetArrayLength())
                {
                    differences.Add($"{path}: {cli.GetRawText()} in the CLI, {api.GetRawText()} in the API");
                    return;
                }

                foreach (var (item, index) in cli.EnumerateArray().Zip(api.EnumerateArray()).Select((pair, i) => (pair, i)))
                {
                    SameJson(item.First, item.Second, $"{path}[{index}]", differences);
                }

                break;
            case JsonValueKind.String:
                if (cli.GetString() != api.GetString())
                {
                    differences.Add($"{path}: \"{cli.GetString()}\" in the CLI, \"{api.GetString()}\" in the API");
                }

                break;
            case JsonValueKind.Number:
                if (cli.GetDecimal() != api.GetDecimal())
                {
                    differences.Add($"{path}: {cli.GetRawText()} in the CLI, {api.GetRawText()} in the API");
                }

                break;
            default:
                if (cli.GetRawText() != api.GetRawText())
                {
                    differences.Add($"{path}: {cli.GetRawText()} in the CLI, {api.GetRawText()} in the API");
                }

                break;
        }
    }

    [Theory]
    [InlineData("/api/signals?week=2026-47", "week")]
    [InlineData("/api/signals/trend?weeks=0", "weeks")]
    [InlineData("/api/signals/trend?weeks=53", "weeks")]
    [InlineData("/api/signals?team=Nobody", "team")]
    [InlineData("/api/signals/trend?team=Nobody", "team")]
    [InlineData("/api/drafts?team=Nobody", "team")]
    [InlineData("/api/drafts?status=done", "status")]
    [InlineData("/api/drafts?kind=Release%20Notes", "kind")]
    public async Task Bad_queries_get_400_naming_the_parameter(string path, string field)
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));

        using var response = await app.Client.GetAsync(path);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_draft_has_an_etag_its_inputs_findings_and_tokens_and_unknown_ids_get_404()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var (id, etag) = await FirstWaitingAsync(app);

        using var list = await app.Client.GetAsync("/api/drafts?status=pending-review");
        var drafts = (await JsonAsync(list)).GetProperty("drafts").EnumerateArray().ToList();
        Assert.Contains(drafts, d => d.GetProperty("id").GetString() == id && d.GetProperty("version").GetString() == etag);
        var draft = drafts.First(d => d.GetProperty("id").GetString() == id);
        Assert.Equal("offline", draft.GetProperty("drafterKind").GetString());
        Assert.True(draft.GetProperty("inputs").GetArrayLength() > 0);
        Assert.True(draft.GetProperty("tokens").GetProperty("estimatedInput").GetInt32() > 0);
        Assert.Contains(draft.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "drafted-without-language-model");

        using var byKind = await app.Client.GetAsync("/api/drafts?kind=adr-summary");
        Assert.All((await JsonAsync(byKind)).GetProperty("drafts").EnumerateArray(), d => Assert.Equal("adr-summary", d.GetProperty("kind").GetString()));

        using var missing = await app.Client.GetAsync("/api/drafts/rn-0000000000000000");
        await ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approving_needs_if_match_a_stale_one_gets_412_and_changes_nothing()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var (id, etag) = await FirstWaitingAsync(app);

        using var noVersion = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", null, new { }));
        await ProblemAsync(noVersion, HttpStatusCode.PreconditionRequired);

        using var stale = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", "\"0000\"", new { }));
        var problem = await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Contains("nothing was changed", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DraftStatus.PendingReview, (await app.Services.GetRequiredService<ReviewQueue>().GetAsync(id, CancellationToken.None))!.Status);

        using var approved = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", etag, null));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var body = await JsonAsync(approved);
        Assert.Equal(DraftStatus.Approved.ToStoredString(), body.GetProperty("status").GetString());
        Assert.Equal($"{Environment.UserName} (local)", body.GetProperty("decision").GetProperty("by").GetString());
        Assert.NotEqual(etag, approved.Headers.ETag!.ToString());

        using var again = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", etag, null));
        await ProblemAsync(again, HttpStatusCode.PreconditionFailed);
        using var twice = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", approved.Headers.ETag!.ToString(), null));
        await ProblemAsync(twice, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_edited_approval_keeps_both_texts_and_a_rejection_keeps_its_reason()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var waiting = await SampleServe.WaitingAsync(app);
        var queue = app.Services.GetRequiredService<ReviewQueue>();

        using var edited = await app.Client.SendAsync(Decision($"/api/drafts/{waiting[0].Id}/approve", ReviewQueue.Version(waiting[0]), new { editedText = "## Better notes" }));
        using var rejected = await app.Client.SendAsync(Decision($"/api/drafts/{waiting[1].Id}/reject", ReviewQueue.Version(waiting[1]), new { reason = "Too long for the audience" }));

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var first = (await queue.GetAsync(waiting[0].Id, CancellationToken.None))!;
        Assert.Equal(DraftStatus.Edited, first.Status);
        Assert.Equal("## Better notes", first.EditedText);
        Assert.Equal(JsonSerializer.Serialize(waiting[0].Documents), JsonSerializer.Serialize(first.Documents));
        var second = (await queue.GetAsync(waiting[1].Id, CancellationToken.None))!;
        Assert.Equal(DraftStatus.Rejected, second.Status);
        Assert.Equal("Too long for the audience", second.DecisionNote);
    }

    [Fact]
    public async Task Bad_decisions_get_400_413_415_403_and_404()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var (id, etag) = await FirstWaitingAsync(app);
        var queue = app.Services.GetRequiredService<ReviewQueue>();

        using var noReason = await app.Client.SendAsync(Decision($"/api/drafts/{id}/reject", etag, new { reason = " " }));
        Assert.True((await ProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));

        using var notJson = Decision($"/api/drafts/{id}/approve", etag, null);
        notJson.Content = new StringContent("editedText=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await ProblemAsync(await app.Client.SendAsync(notJson), HttpStatusCode.UnsupportedMediaType);

        using var huge = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", etag, new { editedText = new string('x', DraftsApi.MaxBodyBytes) }));
        await ProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);

        using var broken = Decision($"/api/drafts/{id}/approve", etag, null);
        broken.Content = new StringContent("{\"editedText\": 3}", Encoding.UTF8, "application/json");
        await ProblemAsync(await app.Client.SendAsync(broken), HttpStatusCode.BadRequest);

        using var noCsrf = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", etag, new { }, csrf: false));
        await ProblemAsync(noCsrf, HttpStatusCode.Forbidden);

        using var crossSite = await app.Client.SendAsync(Decision($"/api/drafts/{id}/approve", etag, new { }, origin: "https://evil.example"));
        await ProblemAsync(crossSite, HttpStatusCode.Forbidden);

        using var unknown = await app.Client.SendAsync(Decision("/api/drafts/rn-0000000000000000/approve", etag, new { }));
        await ProblemAsync(unknown, HttpStatusCode.NotFound);

        Assert.Equal(DraftStatus.PendingReview, (await queue.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Health_shows_the_last_sync_per_source_the_last_digest_and_drafts_waiting()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var waiting = (await SampleServe.WaitingAsync(app)).Count;

        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await JsonAsync(response);
        Assert.True(health.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.Contains(health.GetProperty("lastSuccessfulSync").EnumerateArray(), s => s.GetProperty("source").GetString() == "sample");
        Assert.Equal(JsonValueKind.Null, health.GetProperty("lastDigestSentAt").ValueKind);
        Assert.Equal(waiting, health.GetProperty("draftsWaitingForReview").GetInt32());
    }

    [Fact]
    public async Task Health_is_503_when_storage_is_unreachable()
    {
        var settings = TestHost.Settings(azurite);
        settings["Storage:ConnectionString"] = settings["Storage:ConnectionString"]!.Replace($":{azurite.Port}/", $":{NodeService.FreePort()}/", StringComparison.Ordinal);
        await using var app = await ServedApp.StartAsync(settings);

        using var response = await app.Client.GetAsync("/api/health");

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.False(problem.GetProperty("storage").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task The_page_and_its_files_carry_a_strict_content_security_policy()
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));

        foreach (var path in new[] { "/", "/api/dashboard", "/api/dashboard/assets/dashboard.js", "/api/dashboard/assets/dashboard.css" })
        {
            using var response = await app.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("default-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using var missing = await app.Client.GetAsync("/api/dashboard/assets/other.js");
        await ProblemAsync(missing, HttpStatusCode.NotFound);
    }
}
