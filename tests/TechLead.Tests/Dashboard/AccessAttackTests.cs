using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Access;
using TechLead.Endpoints;
using TechLead.Feedback;
using TechLead.Local.Commands;
using TechLead.Review;
using TechLead.Storage;
using TechLead.Tests.Feedback;
using TechLead.Tests.Functions;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// Attacks on the dashboard and feedback routes, replayed: DNS rebinding against serve, cross-site changes, someone
/// else's kept feedback, a damaged row, and a state-changing route that escapes the gate in either host.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class AccessAttackTests(AzuriteFixture azurite)
{
    /// <summary>The collection's Azurite, for the cases kept in the other parts of this class.</summary>
    private AzuriteFixture Azurite => azurite;

    private static HttpRequestMessage Reject(DraftRecord draft, string? origin = null) =>
        SampleServe.Decision($"/api/drafts/{draft.Id}/reject", ReviewQueue.Version(draft), new { reason = "rebound" }, origin: origin);

    private static async Task<DraftStatus> StatusAsync(ServedApp app, string id) =>
        (await app.Services.GetRequiredService<ReviewQueue>().GetAsync(id, CancellationToken.None))!.Status;

    [Fact]
    public async Task A_rebinding_page_is_answered_400_before_any_handler_and_changes_nothing()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        var attacker = $"attacker.example:{app.Address.Port}";
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        read.Headers.Host = attacker;
        using var reject = Reject(draft, origin: "http://" + attacker);
        reject.Headers.Host = attacker;

        using var listed = await app.Client.SendAsync(read);
        using var rejected = await app.Client.SendAsync(reject);

        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.DoesNotContain(draft.Id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
    }

    [Theory]
    [InlineData("http://attacker.example:{port}", HttpStatusCode.Forbidden)]
    [InlineData("http://127.0.0.1:1", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:{port}", HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:{port}", HttpStatusCode.OK)]
    public async Task Locally_a_change_is_accepted_only_from_the_loopback_origin_serve_listens_on(string origin, HttpStatusCode expected)
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var reject = Reject(draft, origin: origin.Replace("{port}", app.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        using var response = await app.Client.SendAsync(reject);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? DraftStatus.Rejected : DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
    }

    [Fact]
    public void Serve_refuses_a_non_loopback_address_unless_the_dashboard_is_off()
    {
        var settings = TestHost.Settings(azurite);

        var refused = Assert.ThrowsAny<Exception>(() => ServeCommand.Build("http://0.0.0.0:0", noSchedule: true, settings));
        settings["Dashboard:Enabled"] = "false";
        using var _ = (IDisposable)ServeCommand.Build("http://0.0.0.0:0", noSchedule: true, settings);

        Assert.Contains("not loopback", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Enabled=false", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_serve_command_exits_2_with_a_message_for_an_exposed_address_and_for_bad_team_settings()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
        };
        var exposed = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "serve", "--urls", "http://0.0.0.0:7399", "--no-schedule");
        environment["GitHub__Repositories__0"] = "octo-org/payments-api";
        environment["Teams__0__Name"] = "Payments";
        environment["Teams__0__Repositories__0"] = "octo-org/payments-api";
        environment["Teams__0__Recipients__0"] = "lead@example.com";
        environment["GitHub__Token"] = "";
        var noToken = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "serve", "--urls", "http://127.0.0.1:7399", "--no-schedule");

        Assert.True(exposed.ExitCode == 2, exposed.ToString());
        Assert.Contains("not loopback", exposed.StdErr, StringComparison.Ordinal);
        Assert.True(noToken.ExitCode == 2, noToken.ToString());
        Assert.Contains("GitHub:Token", noToken.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exposed.StdErr + noToken.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kept_feedback_is_its_authors_alone_to_read_list_and_delete()
    {
        var settings = TestHost.Settings(azurite);
        foreach (var (key, value) in DashboardAzureAuthTests.Platform)
        {
            settings[key] = value;
        }

        await using var app = await ServedApp.StartAsync(settings, dashboardClient: true);
        HttpRequestMessage As(string who, HttpMethod method, string path, string? body = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            DashboardAzureAuthTests.SignedIn(request, id: $"00000000-0000-0000-0000-0000000{who}", email: $"{who}@contoso.com");
            return request;
        }

        var planning = JsonSerializer.Serialize(new { kind = "constructive", situation = Sbi.PlanningSituation, behavior = Sbi.PlanningBehavior, impact = Sbi.PlanningImpact, keep = true });
        using var keep = await app.Client.SendAsync(As("ada01", HttpMethod.Post, "/api/feedback/sbi", planning));
        var id = (await keep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kept").GetProperty("id").GetString()!;

        using var otherRead = await app.Client.SendAsync(As("bob02", HttpMethod.Get, $"/api/feedback/sbi/{id}"));
        using var otherList = await app.Client.SendAsync(As("bob02", HttpMethod.Get, "/api/feedback/sbi"));
        using var otherDelete = await app.Client.SendAsync(As("bob02", HttpMethod.Delete, $"/api/feedback/sbi/{id}"));
        using var ownList = await app.Client.SendAsync(As("ada01", HttpMethod.Get, "/api/feedback/sbi"));
        using var ownRead = await app.Client.SendAsync(As("ada01", HttpMethod.Get, $"/api/feedback/sbi/{id}"));

        Assert.Equal(HttpStatusCode.OK, keep.StatusCode);
        await HttpProblems.AssertAsync(otherRead, HttpStatusCode.NotFound);
        Assert.Equal(0, (await otherList.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        await HttpProblems.AssertAsync(otherDelete, HttpStatusCode.NotFound);
        var own = await ownList.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, own.GetProperty("kept")[0].GetProperty("id").GetString());
        Assert.Equal(30, own.GetProperty("keepDays").GetInt32());
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
        Assert.Equal(Sbi.PlanningBehavior, (await ownRead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("behavior").GetString());
    }

    [Fact]
    public async Task Deleting_kept_feedback_needs_the_dashboards_header_so_a_cross_site_delete_changes_nothing()
    {
        var settings = TestHost.Settings(azurite);
        await using var app = await ServedApp.StartAsync(settings, dashboardClient: true);
        var planning = JsonSerializer.Serialize(new { kind = "constructive", situation = Sbi.PlanningSituation, behavior = Sbi.PlanningBehavior, impact = Sbi.PlanningImpact, keep = true });
        using var keep = await app.Client.PostAsync("/api/feedback/sbi", new StringContent(planning, Encoding.UTF8, "application/json"));
        var id = (await keep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kept").GetProperty("id").GetString()!;
        using var bare = new HttpClient { BaseAddress = app.Address };

        using var forged = await bare.DeleteAsync($"/api/feedback/sbi/{id}");
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Delete, $"/api/feedback/sbi/{id}");
        fromElsewhere.Headers.Add("Origin", "https://evil.example");
        using var crossSite = await app.Client.SendAsync(fromElsewhere);
        using var stillThere = await app.Client.GetAsync($"/api/feedback/sbi/{id}");

        await HttpProblems.AssertAsync(forged, HttpStatusCode.Forbidden);
        await HttpProblems.AssertAsync(crossSite, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Kept_feedback_is_unreadable_after_keep_days_and_the_expiry_job_deletes_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var settings = TestHost.Settings(azurite);
        settings["Feedback:KeepDays"] = "30";
        using var host = TestHost.Build(settings, time);
        var store = host.Services.GetRequiredService<FeedbackDraftStore>();
        var kept = new KeptFeedback("0123456789abcdef0123456789abcdef", time.GetUtcNow(), Sbi.PlanningMeeting(), [], []);
        await store.SaveAsync("aad:ada", kept, CancellationToken.None);

        time.Advance(TimeSpan.FromDays(29));
        var onDay29 = await store.GetAsync("aad:ada", kept.Id, CancellationToken.None);
        var deletedOnDay29 = await store.DeleteExpiredAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        var onDay30 = await store.GetAsync("aad:ada", kept.Id, CancellationToken.None);
        var listedOnDay30 = await store.ListAsync("aad:ada", CancellationToken.None);
        await host.Services.GetRequiredService<ExpireFeedbackJob>().RunAsync(CancellationToken.None);
        var table = await host.Services.GetRequiredService<TableStore>().GetTableAsync(FeedbackDraftStore.Table, CancellationToken.None);

        Assert.NotNull(onDay29);
        Assert.Equal(time.GetUtcNow(), onDay29.ExpiresAt);
        Assert.Equal(0, deletedOnDay29);
        Assert.Null(onDay30);
        Assert.Empty(listedOnDay30);
        Assert.Empty(await table.QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task A_damaged_draft_row_is_skipped_counted_and_named_in_health_while_the_queue_still_answers()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var waiting = (await SampleServe.WaitingAsync(app)).Count;
        var table = await app.Services.GetRequiredService<TableStore>().GetTableAsync(Tables.Drafts, CancellationToken.None);
        await table.AddEntityAsync(new TableEntity("drafts", "adr-broken") { ["Kind"] = "adr-summary", ["Status"] = DraftStatus.PendingReview.ToStoredString(), ["Data"] = "{ not json" });

        using var list = await app.Client.GetAsync("/api/drafts?status=all");
        using var health = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, listed.GetProperty("skipped").GetInt32());
        Assert.True(listed.GetProperty("count").GetInt32() >= waiting);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("unreadableDrafts").GetInt32());
        Assert.Equal(waiting, report.GetProperty("draftsWaitingForReview").GetInt32());
    }

    [Theory]
    [InlineData("/api/signals")]
    [InlineData("/api/signals/trend?weeks=2")]
    [InlineData("/api/teams")]
    [InlineData("/api/drafts")]
    [InlineData("/api/feedback/sbi")]
    [InlineData("/api/health")]
    [InlineData("/api/drafts/not-there")]
    [InlineData("/api/signals?week=bad")]
    public async Task Every_api_answer_is_no_store_and_nosniff(string path)
    {
        await using var app = await SampleServe.StartAsync(azurite);

        using var response = await app.Client.GetAsync(path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public void Every_state_changing_route_is_behind_a_person_or_a_signature()
    {
        var changing = Routes.All.Where(r => AccessGate.ChangesState(r.Method)).ToList();

        Assert.NotEmpty(changing);
        Assert.All(changing, r => Assert.True(r.Access is RouteAccess.SignedIn or RouteAccess.Reviewer or RouteAccess.Signature, $"{r.Name} ({r.Method}) is {r.Access}"));
        Assert.All(Routes.All.Where(r => r.Template.StartsWith("drafts/", StringComparison.Ordinal) && AccessGate.ChangesState(r.Method)), r => Assert.Equal(RouteAccess.Reviewer, r.Access));
    }

    [Fact]
    public async Task Serve_refuses_every_state_changing_route_without_the_dashboards_header()
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));
        foreach (var route in Routes.All.Where(r => AccessGate.ChangesState(r.Method) && r.Access != RouteAccess.Signature))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), $"/{Routes.Prefix}/{Fill(route.Template)}")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };

            using var response = await app.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Name}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_functions_trigger_goes_through_the_gate()
    {
        var people = FunctionsApp.Metadata.Where(f => f.Trigger == "httpTrigger" && Routes.Named(f.Name).Access is RouteAccess.SignedIn or RouteAccess.Reviewer).ToList();
        using var local = FunctionsApp.Build();
        using var azure = FunctionsApp.Build(new Dictionary<string, string?>
        {
            [AppServicePlatform.InstanceId] = "abc123",
            [AppServicePlatform.AuthEnabled] = "True",
            ["Dashboard:PublicOrigin"] = null,
        });

        Assert.NotEmpty(people);
        foreach (var function in people)
        {
            // In Azure without a sign-in every one is 401; locally a change without the dashboard's header is 403.
            Assert.True(await InvokeAsync(azure, function) == StatusCodes.Status401Unauthorized, function.Name);
            if (AccessGate.ChangesState(function.Methods[0]))
            {
                Assert.True(await InvokeAsync(local, function) == StatusCodes.Status403Forbidden, function.Name);
            }
        }
    }

    private static string Fill(string template) => template.Replace("{id}", "0123456789abcdef0123456789abcdef", StringComparison.Ordinal).Replace("{name}", "index.html", StringComparison.Ordinal);

    /// <summary>Calls the trigger method with a request that has neither sign-in headers nor X-Requested-With.</summary>
    private static async Task<int> InvokeAsync(Microsoft.Extensions.Hosting.IHost host, FunctionEntry function)
    {
        using var scope = host.Services.CreateScope();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Class);
        var method = function.Class.GetMethods().Single(m => m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name == function.Name);
        var request = FunctionsApp.Request(scope.ServiceProvider, function.Methods[0].ToUpperInvariant(), "{}");
        var arguments = method.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : (object)(p.Name == "name" ? "index.html" : "0123456789abcdef0123456789abcdef")).ToArray();
        var result = await (Task<IActionResult>)method.Invoke(instance, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        return request.HttpContext.Response.StatusCode;
    }
}
