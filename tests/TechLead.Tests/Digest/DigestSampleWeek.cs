using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The sample workspace's week 2026-W47, as the demo shows it: synced into Azurite once, composed on demand.</summary>
public static class DigestSampleWeek
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
}
