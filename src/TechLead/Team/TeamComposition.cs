using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Team;

public static class TeamComposition
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddValidatedOptions<TeamOptions, TeamOptionsValidator>(TeamOptions.Section);
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        // A top-level list (Teams:0:Name ...) binds to the options' one property.
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
