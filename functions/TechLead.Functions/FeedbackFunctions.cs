using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Dashboard;
using TechLead.Endpoints;
using TechLead.Feedback;

namespace TechLead.Functions;

/// <summary>
/// HTTP: SBI feedback drafting and kept drafts, called by the dashboard page. Anonymous at the Functions level: App
/// Service Authentication signs people in first (infra/app/auth.bicep) and <see cref="DashboardAccess"/> refuses
/// requests without the platform's principal headers; the handlers do the rest.
/// </summary>
public sealed class FeedbackFunctions(SbiFeedbackEndpoint endpoint, DashboardAccess access)
{
    [Function("SbiFeedback")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        access.SignedInAsync(request, () => endpoint.PostAsync(request, cancellationToken)).WriteAsync(request);

    [Function("SbiFeedbackKept")]
    public Task<IActionResult> Kept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        access.SignedInAsync(request, () => endpoint.GetAsync(id, cancellationToken)).WriteAsync(request);

    [Function("SbiFeedbackDelete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        access.SignedInAsync(request, () => endpoint.DeleteAsync(id, cancellationToken)).WriteAsync(request);
}
