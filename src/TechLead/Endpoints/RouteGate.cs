using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Access;
using TechLead.Storage;

namespace TechLead.Endpoints;

/// <summary>
/// What every route's handler runs inside, in both hosts (serve's endpoint filter and every Functions trigger): the
/// route table's access rule first, then the handler, whose storage failure becomes the route's 503 answer. Handlers
/// therefore hold neither the gate nor a storage catch.
/// </summary>
public sealed class RouteGate(AccessGate gate)
{
    /// <summary>The refusal, the handler's result, or the route's 503 when Table Storage failed under it.</summary>
    public async ValueTask<object?> RunAsync(HttpContext context, HttpRoute route, Func<ValueTask<object?>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(handler);
        if (gate.Check(context, route.Access) is { } refused)
        {
            return refused;
        }

        try
        {
            return await handler();
        }
        catch (StorageUnavailableException) when (route.StorageUnavailable is { } detail)
        {
            return TypedResults.Problem(title: "Storage unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>serve's endpoint filter for <paramref name="route"/>.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(HttpRoute route) =>
        (context, next) => context.HttpContext.RequestServices.GetRequiredService<RouteGate>().RunAsync(context.HttpContext, route, () => next(context));
}
