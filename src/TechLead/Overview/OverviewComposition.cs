using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Overview;

internal static class OverviewComposition
{
    /// <summary>The week at a glance, shared by the digest and the dashboard's overview; the links come from the digest's settings.</summary>
    public static IServiceCollection AddOverview(this IServiceCollection services) => services.AddSingleton<WeekOverview>();
}
