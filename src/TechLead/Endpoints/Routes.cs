using Microsoft.AspNetCore.Http;
using TechLead.Feedback;
using TechLead.Webhooks;

namespace TechLead.Endpoints;

/// <summary>Who may call an endpoint in Azure: anyone (the handler checks, e.g. a webhook signature) or holders of a function key.</summary>
public enum EndpointAccess
{
    Anonymous,
    FunctionKey,
}

/// <summary>
/// One HTTP endpoint: the Functions function name, method, route below <c>/api</c>, access, and the handler
/// <c>serve</c> maps (minimal-API delegate; the Functions trigger calls the same handler method).
/// </summary>
public sealed record HttpRoute(string Name, string Method, string Template, EndpointAccess Access, Delegate Handler);

/// <summary>
/// The route table both hosts use. Adding an endpoint is one line in <see cref="All"/> plus its Functions trigger
/// (attributes need constants, hence the templates below); the contract test fails until both hosts agree.
/// </summary>
public static class Routes
{
    /// <summary>Both hosts serve below /api (host.json's extensions.http.routePrefix, serve's route group).</summary>
    public const string Prefix = "api";

    public const string Health = "health";

    /// <summary>Anonymous at the Functions level: GitHub advises against keys in the URL; the HMAC signature is the gate.</summary>
    public const string GitHubWebhook = "github/webhook";

    public const string SbiFeedback = "feedback/sbi";
    public const string SbiFeedbackById = "feedback/sbi/{id}";

    public static IReadOnlyList<HttpRoute> All { get; } =
    [
        new("Health", HttpMethods.Get, Health, EndpointAccess.Anonymous, HealthEndpoint.Get),
        new("GitHubWebhook", HttpMethods.Post, GitHubWebhook, EndpointAccess.Anonymous,
            (HttpRequest request, GitHubWebhookHandler handler, CancellationToken cancellationToken) => handler.HandleAsync(request, cancellationToken)),
        new("SbiFeedback", HttpMethods.Post, SbiFeedback, EndpointAccess.FunctionKey,
            (HttpRequest request, SbiFeedbackEndpoint endpoint, CancellationToken cancellationToken) => endpoint.PostAsync(request, cancellationToken)),
        new("SbiFeedbackKept", HttpMethods.Get, SbiFeedbackById, EndpointAccess.FunctionKey,
            (string id, SbiFeedbackEndpoint endpoint, CancellationToken cancellationToken) => endpoint.GetAsync(id, cancellationToken)),
        new("SbiFeedbackDelete", HttpMethods.Delete, SbiFeedbackById, EndpointAccess.FunctionKey,
            (string id, SbiFeedbackEndpoint endpoint, CancellationToken cancellationToken) => endpoint.DeleteAsync(id, cancellationToken)),
    ];
}

/// <summary><c>GET /api/health</c>: the app is up (no dependency is called, so a probe never costs a storage request).</summary>
public static class HealthEndpoint
{
    public static IResult Get() => TypedResults.Ok(new HealthAnswer("ok"));
}

public sealed record HealthAnswer(string Status);
