using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Tests.Infrastructure;
using TechLead.Webhooks;

namespace TechLead.Tests.Webhooks;

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Webhooks";
}

/// <summary>The webhook over real HTTP through <c>serve</c>, with a real Azurite behind it.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookEndpointTests(AzuriteFixture azurite)
{
    private const string Secret = "test-webhook-secret-0123456789abcdef";

    [Fact]
    public async Task A_signed_merged_pull_request_is_acknowledged_with_202_and_recorded_once()
    {
        await using var app = await StartAsync();
        var delivery = Guid.NewGuid().ToString();

        using var first = await SendAsync(app, "pull_request", delivery, WebhookPayloads.MergedPullRequest());
        using var again = await SendAsync(app, "pull_request", delivery, WebhookPayloads.MergedPullRequest());

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("queued", (await first.Content.ReadFromJsonAsync<WebhookAnswer>())!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<WebhookAnswer>())!.Status);
        var pending = await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None);
        var recorded = Assert.Single(pending);
        Assert.Equal(delivery, recorded.DeliveryId);
        Assert.Equal("closed", recorded.Action);
        Assert.Equal("octo-org/payments-api", recorded.Repository);
        Assert.Equal(WebhookPayloads.MergedPullRequest(), Encoding.UTF8.GetString(recorded.Body));
    }

    [Fact]
    public async Task A_forged_signature_is_401_and_nothing_is_recorded()
    {
        await using var app = await StartAsync();
        var body = WebhookPayloads.MergedPullRequest();

        using var forged = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), body, signature: WebhookSignature.Sign("another-secret-xxxxxxxx", Encoding.UTF8.GetBytes(body)));
        using var unsigned = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), body, signature: "");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("missing", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_body_truncated_in_transit_fails_the_signature_and_a_signed_truncated_body_is_400()
    {
        await using var app = await StartAsync();
        var body = WebhookPayloads.MergedPullRequest();
        var truncated = body[..(body.Length / 2)];

        using var inTransit = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), truncated, signature: Sign(body));
        using var signedTruncated = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), truncated);

        Assert.Equal(HttpStatusCode.Unauthorized, inTransit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signedTruncated.StatusCode);
        using var problem = JsonDocument.Parse(await signedTruncated.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", signedTruncated.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Missing_headers_are_all_named_in_one_problem()
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, eventName: "", delivery: "", WebhookPayloads.MergedPullRequest());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("X-GitHub-Event", out _));
        Assert.True(errors.TryGetProperty("X-GitHub-Delivery", out _));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        await using var app = await StartAsync(maxBodyBytes: 2048);
        var body = WebhookPayloads.MergedPullRequest(body: new string('x', 4096));

        using var response = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_form_encoded_delivery_is_415_with_how_to_fix_it()
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), WebhookPayloads.MergedPullRequest(), contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_is_200_and_events_we_do_not_use_are_202_and_dropped()
    {
        await using var app = await StartAsync();

        using var ping = await SendAsync(app, "ping", Guid.NewGuid().ToString(), WebhookPayloads.Ping());
        using var star = await SendAsync(app, "star", Guid.NewGuid().ToString(), WebhookPayloads.Star());

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, star.StatusCode);
        Assert.Equal("ignored", (await star.Content.ReadFromJsonAsync<WebhookAnswer>())!.Status);
        Assert.Empty(await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_configured_secret_every_delivery_is_refused()
    {
        await using var app = await StartAsync(secret: null);

        using var response = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), WebhookPayloads.MergedPullRequest(), signature: "");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("GitHub:WebhookSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_secret_rotation_deliveries_signed_with_either_secret_are_accepted()
    {
        await using var app = await StartAsync(secret: "the-new-secret-0123456789", previousSecret: Secret);

        using var old = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), WebhookPayloads.MergedPullRequest());
        var body = WebhookPayloads.MergedPullRequest(number: 43);
        using var fresh = await SendAsync(app, "pull_request", Guid.NewGuid().ToString(), body,
            signature: WebhookSignature.Sign("the-new-secret-0123456789", Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Accepted, old.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }

    [SharedFixturesFact]
    public async Task Every_real_payload_of_the_events_we_process_is_accepted_and_recorded()
    {
        await using var app = await StartAsync(maxBodyBytes: 25 * 1024 * 1024);
        var sent = 0;
        foreach (var eventName in GitHubWebhookHandler.ProcessedEvents)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.GitHubWebhookFixtures, eventName), "*.json"))
            {
                using var response = await SendAsync(app, eventName, Guid.NewGuid().ToString(), await File.ReadAllTextAsync(file));
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                sent++;
            }
        }

        Assert.Equal(sent, (await app.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None)).Count);
    }

    private Task<ServedApp> StartAsync(string? secret = Secret, string? previousSecret = null, int? maxBodyBytes = null)
    {
        var settings = TestHost.Settings(azurite);
        settings["GitHub:WebhookSecret"] = secret;
        settings["GitHub:WebhookPreviousSecret"] = previousSecret;
        if (maxBodyBytes is not null)
        {
            settings["GitHub:WebhookMaxBodyBytes"] = maxBodyBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ServedApp.StartAsync(settings);
    }

    private static string Sign(string body) => WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(body));

    private static async Task<HttpResponseMessage> SendAsync(ServedApp app, string eventName, string delivery, string body,
        string? signature = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/github/webhook")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (eventName.Length > 0)
        {
            request.Headers.Add("X-GitHub-Event", eventName);
        }

        if (delivery.Length > 0)
        {
            request.Headers.Add("X-GitHub-Delivery", delivery);
        }

        var signatureValue = signature ?? Sign(body);
        if (signatureValue.Length > 0)
        {
            request.Headers.Add("X-Hub-Signature-256", signatureValue);
        }

        return await app.Client.SendAsync(request);
    }
}
