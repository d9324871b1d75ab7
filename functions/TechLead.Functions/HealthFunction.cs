using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Endpoints;

namespace TechLead.Functions;

/// <summary>HTTP: the same liveness answer serve gives, for probes and a first check after deployment.</summary>
public sealed class HealthFunction
{
    [Function("Health")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request) =>
        Task.FromResult(HealthEndpoint.Get()).WriteAsync(request);
}
