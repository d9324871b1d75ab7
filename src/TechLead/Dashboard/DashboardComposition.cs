using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Endpoints;
using TechLead.Hosting;

namespace TechLead.Dashboard;

public static class DashboardComposition
{
    /// <summary>The dashboard page and its API: signals, trends, the review queue, health; access rules from Dashboard:*.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddValidatedOptions<DashboardOptions, DashboardOptionsValidator>(DashboardOptions.Section);
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardPage>();
        services.AddSingleton<SignalsApi>();
        services.AddSingleton<DraftsApi>();
        services.AddSingleton<HealthApi>();
        // CORS is off (no policy matches) unless Dashboard:AllowedOrigins lists origins; serve runs the middleware,
        // in Azure the platform's CORS setting carries the same list.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DashboardOptions>>((cors, dashboard) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. dashboard.Value.AllowedOrigins])
                .WithMethods("GET", "POST")
                .WithHeaders("Content-Type", "If-Match", DashboardAccess.CsrfHeader)
                .WithExposedHeaders("ETag")));
        return services;
    }

    /// <summary>Maps the API below /api (the Functions app binds the same handlers to triggers on the same routes).</summary>
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Routes.Health, (HealthApi health, CancellationToken ct) => health.GetAsync(ct));
        api.MapGet(Routes.Signals, (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.WeekAsync(request, ct));
        api.MapGet(Routes.SignalsTrend, (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.TrendAsync(request, ct));
        api.MapGet(Routes.Drafts, (HttpRequest request, DraftsApi drafts, CancellationToken ct) => drafts.ListAsync(request, ct));
        api.MapGet(Routes.DraftById, (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.GetAsync(request, id, ct));
        api.MapPost(Routes.DraftApprove, (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.ApproveAsync(request, id, ct));
        api.MapPost(Routes.DraftReject, (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.RejectAsync(request, id, ct));
        api.MapGet(Routes.Dashboard, (HttpRequest request, DashboardPage page) => page.Page(request));
        api.MapGet(Routes.DashboardAsset, (HttpRequest request, string name, DashboardPage page) => page.Asset(request, name));
        return api;
    }
}
