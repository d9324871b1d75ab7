using Microsoft.Extensions.DependencyInjection;
using TechLead.Hosting;
using TechLead.Webhooks.Events;

namespace TechLead.Webhooks;

internal static class WebhookComposition
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<GitHubWebhookHandler>();
        services.AddSingleton<WebhookQueueSender>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookQueueSender>());
        services.AddSingleton<IWebhookEventProcessor, PullRequestEvents>();
        services.AddSingleton<IWebhookEventProcessor, ReleaseEvents>();
        services.AddSingleton<IWebhookEventProcessor, DeploymentStatusEvents>();
        services.AddSingleton<IWebhookEventProcessor, WorkflowRunEvents>();
        services.AddSingleton<WebhookProcessingJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<WebhookProcessingJob>());
        services.AddSingleton<Queues.IQueueHandler, WebhookDeliveryWork>();
        services.AddSingleton<WebhookReconcileJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<WebhookReconcileJob>());
        return services;
    }
}
