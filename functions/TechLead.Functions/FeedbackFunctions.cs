using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Endpoints;
using TechLead.Feedback;

namespace TechLead.Functions;

/// <summary>HTTP: SBI feedback drafting and kept drafts. Function-level keys in Azure; the handlers do the rest.</summary>
public sealed class FeedbackFunctions(SbiFeedbackEndpoint endpoint)
{
    [Function("SbiFeedback")]
    public Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.SbiFeedback)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.PostAsync(request, cancellationToken).WriteAsync(request);

    [Function("SbiFeedbackKept")]
    public Task<IActionResult> Kept(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoint.GetAsync(id, cancellationToken).WriteAsync(request);

    [Function("SbiFeedbackDelete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Routes.SbiFeedbackById)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoint.DeleteAsync(id, cancellationToken).WriteAsync(request);
}
