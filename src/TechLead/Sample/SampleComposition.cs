using Microsoft.Extensions.DependencyInjection;
using TechLead.Hosting;

namespace TechLead.Sample;

internal static class SampleComposition
{
    public static IServiceCollection AddSampleWorkspace(this IServiceCollection services)
    {
        services.AddValidatedOptions<SampleWorkspaceOptions, SampleWorkspaceOptionsValidator>(SampleWorkspaceOptions.Section);
        services.AddSingleton<SampleWorkspaceGenerator>();
        services.AddSingleton<SampleSyncJob>();
        return services;
    }
}
