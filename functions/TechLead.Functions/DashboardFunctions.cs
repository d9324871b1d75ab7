using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Dashboard;
using TechLead.Endpoints;

namespace TechLead.Functions;

/// <summary>
/// HTTP: the dashboard page and its API. Anonymous at the Functions level because App Service Authentication
/// (infra/app/auth.bicep) signs people in before a request reaches the app, and the handlers refuse requests without
/// the platform's principal headers; health is anonymous on purpose (monitors probe it; it shows no text).
/// </summary>
public sealed class DashboardFunctions(DashboardPage page, SignalsApi signals, DraftsApi drafts, HealthApi health)
{
    [Function("Health")]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        health.GetAsync(cancellationToken).WriteAsync(request);

    [Function("Dashboard")]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Dashboard)] HttpRequest request) =>
        Task.FromResult(page.Page(request)).WriteAsync(request);

    [Function("DashboardAsset")]
    public Task<IActionResult> Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DashboardAsset)] HttpRequest request,
        string name) =>
        Task.FromResult(page.Asset(request, name)).WriteAsync(request);

    [Function("Signals")]
    public Task<IActionResult> Signals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Signals)] HttpRequest request,
        CancellationToken cancellationToken) =>
        signals.WeekAsync(request, cancellationToken).WriteAsync(request);

    [Function("SignalsTrend")]
    public Task<IActionResult> SignalsTrend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SignalsTrend)] HttpRequest request,
        CancellationToken cancellationToken) =>
        signals.TrendAsync(request, cancellationToken).WriteAsync(request);

    [Function("Teams")]
    public Task<IActionResult> Teams(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Teams)] HttpRequest request) =>
        Task.FromResult(signals.Teams(request)).WriteAsync(request);

    [Function("Drafts")]
    public Task<IActionResult> Drafts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Drafts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        drafts.ListAsync(request, cancellationToken).WriteAsync(request);

    [Function("Draft")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DraftById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        drafts.GetAsync(request, id, cancellationToken).WriteAsync(request);

    [Function("DraftApprove")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftApprove)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        drafts.ApproveAsync(request, id, cancellationToken).WriteAsync(request);

    [Function("DraftReject")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.DraftReject)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        drafts.RejectAsync(request, id, cancellationToken).WriteAsync(request);
}
