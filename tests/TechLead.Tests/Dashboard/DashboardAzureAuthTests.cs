using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Review;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// The Azure auth mode: the app believes the headers App Service Authentication sets (X-MS-CLIENT-PRINCIPAL with its
/// -ID and -IDP) only when the platform says its sign-in runs (WEBSITE_AUTH_ENABLED=True), as its front end would
/// send them; decisions need the Reviewer app role or a Dashboard:Reviewers entry.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAzureAuthTests(AzuriteFixture azurite)
{
    private const string Portal = "https://portal.example.com";
    private const string HostName = "func-techlead.azurewebsites.net";
    private const string AdaId = "00000000-0000-0000-0000-00000000ada1";

    /// <summary>What App Service sets on an instance with its authentication on.</summary>
    internal static readonly (string, string?)[] Platform =
    [
        (AppServicePlatform.InstanceId, "abc123"),
        (AppServicePlatform.AuthEnabled, "True"),
        (AppServicePlatform.HostName, HostName),
    ];

    private Task<ServedApp> StartAsync(params (string, string?)[] extra) => SampleServe.StartAsync(azurite,
        [.. Platform, ("Dashboard:AllowedOrigins:0", Portal), .. extra]);

    /// <summary>What App Service Authentication sets for a signed-in Entra ID user (base64 JSON claims), with the app roles given.</summary>
    internal static void SignedIn(HttpRequestMessage request, string id = AdaId, string email = "ada@contoso.com", params string[] roles)
    {
        foreach (var (name, value) in PrincipalHeaders(id, email, roles))
        {
            request.Headers.Add(name, value);
        }
    }

    /// <summary>The headers of <see cref="SignedIn(HttpRequestMessage, string, string, string[])"/>, for a request built without HttpClient.</summary>
    internal static (string Name, string Value)[] PrincipalHeaders(string id = AdaId, string email = "ada@contoso.com", params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", val = email },
            new { typ = "name", val = "Ada Lovelace" },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims,
        };
        return
        [
            (PlatformPrincipal.Header, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(principal))),
            (PlatformPrincipal.IdHeader, id),
            (PlatformPrincipal.IdpHeader, "aad"),
        ];
    }

    private static HttpRequestMessage Approve(DraftRecord draft, string? origin = null) =>
        SampleServe.Decision($"/api/drafts/{draft.Id}/approve", ReviewQueue.Version(draft), body: null, origin: origin);

    private static async Task<DraftStatus> StatusAsync(ServedApp app, string id) =>
        (await app.Services.GetRequiredService<ReviewQueue>().GetAsync(id, CancellationToken.None))!.Status;

    [Theory]
    [InlineData("/api/signals")]
    [InlineData("/api/signals/trend")]
    [InlineData("/api/drafts")]
    [InlineData("/api/dashboard")]
    [InlineData("/")]
    [InlineData("/api/feedback/sbi")]
    [InlineData("/api/feedback/sbi/0123456789abcdef0123456789abcdef")]
    public async Task Without_the_platforms_sign_in_headers_everything_but_health_is_401(string path)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(path);

        await HttpProblems.AssertAsync(response, HttpStatusCode.Unauthorized);
        using var health = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_principal_id_alone_is_not_a_sign_in()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        request.Headers.Add(PlatformPrincipal.IdHeader, "someone");
        request.Headers.Add(PlatformPrincipal.NameHeader, "someone@contoso.com");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Forged_sign_in_headers_are_not_believed_when_app_service_authentication_is_off()
    {
        // The attack: a default deployment (no sign-in) and a client that sends the principal headers itself.
        var logs = new FakeLoggerProvider();
        var settings = TestHost.Settings(azurite);
        settings["Signals:JiraProjects:0"] = "SHOP";
        settings[AppServicePlatform.InstanceId] = "abc123";
        settings[AppServicePlatform.HostName] = HostName;
        await using var app = await ServedApp.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(logs));
        await SampleServe.SeedAsync(app);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var approve = Approve(draft, origin: "https://" + HostName);
        SignedIn(approve, email: "ceo@contoso.com", roles: AccessGate.ReviewerRole);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        SignedIn(read);

        using var refused = await app.Client.SendAsync(approve);
        using var unread = await app.Client.SendAsync(read);

        var problem = await HttpProblems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains(AppServicePlatform.AuthEnabled, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unread.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
        Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(AppServicePlatform.AuthEnabled, StringComparison.Ordinal));
        using var health = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task App_service_mode_outside_app_service_is_refused_at_start_up()
    {
        var settings = TestHost.Settings(azurite);
        settings["Dashboard:Authentication"] = "AppService";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServedApp.StartAsync(settings));

        Assert.Contains(failure.Failures, f => f.Contains("Dashboard:Authentication", StringComparison.Ordinal) && f.Contains(AppServicePlatform.InstanceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_in_person_without_the_reviewer_role_reads_the_queue_but_cannot_decide()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        SignedIn(read);
        using var approve = Approve(draft);
        SignedIn(approve);
        using var reject = new HttpRequestMessage(HttpMethod.Post, $"/api/drafts/{draft.Id}/reject")
        {
            Content = new StringContent("""{"reason":"no"}""", Encoding.UTF8, "application/json"),
        };
        reject.Headers.TryAddWithoutValidation("If-Match", ReviewQueue.Version(draft));
        reject.Headers.Add(AccessGate.CsrfHeader, "x");
        SignedIn(reject);

        using var listed = await app.Client.SendAsync(read);
        using var approved = await app.Client.SendAsync(approve);
        using var rejected = await app.Client.SendAsync(reject);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var problem = await HttpProblems.AssertAsync(approved, HttpStatusCode.Forbidden);
        Assert.Contains("'Reviewer'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
    }

    [Fact]
    public async Task Deep_health_checks_are_for_reviewers_and_plain_health_stays_open()
    {
        await using var app = await StartAsync();
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/api/health?checks=deep");
        SignedIn(signedIn);
        using var reviewer = new HttpRequestMessage(HttpMethod.Get, "/api/health?checks=deep");
        SignedIn(reviewer, roles: AccessGate.ReviewerRole);

        using var plain = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var anonymous = await app.Client.GetAsync(new Uri("/api/health?checks=deep", UriKind.Relative));
        using var refused = await app.Client.SendAsync(signedIn);
        using var deep = await app.Client.SendAsync(reviewer);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("\"results\"", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var problem = await HttpProblems.AssertAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("Deep health checks", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'Reviewer'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(deep.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, deep.StatusCode.ToString());
        using var json = JsonDocument.Parse(await deep.Content.ReadAsStringAsync());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("connection").GetString() == "Storage" && r.GetProperty("subject").GetString() == "Table Storage"
            && r.GetProperty("status").GetString() == "ok");
        Assert.Equal(deep.StatusCode == HttpStatusCode.OK, json.RootElement.GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task The_reviewer_role_approves_from_the_apps_https_origin_and_the_approver_is_stored()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        // The browser is on https://<app>.azurewebsites.net; the worker itself sees http on another host.
        using var request = Approve(draft, origin: "https://" + HostName);
        SignedIn(request, roles: AccessGate.ReviewerRole);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.Services.GetRequiredService<ReviewQueue>().GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal("ada@contoso.com (aad)", stored!.DecidedBy);
    }

    [Fact]
    public async Task A_dashboard_reviewers_entry_stands_in_for_the_role()
    {
        await using var app = await StartAsync(("Dashboard:Reviewers:0", AdaId));
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var request = Approve(draft);
        SignedIn(request);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DraftStatus.Approved, await StatusAsync(app, draft.Id));
    }

    [Theory]
    [InlineData("aad", "00000000-0000-0000-0000-0000000bad01", AdaId)]
    [InlineData("github", AdaId, "ada")]
    public async Task A_listed_object_id_is_matched_only_as_an_entra_object_id_never_as_a_name(string provider, string id, string name)
    {
        // Mallory renames herself to Ada's listed id, or signs in with another provider whose user id is that text.
        await using var app = await StartAsync(("Dashboard:Reviewers:0", AdaId));
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var request = Approve(draft);
        foreach (var (header, value) in PrincipalHeaders(id, email: name).Where(h => h.Name != PlatformPrincipal.IdpHeader))
        {
            request.Headers.Add(header, value);
        }

        request.Headers.Add(PlatformPrincipal.IdpHeader, provider);
        request.Headers.Add(PlatformPrincipal.NameHeader, name);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
    }

    [Theory]
    [InlineData("ada@contoso.com")]
    [InlineData("Ada Lovelace")]
    [InlineData(" ")]
    public void A_reviewers_entry_that_is_not_an_object_id_is_refused_at_start_naming_the_setting(string entry)
    {
        var settings = TestHost.Settings(azurite);
        settings["Dashboard:Reviewers:0"] = AdaId;
        settings["Dashboard:Reviewers:1"] = entry;

        var problems = TestHost.StartupProblems(settings);

        var problem = Assert.Single(problems, p => p.Contains("Dashboard:Reviewers", StringComparison.Ordinal));
        Assert.Contains("object id", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_requests_own_host_is_not_an_origin_the_dashboard_trusts()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        // Origin equal to scheme://Host of the request: what a rebinding page would present.
        using var request = Approve(draft, origin: app.Address.GetLeftPart(UriPartial.Authority));
        SignedIn(request, roles: AccessGate.ReviewerRole);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
    }

    [Fact]
    public async Task A_signed_in_call_from_an_unlisted_origin_changes_nothing_and_gets_no_cors_grant()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var post = Approve(draft, origin: "https://evil.example");
        SignedIn(post, roles: AccessGate.ReviewerRole);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        SignedIn(get);
        get.Headers.Add("Origin", "https://evil.example");

        using var refused = await app.Client.SendAsync(post);
        using var read = await app.Client.SendAsync(get);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, await StatusAsync(app, draft.Id));
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_listed_origin_gets_cors_and_its_preflight_allows_the_decision_headers()
    {
        await using var app = await StartAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/drafts/x/approve");
        preflight.Headers.Add("Origin", Portal);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-match,content-type,x-requested-with");

        using var response = await app.Client.SendAsync(preflight);

        Assert.Equal(Portal, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("if-match", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_mode_is_refused_at_start_up_inside_app_service()
    {
        var settings = TestHost.Settings(azurite);
        settings["Dashboard:Authentication"] = "Local";
        settings[AppServicePlatform.InstanceId] = "abc123";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServedApp.StartAsync(settings));

        Assert.Contains(failure.Failures, f => f.Contains("Dashboard:Authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_setting_the_mode_is_app_service_inside_app_service()
    {
        var settings = TestHost.Settings(azurite);
        settings[AppServicePlatform.InstanceId] = "abc123";
        settings[AppServicePlatform.AuthEnabled] = "True";
        await using var app = await ServedApp.StartAsync(settings);

        using var response = await app.Client.GetAsync("/api/drafts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_switched_off_dashboard_answers_404_and_keeps_the_webhook_and_health()
    {
        var settings = TestHost.Settings(azurite);
        settings[AppServicePlatform.InstanceId] = "abc123";
        settings["Dashboard:Enabled"] = "false";
        settings["GitHub:WebhookSecret"] = "a-long-webhook-secret-0123456789abcdef";
        await using var app = await ServedApp.StartAsync(settings);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        SignedIn(page, roles: AccessGate.ReviewerRole);

        using var dashboard = await app.Client.SendAsync(page);
        using var drafts = await app.Client.GetAsync("/api/drafts");
        using var health = await app.Client.GetAsync("/api/health");
        using var webhook = await app.Client.PostAsync("/api/github/webhook", new StringContent("{}", Encoding.UTF8, "application/json"));

        await HttpProblems.AssertAsync(dashboard, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, drafts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // The webhook is still there: unsigned, it is refused by its own gate (401), not missing.
        Assert.Equal(HttpStatusCode.Unauthorized, webhook.StatusCode);
    }
}
