using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TechLead.Doctor;

internal static class DoctorComposition
{
    /// <summary>One check per connection, in the order the table shows them.</summary>
    public static IServiceCollection AddDoctor(this IServiceCollection services)
    {
        services.AddSingleton<IDoctorCheck, StorageConnection>();
        services.AddSingleton<IDoctorCheck, GitHubConnection>();
        services.AddSingleton<IDoctorCheck, JiraConnection>();
        services.AddSingleton<IDoctorCheck, MailConnection>();
        services.AddSingleton<IDoctorCheck, ModelConnection>();
        services.AddSingleton<IDoctorCheck, ChatConnection>();
        services.AddSingleton(provider => new DoctorRun(provider.GetServices<IDoctorCheck>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<DoctorRun>>()));
        services.AddSingleton<DeepHealthApi>();
        return services;
    }
}
