using Microsoft.AspNetCore.Http;
using TechLead.Access;

namespace TechLead.Endpoints;

/// <summary>
/// The route table's access rule in front of a handler: serve's endpoint filter and every Functions trigger call
/// this, so a route's <see cref="HttpRoute.Access"/> is applied the same way in both hosts.
/// </summary>
public sealed class RouteGate(AccessGate gate)
{
    /// <summary>Runs <paramref name="handler"/> when the caller may use the route named <paramref name="routeName"/>.</summary>
    public async Task<IResult> RunAsync(HttpRequest request, string routeName, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        return gate.Check(request.HttpContext, Routes.Named(routeName).Access) ?? await handler();
    }
}
