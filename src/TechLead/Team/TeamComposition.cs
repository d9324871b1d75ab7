using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Team;

internal static class TeamComposition
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        // Teams:N:* or the one team of Team:*, each named by the section it came from.
        services.AddOptions<TeamsOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Teams = TeamsOptions.Read(configuration))
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TeamDirectory>();
        // The first team's calendar: what "today" and "last week" mean where no team is named (SBI, the sample).
        services.TryAddSingleton(provider => provider.GetRequiredService<TeamDirectory>().Default.Calendar);
        return services;
    }
}
