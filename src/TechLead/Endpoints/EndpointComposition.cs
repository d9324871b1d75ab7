using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechLead.Feedback;

namespace TechLead.Endpoints;

/// <summary>
/// Every HTTP endpoint, mapped once for <c>TechLead.Local serve</c>. The Functions app binds the same handlers
/// to HTTP triggers using the routes in <see cref="Routes"/>.
/// </summary>
public static class EndpointComposition
{
    public static IEndpointRouteBuilder MapTechLeadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet(Routes.Health, () => TypedResults.Ok(new { status = "ok" }));
        api.MapFeedbackEndpoints();
        return endpoints;
    }
}

/// <summary>Routes below <c>/api</c>, shared by serve and the Functions HTTP triggers (which add the /api prefix).</summary>
public static class Routes
{
    public const string Health = "health";
    public const string SbiFeedback = "feedback/sbi";
    public const string SbiFeedbackById = "feedback/sbi/{id}";
}
