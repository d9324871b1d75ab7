using Microsoft.Extensions.DependencyInjection;
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
    public static async Task<ServedApp> StartAsync(AzuriteFixture azurite, params (string Key, string? Value)[] extra)
    {
        var settings = TestHost.Settings(azurite);
        settings["Signals:JiraProjects:0"] = "SHOP";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var app = await ServedApp.StartAsync(settings);
        await app.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await DemoCommand.DraftSampleAsync(app.Services, CancellationToken.None);
        return app;
    }

    public static async Task<IReadOnlyList<DraftRecord>> WaitingAsync(ServedApp app) =>
        await app.Services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, CancellationToken.None);
}
