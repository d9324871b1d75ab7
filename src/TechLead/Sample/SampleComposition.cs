using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Storage;
using TechLead.Team;

namespace TechLead.Sample;

internal static class SampleComposition
{
    public static IServiceCollection AddSampleWorkspace(this IServiceCollection services)
    {
        services.AddValidatedOptions<SampleWorkspaceOptions, SampleWorkspaceOptionsValidator>(SampleWorkspaceOptions.Section);
        services.AddSingleton<SampleWorkspaceGenerator>();
        services.AddSingleton(provider => new SampleSyncJob(
            provider.GetRequiredService<SampleWorkspaceGenerator>(),
            provider.GetRequiredService<ActivityIngestor>(),
            provider.GetRequiredService<SyncCursorStore>(),
            provider.GetRequiredService<TeamCalendar>(),
            provider.GetRequiredService<IOptions<SampleWorkspaceOptions>>(),
            provider.GetRequiredService<ILogger<SampleSyncJob>>()));
        return services;
    }
}
