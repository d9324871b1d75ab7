using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Dashboard;
using TechLead.Doctor;
using TechLead.Endpoints;

namespace TechLead.Functions;

/// <summary>
/// HTTP: the dashboard page and its API. Anonymous at the Functions level because App Service Authentication
/// (infra/app/auth.bicep) signs people in before a request reaches the app, and the route gate refuses requests
/// without the platform's principal headers (or without the Reviewer role for decisions); health is anonymous on
/// purpose (monitors probe it; it shows no text).
/// </summary>
public sealed class DashboardFunctions(DashboardPage page, SignalsApi signals, OverviewApi overview, DraftsApi drafts, HealthApi health, DeepHealthApi deep, RouteGate gate)
{
    [Function(RouteNames.Health)]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.Health, () => Routes.HealthAsync(request, request.QueryText(DeepHealthApi.Parameter), health, deep, cancellationToken));

    [Function(RouteNames.Dashboard)]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Dashboard)] HttpRequest request) =>
        gate.Run(request, RouteNames.Dashboard, () => page.Page(request));

    [Function(RouteNames.DashboardAsset)]
    public Task<IActionResult> Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DashboardAsset)] HttpRequest request,
        string name) =>
        gate.Run(request, RouteNames.DashboardAsset, () => page.Asset(request, name));

    [Function(RouteNames.Signals)]
    public Task<IActionResult> Signals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Signals)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.Signals, () => signals.WeekAsync(request.QueryText("team"), request.QueryText("week"), cancellationToken));

    [Function(RouteNames.SignalsTrend)]
    public Task<IActionResult> SignalsTrend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SignalsTrend)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.SignalsTrend, () => signals.TrendAsync(request.QueryText("team"), request.QueryText("week"), request.QueryText("weeks"), cancellationToken));

    [Function(RouteNames.Teams)]
    public Task<IActionResult> Teams(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Teams)] HttpRequest request) =>
        gate.Run(request, RouteNames.Teams, () => signals.Teams());

    [Function(RouteNames.Overview)]
    public Task<IActionResult> Overview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Overview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.Overview, () => overview.WeekAsync(request.QueryText("team"), request.QueryText("week"), cancellationToken));

    [Function(RouteNames.OverviewTeams)]
    public Task<IActionResult> OverviewTeams(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OverviewTeams)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.OverviewTeams, () => overview.TeamsAsync(request.QueryText("week"), cancellationToken));

    [Function(RouteNames.DraftPreview)]
    public Task<IActionResult> DraftPreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftPreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.DraftPreview, () => drafts.PreviewAsync(request, cancellationToken));

    [Function(RouteNames.Drafts)]
    public Task<IActionResult> Drafts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drafts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.Drafts, () => drafts.ListAsync(request.QueryText("status"), request.QueryText("kind"), request.QueryText("team"), cancellationToken));

    [Function(RouteNames.Draft)]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DraftById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.Draft, () => drafts.GetAsync(request, id, cancellationToken));

    [Function(RouteNames.DraftApprove)]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftApprove)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.DraftApprove, () => drafts.ApproveAsync(request, id, cancellationToken));

    [Function(RouteNames.DraftReject)]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftReject)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.DraftReject, () => drafts.RejectAsync(request, id, cancellationToken));
}
