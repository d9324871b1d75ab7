using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TechLead.Endpoints;
using TechLead.Webhooks;

namespace TechLead.Functions;

/// <summary>HTTP: GitHub's webhook. Anonymous at the Functions level; the HMAC signature is the gate.</summary>
public sealed class GitHubWebhookFunction(GitHubWebhookHandler handler, RouteGate gate)
{
    [Function(RouteNames.GitHubWebhook)]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.GitHubWebhook)] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, RouteNames.GitHubWebhook, () => handler.HandleAsync(request, cancellationToken));
}
