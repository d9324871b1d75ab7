using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TechLead.Access;
using TechLead.Dashboard;
using TechLead.Doctor;
using TechLead.Feedback;
using TechLead.Webhooks;

namespace TechLead.Endpoints;

/// <summary>
/// One HTTP endpoint: the Functions function name, method, route below <c>/api</c>, who may call it, and the handler
/// <c>serve</c> maps (minimal-API delegate; the Functions trigger calls the same handler method). Every route is
/// anonymous at the Functions level: function keys and App Service Authentication do not combine, and the gate
/// (<see cref="RouteGate"/>) applies <see cref="Access"/> in both hosts.
/// </summary>
public sealed record HttpRoute(string Name, string Method, string Template, RouteAccess Access, Delegate Handler)
{
    /// <summary>
    /// The detail of the 503 the gate answers when Table Storage fails under the handler; null where the handler
    /// answers that itself (health) or a failure stays the host's 500 (the webhook: GitHub shows the failed delivery).
    /// </summary>
    public string? StorageUnavailable { get; init; } = Routes.NothingChanged;
}

/// <summary>
/// The Functions function names of the HTTP routes (the route table's <see cref="HttpRoute.Name"/>): attributes need
/// constants, so each trigger's <c>[Function]</c> and its gate call name the route through these.
/// </summary>
public static class RouteNames
{
    public const string Health = "Health";
    public const string GitHubWebhook = "GitHubWebhook";
    public const string SbiFeedback = "SbiFeedback";
    public const string SbiFeedbackList = "SbiFeedbackList";
    public const string SbiFeedbackKept = "SbiFeedbackKept";
    public const string SbiFeedbackDelete = "SbiFeedbackDelete";
    public const string Signals = "Signals";
    public const string SignalsTrend = "SignalsTrend";
    public const string Teams = "Teams";
    public const string Overview = "Overview";
    public const string OverviewTeams = "OverviewTeams";
    public const string DraftPreview = "DraftPreview";
    public const string Drafts = "Drafts";
    public const string Draft = "Draft";
    public const string DraftApprove = "DraftApprove";
    public const string DraftReject = "DraftReject";
    public const string Dashboard = "Dashboard";
    public const string DashboardAsset = "DashboardAsset";
}

/// <summary>
/// The route table both hosts use. Adding an endpoint is one line in <see cref="All"/>, its name in
/// <see cref="RouteNames"/> and its Functions trigger (attributes need constants, hence the templates below); the
/// contract test fails until both hosts agree.
/// </summary>
public static class Routes
{
    /// <summary>Both hosts serve below /api (host.json's extensions.http.routePrefix, serve's route group).</summary>
    public const string Prefix = "api";

    /// <summary>The 503's detail when Table Storage fails under a dashboard route.</summary>
    public const string NothingChanged = "Table Storage did not answer. Nothing was changed; try again shortly.";

    public const string Health = "health";

    /// <summary>Anonymous at the Functions level: GitHub advises against keys in the URL; the HMAC signature is the gate.</summary>
    public const string GitHubWebhook = "github/webhook";

    public const string SbiFeedback = "feedback/sbi";
    public const string SbiFeedbackById = "feedback/sbi/{id}";

    // The dashboard: the page, its files and its API. Everything but health needs a signed-in person.
    public const string Signals = "signals";
    public const string SignalsTrend = "signals/trend";
    public const string Teams = "teams";
    public const string Overview = "overview";
    public const string OverviewTeams = "overview/teams";
    public const string DraftPreview = "drafts/preview";
    public const string Drafts = "drafts";
    public const string DraftById = "drafts/{id}";
    public const string DraftApprove = "drafts/{id}/approve";
    public const string DraftReject = "drafts/{id}/reject";
    public const string Dashboard = "dashboard";
    public const string DashboardAsset = "dashboard/assets/{name}";

    public static IReadOnlyList<HttpRoute> All { get; } =
    [
        // Open as before; ?checks=deep tries every connection and its handler asks the gate for a reviewer.
        new(RouteNames.Health, HttpMethods.Get, Health, RouteAccess.Public,
            (HttpRequest request, [FromQuery] string? checks, HealthApi health, DeepHealthApi deep, CancellationToken ct) => HealthAsync(request, checks, health, deep, ct))
            { StorageUnavailable = null },
        new(RouteNames.GitHubWebhook, HttpMethods.Post, GitHubWebhook, RouteAccess.Signature,
            (HttpRequest request, GitHubWebhookHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct)) { StorageUnavailable = null },
        // SBI feedback is part of the dashboard: signed-in people only; kept feedback is its author's alone.
        new(RouteNames.SbiFeedback, HttpMethods.Post, SbiFeedback, RouteAccess.SignedIn,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.PostAsync(request, ct))
            { StorageUnavailable = SbiFeedbackEndpoint.Unavailable("The drafts could not be kept") },
        new(RouteNames.SbiFeedbackList, HttpMethods.Get, SbiFeedback, RouteAccess.SignedIn,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.ListAsync(request, ct))
            { StorageUnavailable = SbiFeedbackEndpoint.Unavailable("The kept feedback could not be listed") },
        new(RouteNames.SbiFeedbackKept, HttpMethods.Get, SbiFeedbackById, RouteAccess.SignedIn,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.GetAsync(request, id, ct))
            { StorageUnavailable = SbiFeedbackEndpoint.Unavailable("The kept feedback could not be read") },
        new(RouteNames.SbiFeedbackDelete, HttpMethods.Delete, SbiFeedbackById, RouteAccess.SignedIn,
            (HttpRequest request, string id, SbiFeedbackEndpoint endpoint, CancellationToken ct) => endpoint.DeleteAsync(request, id, ct))
            { StorageUnavailable = SbiFeedbackEndpoint.Unavailable("The kept feedback could not be deleted") },
        new(RouteNames.Signals, HttpMethods.Get, Signals, RouteAccess.SignedIn, SignalRoutes.Week),
        new(RouteNames.SignalsTrend, HttpMethods.Get, SignalsTrend, RouteAccess.SignedIn, SignalRoutes.Trend),
        new(RouteNames.Teams, HttpMethods.Get, Teams, RouteAccess.SignedIn,
            (SignalsApi signals) => signals.Teams()),
        new(RouteNames.Overview, HttpMethods.Get, Overview, RouteAccess.SignedIn,
            ([FromQuery] string? team, [FromQuery] string? week, OverviewApi overview, CancellationToken ct) => overview.WeekAsync(team, week, ct)),
        new(RouteNames.OverviewTeams, HttpMethods.Get, OverviewTeams, RouteAccess.SignedIn,
            ([FromQuery] string? week, OverviewApi overview, CancellationToken ct) => overview.TeamsAsync(week, ct)),
        new(RouteNames.Drafts, HttpMethods.Get, Drafts, RouteAccess.SignedIn,
            ([FromQuery] string? status, [FromQuery] string? kind, [FromQuery] string? team, DraftsApi drafts, CancellationToken ct) => drafts.ListAsync(status, kind, team, ct)),
        new(RouteNames.Draft, HttpMethods.Get, DraftById, RouteAccess.SignedIn,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.GetAsync(request, id, ct)),
        // Renders text only and stores nothing, so any signed-in person may preview; the gate's cross-site check still applies to the POST.
        new(RouteNames.DraftPreview, HttpMethods.Post, DraftPreview, RouteAccess.Reviewer,
            (HttpRequest request, DraftsApi drafts, CancellationToken ct) => drafts.PreviewAsync(request, ct)),
        new(RouteNames.DraftApprove, HttpMethods.Post, DraftApprove, RouteAccess.Reviewer,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.ApproveAsync(request, id, ct)),
        new(RouteNames.DraftReject, HttpMethods.Post, DraftReject, RouteAccess.Reviewer,
            (HttpRequest request, string id, DraftsApi drafts, CancellationToken ct) => drafts.RejectAsync(request, id, ct)),
        new(RouteNames.Dashboard, HttpMethods.Get, Dashboard, RouteAccess.SignedIn,
            (HttpRequest request, DashboardPage page) => page.Page(request)),
        new(RouteNames.DashboardAsset, HttpMethods.Get, DashboardAsset, RouteAccess.SignedIn,
            (HttpRequest request, string name, DashboardPage page) => page.Asset(request, name)),
    ];

    /// <summary><c>/api/health</c>, or with <c>?checks=</c> the deep checks (both hosts call this).</summary>
    public static async Task<IResult> HealthAsync(HttpRequest request, string? checks, HealthApi health, DeepHealthApi deep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(deep);
        return checks is null ? await health.GetAsync(cancellationToken) : await deep.GetAsync(request, checks, cancellationToken);
    }

    /// <summary>The route a Functions trigger serves, by its function name.</summary>
    public static HttpRoute Named(string name) =>
        All.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"No route named '{name}' in Routes.All.");
}
