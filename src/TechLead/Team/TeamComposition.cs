using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechLead.Hosting;

namespace TechLead.Team;

public static class TeamComposition
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddValidatedOptions<TeamOptions, TeamOptionsValidator>(TeamOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TeamCalendar>();
        return services;
    }
}
