using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Dashboard;
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
        api.MapWebhookEndpoints();
        // SBI feedback is part of the dashboard: signed-in people only when the dashboard needs sign-in.
        api.MapGroup("")
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.RequestServices.GetRequiredService<DashboardAccess>().Check(context.HttpContext.Request, changesState: false).Refusal
                    ?? await next(context))
            .MapFeedbackEndpoints();
        api.MapDashboardEndpoints();
        // Locally the dashboard is also the site's root page; in Azure it is /api/dashboard (Functions routes sit below /api).
        endpoints.MapGet("/", (HttpRequest request, DashboardPage page) => page.Page(request));
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

    // Dashboard (issue 11): the page, its files and its API. Everything but health needs a signed-in person in Azure.
    public const string Signals = "signals";
    public const string SignalsTrend = "signals/trend";
    public const string Drafts = "drafts";
    public const string DraftById = "drafts/{id}";
    public const string DraftApprove = "drafts/{id}/approve";
    public const string DraftReject = "drafts/{id}/reject";
    public const string Dashboard = "dashboard";
    public const string DashboardAsset = "dashboard/assets/{name}";
}
