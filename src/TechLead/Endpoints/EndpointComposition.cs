using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechLead.Feedback;
using TechLead.Webhooks;

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
        api.MapWebhookEndpoints();
        api.MapFeedbackEndpoints();
        return endpoints;
    }
}

/// <summary>Routes below <c>/api</c>, shared by serve and the Functions HTTP triggers (which add the /api prefix).</summary>
public static class Routes
{
    public const string Health = "health";

    /// <summary>Anonymous at the Functions level: GitHub advises against keys in the URL; the HMAC signature is the gate.</summary>
    public const string GitHubWebhook = "github/webhook";

    public const string SbiFeedback = "feedback/sbi";
    public const string SbiFeedbackById = "feedback/sbi/{id}";
}
