using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Endpoints;
using TechLead.Hosting;

namespace TechLead.Webhooks;

public static class WebhookComposition
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<GitHubWebhookHandler>();
        services.AddSingleton<WebhookProcessingJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<WebhookProcessingJob>());
        return services;
    }

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost(Routes.GitHubWebhook, (HttpRequest request, GitHubWebhookHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken));
        return api;
    }
}
