using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Functions;
using TechLead.Local.Commands;
using TechLead.ReleaseNotes;
using TechLead.Tests.Functions;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Webhooks;
using TechLead.Webhooks;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// Hardening against small attacks: an error answer that reflects what was sent, an answer a browser may sniff or
/// cache, and an old release delivery replayed to move the release-notes range back.
/// </summary>
public sealed partial class AccessAttackTests
{
    private const string Marker = "zq7echo";
    private const string WebhookSecret = "hardening-webhook-secret-0123456789";

    [Fact]
    public async Task An_error_answer_names_the_parameter_and_its_rule_and_never_repeats_what_was_sent()
    {
        var settings = TestHost.Settings(Azurite);
        settings["GitHub:WebhookSecret"] = WebhookSecret;
        await using var app = await ServedApp.StartAsync(settings, dashboardClient: true);
        (string Method, string Path, string? ContentType, string? Body, string? Parameter)[] cases =
        [
            ("GET", $"/api/signals?week={Marker}", null, null, "week"),
            ("GET", $"/api/signals/trend?weeks={Marker}", null, null, "weeks"),
            ("GET", $"/api/signals?team={Marker}", null, null, "team"),
            ("GET", $"/api/drafts?status={Marker}", null, null, "status"),
            ("GET", $"/api/drafts?kind={Marker.ToUpperInvariant()}", null, null, "kind"),
            ("GET", $"/api/drafts?team={Marker}", null, null, "team"),
            ("GET", $"/api/drafts/{Marker}", null, null, null),
            ("POST", $"/api/drafts/{Marker}-0123456789abcdef/approve", null, null, null),
            ("POST", "/api/feedback/sbi", "application/json", $$"""{"kind":"positive","situation":"In the review","behavior":"You fixed it","impact":"We shipped","{{Marker}}":1}""", "$"),
            ("POST", "/api/github/webhook", $"text/{Marker}", "{}", null),
        ];

        foreach (var (method, path, contentType, body, parameter) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
            }

            using var response = await app.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode >= 400, $"{method} {path}: {response.StatusCode}");
            Assert.False(text.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"{method} {path} answered {(int)response.StatusCode} repeating what was sent: {text}");
            if (parameter is not null)
            {
                var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
                Assert.True(errors.TryGetProperty(parameter, out var messages), $"{method} {path}: no error under '{parameter}': {text}");
                Assert.NotEmpty(messages.EnumerateArray().Single().GetString()!);
            }
        }
    }

    [Fact]
    public async Task Every_answer_of_serve_is_nosniff_and_no_store_including_404_405_400_and_500()
    {
        var address = new Uri($"http://127.0.0.1:{NodeService.FreePort()}/");
        await using var app = ServeCommand.Build(address.ToString().TrimEnd('/'), noSchedule: true, TestHost.Settings(Azurite), workers: false);
        // A handler that fails, so the exception handler's own 500 is seen.
        app.MapGet("/api/test-failure", IResult () => throw new InvalidOperationException("failure for the test"));
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add(TechLead.Access.AccessGate.CsrfHeader, "techlead-dashboard");

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/teams");
        rebound.Headers.Host = $"attacker.example:{address.Port}";
        using var badJson = new HttpRequestMessage(HttpMethod.Post, "/api/feedback/sbi") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        (string Name, HttpRequestMessage Request, HttpStatusCode Expected)[] cases =
        [
            ("page", new HttpRequestMessage(HttpMethod.Get, "/"), HttpStatusCode.OK),
            ("script", new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/assets/dashboard.js"), HttpStatusCode.OK),
            ("unknown route", new HttpRequestMessage(HttpMethod.Get, "/api/no-such-route"), HttpStatusCode.NotFound),
            ("wrong method", new HttpRequestMessage(HttpMethod.Put, "/api/teams"), HttpStatusCode.MethodNotAllowed),
            ("host filtering", rebound, HttpStatusCode.BadRequest),
            ("bad JSON", badJson, HttpStatusCode.BadRequest),
            ("exception", new HttpRequestMessage(HttpMethod.Get, "/api/test-failure"), HttpStatusCode.InternalServerError),
        ];

        foreach (var (name, request, expected) in cases)
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                Assert.True(response.StatusCode == expected, $"{name}: {response.StatusCode}");
                Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && string.Join(",", sniff) == "nosniff", $"{name}: no nosniff");
                Assert.True(response.Headers.CacheControl?.ToString() == "no-store", $"{name}: Cache-Control {response.Headers.CacheControl}");
            }
        }

        await app.StopAsync();
    }

    [Fact]
    public async Task The_functions_page_its_files_and_the_api_are_nosniff_and_no_store()
    {
        using var host = FunctionsApp.Build();
        using var scope = host.Services.CreateScope();
        var functions = ActivatorUtilities.CreateInstance<DashboardFunctions>(scope.ServiceProvider);
        (string Name, Func<HttpRequest, Task<IActionResult>> Call)[] cases =
        [
            ("Dashboard", functions.Page),
            ("DashboardAsset", request => functions.Asset(request, "dashboard.css")),
            ("Teams", functions.Teams),
        ];

        foreach (var (name, call) in cases)
        {
            var request = FunctionsApp.Request(scope.ServiceProvider, "GET", "");
            var result = await call(request);
            await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));

            var headers = request.HttpContext.Response.Headers;
            Assert.True(request.HttpContext.Response.StatusCode == StatusCodes.Status200OK, $"{name}: {request.HttpContext.Response.StatusCode}");
            Assert.Equal((name, "nosniff", "no-store"), (name, headers.XContentTypeOptions.ToString(), headers.CacheControl.ToString()));
        }
    }

    [Fact]
    public async Task An_old_release_replayed_under_a_new_delivery_id_is_stored_but_does_not_move_the_release_notes_range_back()
    {
        var settings = TestHost.Settings(Azurite);
        settings["GitHub:WebhookSecret"] = WebhookSecret;
        await using var app = await ServedApp.StartAsync(settings);
        var repository = RepositoryName.Parse("octo-org/payments-api");
        var processor = app.Services.GetRequiredService<WebhookProcessingJob>();

        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(app, ReleasePublished(2, "v2.0.0", "2026-11-18T16:00:00Z")));

        await processor.ProcessPendingAsync(CancellationToken.None);
        // The body of an older release (as an attacker who saw it, or a late redelivery, sends it again), twice, under new ids.
        var old = ReleasePublished(1, "v1.9.0", "2026-10-01T09:00:00Z");
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(app, old));
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(app, old));

        var processed = await processor.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal((2, 0), (processed.Processed, processed.Failed));
        var baseline = await app.Services.GetRequiredService<ReleaseBaselineStore>().GetAsync(repository, CancellationToken.None);
        Assert.Equal(("v2.0.0", new DateTimeOffset(2026, 11, 18, 16, 0, 0, TimeSpan.Zero)), (baseline?.Tag, baseline?.Since));
        var releases = await app.Services.GetRequiredService<ActivityStore>().QueryAsync(ReleaseMap.Instance, ActivityTables.RepositoryKey(repository), null, CancellationToken.None);
        Assert.Equal(["v1.9.0", "v2.0.0"], releases.Select(r => r.Tag).Order(StringComparer.Ordinal));
    }

    private static async Task<HttpStatusCode> DeliverAsync(ServedApp app, string body)
    {
        using var request = WebhookPayloads.SignedDelivery(WebhookSecret, body, "release", Guid.NewGuid().ToString());
        using var response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A <c>release</c> event with action <c>published</c>, in the shape GitHub documents for the webhook.</summary>
    private static string ReleasePublished(long id, string tag, string publishedAt) => $$"""
        { "action": "published",
          "release": { "url": "https://api.github.com/repos/octo-org/payments-api/releases/{{id}}", "id": {{id}}, "node_id": "RE_{{id}}",
                       "html_url": "https://github.com/octo-org/payments-api/releases/tag/{{tag}}", "tag_name": "{{tag}}",
                       "target_commitish": "main", "name": "{{tag}}", "draft": false, "prerelease": false,
                       "author": { "login": "bao", "id": 102, "type": "User" },
                       "created_at": "{{publishedAt}}", "published_at": "{{publishedAt}}", "assets": [], "body": "Notes" },
          "repository": { "id": 5000, "name": "payments-api", "full_name": "octo-org/payments-api", "private": true, "default_branch": "main",
                          "owner": { "login": "octo-org", "id": 200, "type": "Organization" } },
          "sender": { "login": "bao", "id": 102, "type": "User" } }
        """;
}
