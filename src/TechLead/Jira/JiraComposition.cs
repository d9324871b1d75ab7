using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Queues;
using TechLead.Storage;

namespace TechLead.Jira;

internal static class JiraComposition
{
    public static IServiceCollection AddJira(this IServiceCollection services)
    {
        services.AddValidatedOptions<JiraOptions, JiraOptionsValidator>(JiraOptions.Section)
            .Configure<IConfiguration>(ReadLegacyProjects);
        services.AddSingleton<IValidateOptions<JiraOptions>, TeamProjectsValidator>();
        services.AddHttpClient(JiraClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(100));
        services.AddSingleton<JiraClient>();
        services.AddSingleton(provider => new JiraSyncJob(
            provider.GetRequiredService<JiraClient>(),
            provider.GetRequiredService<ActivityIngestor>(),
            provider.GetRequiredService<SyncCursorStore>(),
            provider.GetRequiredService<WorkQueues>(),
            provider.GetRequiredService<IOptions<JiraOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<JiraSyncJob>>()));
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<JiraSyncJob>());
        services.AddSingleton<Queues.IQueueHandler, JiraProjectWork>();
        return services;
    }

    /// <summary>Jira:Projects replaced Signals:JiraProjects; the old name is still read (with a warning) for one release.</summary>
    private static void ReadLegacyProjects(JiraOptions options, IConfiguration configuration)
    {
        if (options.ProjectKeys.Count > 0)
        {
            return;
        }

        var legacy = configuration.GetSection(JiraOptions.LegacyProjectsSetting).Get<List<string>>();
        if (legacy is { Count: > 0 } && legacy.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            options.Projects = legacy;
            options.UsesLegacyProjects = true;
        }
    }
}
