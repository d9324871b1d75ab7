using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Sync;

public static class SyncComposition
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddSingleton<RepositoryCatalog>();
        services.AddSingleton<ActivityIngestor>();
        return services;
    }
}
