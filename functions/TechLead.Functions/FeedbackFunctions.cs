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
    [Function("SbiFeedback")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "SbiFeedback", () => endpoint.PostAsync(request, cancellationToken));

    [Function("SbiFeedbackList")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "SbiFeedbackList", () => endpoint.ListAsync(request, cancellationToken));

    [Function("SbiFeedbackKept")]
    public Task<IActionResult> Kept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "SbiFeedbackKept", () => endpoint.GetAsync(request, id, cancellationToken));

    [Function("SbiFeedbackDelete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        gate.GatedAsync(request, "SbiFeedbackDelete", () => endpoint.DeleteAsync(request, id, cancellationToken));
}
