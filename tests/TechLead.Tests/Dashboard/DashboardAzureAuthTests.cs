using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Dashboard;
using TechLead.Review;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// The Azure auth mode (Dashboard:Authentication=AppService): the app believes only the headers App Service
/// Authentication sets (X-MS-CLIENT-PRINCIPAL with its -ID and -IDP), as its front end would send them.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAzureAuthTests(AzuriteFixture azurite)
{
    private const string Portal = "https://portal.example.com";

    private Task<ServedApp> StartAsync() => SampleServe.StartAsync(azurite,
        ("Dashboard:Authentication", "AppService"),
        ("Dashboard:AllowedOrigins:0", Portal));

    /// <summary>What App Service Authentication sets for a signed-in Entra ID user (base64 JSON claims).</summary>
    private static void SignedIn(HttpRequestMessage request)
    {
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[]
            {
                new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", val = "ada@contoso.com" },
                new { typ = "name", val = "Ada Lovelace" },
            },
        };
        request.Headers.Add(DashboardAccess.PrincipalHeader, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(principal)));
        request.Headers.Add(DashboardAccess.PrincipalIdHeader, "00000000-0000-0000-0000-00000000ada1");
        request.Headers.Add(DashboardAccess.PrincipalIdpHeader, "aad");
    }

    [Theory]
    [InlineData("/api/signals")]
    [InlineData("/api/signals/trend")]
    [InlineData("/api/drafts")]
    [InlineData("/api/dashboard")]
    [InlineData("/")]
    [InlineData("/api/feedback/sbi/0123456789abcdef0123456789abcdef")]
    public async Task Without_the_platforms_sign_in_headers_everything_but_health_is_401(string path)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var health = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_principal_id_alone_is_not_a_sign_in()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        request.Headers.Add(DashboardAccess.PrincipalIdHeader, "someone");
        request.Headers.Add(DashboardAccess.PrincipalNameHeader, "someone@contoso.com");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_signed_in_approver_is_stored_on_the_draft()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/drafts/{draft.Id}/approve");
        SignedIn(request);
        request.Headers.TryAddWithoutValidation("If-Match", ReviewQueue.Version(draft));
        request.Headers.Add(DashboardAccess.CsrfHeader, "techlead-dashboard");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.Services.GetRequiredService<ReviewQueue>().GetAsync(draft.Id, CancellationToken.None);
        Assert.Equal("ada@contoso.com (aad)", stored!.DecidedBy);
    }

    [Fact]
    public async Task A_signed_in_call_from_an_unlisted_origin_changes_nothing_and_gets_no_cors_grant()
    {
        await using var app = await StartAsync();
        var draft = (await SampleServe.WaitingAsync(app))[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/drafts/{draft.Id}/approve");
        SignedIn(post);
        post.Headers.TryAddWithoutValidation("If-Match", ReviewQueue.Version(draft));
        post.Headers.Add(DashboardAccess.CsrfHeader, "x");
        post.Headers.Add("Origin", "https://evil.example");
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/drafts");
        SignedIn(get);
        get.Headers.Add("Origin", "https://evil.example");

        using var refused = await app.Client.SendAsync(post);
        using var read = await app.Client.SendAsync(get);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(DraftStatus.PendingReview, (await app.Services.GetRequiredService<ReviewQueue>().GetAsync(draft.Id, CancellationToken.None))!.Status);
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
        settings[DashboardAuthentication.AppServiceMarker] = "abc123";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServedApp.StartAsync(settings));

        Assert.Contains(failure.Failures, f => f.Contains("Dashboard:Authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_setting_the_mode_is_app_service_inside_app_service()
    {
        var settings = TestHost.Settings(azurite);
        settings[DashboardAuthentication.AppServiceMarker] = "abc123";
        await using var app = await ServedApp.StartAsync(settings);

        using var response = await app.Client.GetAsync("/api/drafts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
