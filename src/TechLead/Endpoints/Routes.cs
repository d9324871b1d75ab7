using Microsoft.AspNetCore.Http;
using TechLead.Dashboard;
using TechLead.Feedback;
using TechLead.Webhooks;

namespace TechLead.Endpoints;

/// <summary>
/// Who may call an endpoint in Azure: anyone (the handler checks: a webhook signature, or the platform's sign-in
/// headers for the dashboard) or holders of a function key.
/// </summary>
public enum EndpointAccess
{
    Anonymous,
    FunctionKey,
}

/// <summary>
/// One HTTP endpoint: the Functions function name, method, route below <c>/api</c>, access, and the handler
/// <c>serve</c> maps (minimal-API delegate; the Functions trigger calls the same handler method).
/// </summary>
public sealed record HttpRoute(string Name, string Method, string Template, EndpointAccess Access, Delegate Handler);

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

    // The dashboard: the page, its files and its API. Everything but health needs a signed-in person in Azure
    // (App Service Authentication in front, DashboardAccess in the handlers).
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
        new("Health", HttpMethods.Get, Health, EndpointAccess.Anonymous,
            (HealthApi health, CancellationToken ct) => health.GetAsync(ct)),
        new("GitHubWebhook", HttpMethods.Post, GitHubWebhook, EndpointAccess.Anonymous,
            (HttpRequest request, GitHubWebhookHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct)),
        // SBI feedback is part of the dashboard: signed-in people only, like the page that calls it.
        new("SbiFeedback", HttpMethods.Post, SbiFeedback, EndpointAccess.Anonymous,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, DashboardAccess access, CancellationToken ct) =>
                access.SignedInAsync(request, () => endpoint.PostAsync(request, ct))),
        new("SbiFeedbackKept", HttpMethods.Get, SbiFeedbackById, EndpointAccess.Anonymous,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, DashboardAccess access, CancellationToken ct) =>
                access.SignedInAsync(request, () => endpoint.GetAsync(id, ct))),
        new("SbiFeedbackDelete", HttpMethods.Delete, SbiFeedbackById, EndpointAccess.Anonymous,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, DashboardAccess access, CancellationToken ct) =>
                access.SignedInAsync(request, () => endpoint.DeleteAsync(id, ct))),
        new("Signals", HttpMethods.Get, Signals, EndpointAccess.Anonymous,
            (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.WeekAsync(request, ct)),
        new("SignalsTrend", HttpMethods.Get, SignalsTrend, EndpointAccess.Anonymous,
            (HttpRequest request, SignalsApi signals, CancellationToken ct) => signals.TrendAsync(request, ct)),
        new("Teams", HttpMethods.Get, Teams, EndpointAccess.Anonymous,
            (HttpRequest request, SignalsApi signals) => signals.Teams(request)),
        new("Drafts", HttpMethods.Get, Drafts, EndpointAccess.Anonymous,
            (HttpRequest request, DraftsApi drafts, CancellationToken ct) => drafts.ListAsync(request, ct)),
        new("Draft", HttpMethods.Get, DraftById, EndpointAccess.Anonymous,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.GetAsync(request, id, ct)),
        new("DraftApprove", HttpMethods.Post, DraftApprove, EndpointAccess.Anonymous,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.ApproveAsync(request, id, ct)),
        new("DraftReject", HttpMethods.Post, DraftReject, EndpointAccess.Anonymous,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.RejectAsync(request, id, ct)),
        new("Dashboard", HttpMethods.Get, Dashboard, EndpointAccess.Anonymous,
            (HttpRequest request, DashboardPage page) => page.Page(request)),
        new("DashboardAsset", HttpMethods.Get, DashboardAsset, EndpointAccess.Anonymous,
            (HttpRequest request, string name, DashboardPage page) => page.Asset(request, name)),
    ];
}
