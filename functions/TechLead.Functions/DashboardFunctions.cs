using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Dashboard;
using TechLead.Endpoints;

namespace TechLead.Functions;

/// <summary>
/// HTTP: the dashboard page and its API. Anonymous at the Functions level because App Service Authentication
/// (infra/app/auth.bicep) signs people in before a request reaches the app, and the route gate refuses requests
/// without the platform's principal headers (or without the Reviewer role for decisions); health is anonymous on
/// purpose (monitors probe it; it shows no text).
/// </summary>
public sealed class DashboardFunctions(DashboardPage page, SignalsApi signals, DraftsApi drafts, HealthApi health, RouteGate gate)
{
    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "Health", () => health.GetAsync(cancellationToken));

    [Function("Dashboard")]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Dashboard)] HttpRequest request) =>
        gate.Gated(request, "Dashboard", () => page.Page(request));

    [Function("DashboardAsset")]
    public Task<IActionResult> Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DashboardAsset)] HttpRequest request,
        string name) =>
        gate.Gated(request, "DashboardAsset", () => page.Asset(request, name));

    [Function("Signals")]
    public Task<IActionResult> Signals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Signals)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "Signals", () => signals.WeekAsync(request, cancellationToken));

    [Function("SignalsTrend")]
    public Task<IActionResult> SignalsTrend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SignalsTrend)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "SignalsTrend", () => signals.TrendAsync(request, cancellationToken));

    [Function("Teams")]
    public Task<IActionResult> Teams(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Teams)] HttpRequest request) =>
        gate.Gated(request, "Teams", () => signals.Teams(request));

    [Function("Drafts")]
    public Task<IActionResult> Drafts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drafts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "Drafts", () => drafts.ListAsync(request, cancellationToken));

    [Function("Draft")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DraftById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "Draft", () => drafts.GetAsync(request, id, cancellationToken));

    [Function("DraftApprove")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftApprove)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "DraftApprove", () => drafts.ApproveAsync(request, id, cancellationToken));

    [Function("DraftReject")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftReject)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "DraftReject", () => drafts.RejectAsync(request, id, cancellationToken));
}
