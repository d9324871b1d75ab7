using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Endpoints;
using TechLead.Feedback;

namespace TechLead.Functions;

/// <summary>
/// HTTP: SBI feedback drafting and the caller's kept drafts, called by the dashboard page. Anonymous at the Functions
/// level: App Service Authentication signs people in first (infra/app/auth.bicep) and the route gate refuses requests
/// without the platform's principal headers; kept drafts are their author's alone.
/// </summary>
public sealed class FeedbackFunctions(SbiFeedbackEndpoint endpoint, RouteGate gate)
{
    [Function(RouteNames.SbiFeedback)]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.SbiFeedback, () => endpoint.PostAsync(request, cancellationToken));

    [Function(RouteNames.SbiFeedbackList)]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.SbiFeedbackList, () => endpoint.ListAsync(request, cancellationToken));

    [Function(RouteNames.SbiFeedbackKept)]
    public Task<IActionResult> Kept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.SbiFeedbackKept, () => endpoint.GetAsync(request, id, cancellationToken));

    [Function(RouteNames.SbiFeedbackDelete)]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.SbiFeedbackDelete, () => endpoint.DeleteAsync(request, id, cancellationToken));
}
