using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Activity;

internal static class ActivityComposition
{
    /// <summary>The activity tables, the catalogue of known repositories and the ingestor every source stores through.</summary>
    public static IServiceCollection AddActivity(this IServiceCollection services)
    {
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<RepositoryCatalog>();
        services.AddSingleton<ActivityIngestor>();
        return services;
    }
}
