using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
using TechLead.Local.Commands;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>Dashboard tests share one Azurite and one Chromium; every test gets its own tables and its own serve.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Dashboard";
}

/// <summary><c>serve</c> on the sample workspace with the demo's drafts waiting for review, as a tech lead sees it on Monday.</summary>
public static class SampleServe
{
    internal static async Task<ServedApp> StartAsync(AzuriteFixture azurite, params (string Key, string? Value)[] extra)
    {
        var settings = TestHost.Settings(azurite);
        settings["Signals:JiraProjects:0"] = "SHOP";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var app = await ServedApp.StartAsync(settings);
        await SeedAsync(app);
        return app;
    }

    /// <summary>The sample workspace and its drafts waiting for review.</summary>
    internal static async Task SeedAsync(ServedApp app)
    {
        await app.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await DemoCommand.DraftSampleAsync(app.Services, CancellationToken.None);
    }

    internal static async Task<IReadOnlyList<DraftRecord>> WaitingAsync(ServedApp app) =>
        await app.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None);

    /// <summary>A decision as the dashboard page sends it: If-Match, X-Requested-With and, from a browser, Origin.</summary>
    public static HttpRequestMessage Decision(string path, string? version, object? body, bool csrf = true, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", version);
        }

        if (csrf)
        {
            request.Headers.Add(AccessGate.CsrfHeader, "techlead-dashboard");
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
