using Microsoft.AspNetCore.Http;
using TechLead.Access;
using TechLead.Dashboard;
using TechLead.Feedback;
using TechLead.Webhooks;

namespace TechLead.Endpoints;

/// <summary>
/// One HTTP endpoint: the Functions function name, method, route below <c>/api</c>, who may call it, and the handler
/// <c>serve</c> maps (minimal-API delegate; the Functions trigger calls the same handler method). Every route is
/// anonymous at the Functions level: function keys and App Service Authentication do not combine, and the gate
/// (<see cref="RouteGate"/>) applies <see cref="Access"/> in both hosts.
/// </summary>
public sealed record HttpRoute(string Name, string Method, string Template, RouteAccess Access, Delegate Handler);

/// <summary>
/// The route table both hosts use. Adding an endpoint is one line in <see cref="All"/> plus its Functions trigger
/// (attributes need constants, hence the templates below); the contract test fails until both hosts agree.
/// </summary>
public static class Routes
{
    /// <summary>Both hosts serve below /api (host.json's extensions.http.routePrefix, serve's route group).</summary>
    public const string Prefix = "api";

    public const string Health = "health";

    /// <summary>Anonymous at the Functions level: GitHub advises against keys in the URL; the HMAC signature is the gate.</summary>
    public const string GitHubWebhook = "github/webhook";

    public const string SbiFeedback = "feedback/sbi";
    public const string SbiFeedbackById = "feedback/sbi/{id}";

    // The dashboard: the page, its files and its API. Everything but health needs a signed-in person.
    public const string Signals = "signals";
    public const string SignalsTrend = "signals/trend";
    public const string Teams = "teams";
    public const string Drafts = "drafts";
    public const string DraftById = "drafts/{id}";
    public const string DraftApprove = "drafts/{id}/approve";
    public const string DraftReject = "drafts/{id}/reject";
    public const string Dashboard = "dashboard";
    public const string DashboardAsset = "dashboard/assets/{name}";

    public static IReadOnlyList<HttpRoute> All { get; } =
    [
        new("Health", HttpMethods.Get, Health, RouteAccess.Public,
            (HealthApi health, CancellationToken ct) => health.GetAsync(ct)),
        new("GitHubWebhook", HttpMethods.Post, GitHubWebhook, RouteAccess.Signature,
            (HttpRequest request, GitHubWebhookHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct)),
        // SBI feedback is part of the dashboard: signed-in people only; kept feedback is its author's alone.
        new("SbiFeedback", HttpMethods.Post, SbiFeedback, RouteAccess.SignedIn,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.PostAsync(request, ct)),
        new("SbiFeedbackList", HttpMethods.Get, SbiFeedback, RouteAccess.SignedIn,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.ListAsync(request, ct)),
        new("SbiFeedbackKept", HttpMethods.Get, SbiFeedbackById, RouteAccess.SignedIn,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.GetAsync(request, id, ct)),
        new("SbiFeedbackDelete", HttpMethods.Delete, SbiFeedbackById, RouteAccess.SignedIn,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.DeleteAsync(request, id, ct)),
        new("Signals", HttpMethods.Get, Signals, RouteAccess.SignedIn,
            (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.WeekAsync(request, ct)),
        new("SignalsTrend", HttpMethods.Get, SignalsTrend, RouteAccess.SignedIn,
            (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.TrendAsync(request, ct)),
        new("Teams", HttpMethods.Get, Teams, RouteAccess.SignedIn,
            (HttpRequest request, SignalsApi signals) => signals.Teams(request)),
        new("Drafts", HttpMethods.Get, Drafts, RouteAccess.SignedIn,
            (HttpRequest request, DraftsApi drafts, CancellationToken ct) => drafts.ListAsync(request, ct)),
        new("Draft", HttpMethods.Get, DraftById, RouteAccess.SignedIn,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.GetAsync(request, id, ct)),
        new("DraftApprove", HttpMethods.Post, DraftApprove, RouteAccess.Reviewer,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.ApproveAsync(request, id, ct)),
        new("DraftReject", HttpMethods.Post, DraftReject, RouteAccess.Reviewer,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.RejectAsync(request, id, ct)),
        new("Dashboard", HttpMethods.Get, Dashboard, RouteAccess.SignedIn,
            (HttpRequest request, DashboardPage page) => page.Page(request)),
        new("DashboardAsset", HttpMethods.Get, DashboardAsset, RouteAccess.SignedIn,
            (HttpRequest request, string name, DashboardPage page) => page.Asset(request, name)),
    ];

    /// <summary>The route a Functions trigger serves, by its function name.</summary>
    public static HttpRoute Named(string name) =>
        All.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"No route named '{name}' in Routes.All.");
}
