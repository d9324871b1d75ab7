using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Digest;
using TechLead.Local.Commands;
using TechLead.Sample;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The sample workspace's week 2026-W47, as the demo shows it: synced into Azurite once, composed on demand.</summary>
internal static class DigestSampleWeek
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    public static FakeTimeProvider Time() => new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public static async Task<DigestDocument> ComposeAsync(AzuriteFixture azurite, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = TestHost.Settings(azurite);
        configure?.Invoke(settings);
        using var host = TestHost.Build(settings, Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        return await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(Week, CancellationToken.None);
    }

    /// <summary>
    /// The email <c>scripts/demo</c> sends: the local runner's team name and Jira projects (src/TechLead.Local/appsettings.json),
    /// and the sample drafts waiting for review, so "Needs you" has all its groups.
    /// </summary>
    public static async Task<DigestDocument> ComposeDemoAsync(AzuriteFixture azurite)
    {
        var settings = TestHost.Settings(azurite);
        using (var appsettings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "TechLead.Local", "appsettings.json"))))
        {
            var root = appsettings.RootElement;
            settings["Team:Name"] = root.GetProperty("Team").GetProperty("Name").GetString();
            var projects = root.GetProperty("Jira").GetProperty("Projects").EnumerateArray().Select(p => p.GetString()).ToList();
            for (var i = 0; i < projects.Count; i++)
            {
                settings[$"Jira:Projects:{i}"] = projects[i];
            }
        }

        using var host = TestHost.Build(settings, Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await DemoCommand.DraftSampleAsync(host.Services, CancellationToken.None);
        return await host.Services.GetRequiredService<WeeklyDigestJob>().ComposeAsync(Week, CancellationToken.None);
    }
}
