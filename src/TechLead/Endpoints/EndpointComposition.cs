using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Dashboard;

namespace TechLead.Endpoints;

/// <summary>
/// Every HTTP endpoint of <see cref="Routes.All"/>, mapped for <c>TechLead.Local serve</c>. The Functions app binds the
/// same handlers to HTTP triggers declared with the same routes; a contract test checks both hosts against the table.
/// </summary>
public static class EndpointComposition
{
    /// <summary>The route gate both hosts put in front of every handler.</summary>
    public static IServiceCollection AddEndpoints(this IServiceCollection services) => services.AddSingleton<RouteGate>();

    public static IEndpointRouteBuilder MapTechLeadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + Routes.Prefix);
        foreach (var route in Routes.All)
        {
            api.MapMethods(route.Template, [route.Method], route.Handler).WithName(route.Name).AddEndpointFilter(RouteGate.Filter(route));
        }

        // Locally the dashboard is also the site's root page; in Azure it is /api/dashboard (Functions routes sit below /api).
        endpoints.MapGet("/", (HttpRequest request, DashboardPage page) => page.Page(request)).WithName("DashboardRoot").AddEndpointFilter(RouteGate.Filter(Routes.Named(RouteNames.Dashboard)));
        return endpoints;
    }
}
