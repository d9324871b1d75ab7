using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
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
            api.MapMethods(route.Template, [route.Method], route.Handler).WithName(route.Name).AddEndpointFilter(Gate(route.Access));
        }

        // Locally the dashboard is also the site's root page; in Azure it is /api/dashboard (Functions routes sit below /api).
        var dashboard = Routes.Named("Dashboard");
        endpoints.MapGet("/", (HttpRequest request, DashboardPage page) => page.Page(request)).WithName("DashboardRoot").AddEndpointFilter(Gate(dashboard.Access));
        return endpoints;
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Gate(RouteAccess access) =>
        async (context, next) => context.HttpContext.RequestServices.GetRequiredService<AccessGate>().Check(context.HttpContext, access) ?? await next(context);
}
