using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace TechLead.Endpoints;

/// <summary>
/// Every HTTP endpoint of <see cref="Routes.All"/>, mapped for <c>TechLead.Local serve</c>. The Functions app binds the
/// same handlers to HTTP triggers declared with the same routes; a contract test checks both hosts against the table.
/// </summary>
public static class EndpointComposition
{
    public static IEndpointRouteBuilder MapTechLeadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + Routes.Prefix);
        foreach (var route in Routes.All)
        {
            api.MapMethods(route.Template, [route.Method], route.Handler).WithName(route.Name);
        }

        return endpoints;
    }
}
