using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TechLead.Agreements;

internal static class AgreementsComposition
{
    /// <summary>Working agreements per team (Teams:N:Agreements, Team:Agreements), validated against the signal catalogue at start-up.</summary>
    public static IServiceCollection AddAgreements(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AgreementsOptions>, AgreementsOptionsValidator>();
        services.AddOptions<AgreementsOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Teams = AgreementsOptions.Read(configuration))
            .ValidateOnStart();
        services.AddSingleton<TeamAgreements>();
        return services;
    }
}
