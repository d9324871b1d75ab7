using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Agreements;
using TechLead.Overview;
using TechLead.Queues;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Team;

namespace TechLead.Dashboard;

internal static class DashboardComposition
{
    /// <summary>The dashboard page and its API: signals, trends, the review queue, health; access rules from Dashboard:*.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardPage>();
        services.AddSingleton(provider => new SignalsApi(
            provider.GetRequiredService<SignalReports>(),
            provider.GetRequiredService<TeamDirectory>(),
            provider.GetRequiredService<TeamAgreements>()));
        services.AddSingleton(provider => new OverviewApi(provider.GetRequiredService<WeekOverview>(), provider.GetRequiredService<TeamDirectory>()));
        services.AddSingleton<DraftsApi>();
        services.AddSingleton(provider => new HealthApi(
            provider.GetRequiredService<TableStore>(),
            provider.GetRequiredService<WorkQueues>(),
            provider.GetRequiredService<ReviewQueue>(),
            provider.GetRequiredService<QueueFailures>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<HealthApi>>()));
        // CORS is off (no policy matches) unless Dashboard:AllowedOrigins lists origins; serve runs the middleware,
        // in Azure the platform's CORS setting carries the same list.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<AccessOptions>>((cors, dashboard) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. dashboard.Value.AllowedOrigins])
                .WithMethods("GET", "POST", "DELETE")
                .WithHeaders("Content-Type", "If-Match", AccessGate.CsrfHeader)
                .WithExposedHeaders("ETag")));
        return services;
    }
}
