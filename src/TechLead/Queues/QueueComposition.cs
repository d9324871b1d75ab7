using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Storage;

namespace TechLead.Queues;

public static class QueueComposition
{
    public static IServiceCollection AddQueues(this IServiceCollection services)
    {
        services.AddValidatedOptions<QueueOptions, QueueOptionsValidator>(QueueOptions.Section);
        services.AddSingleton(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Base64, as the Functions queue extension reads and writes messages by default (host.json says so too).
            var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            clientOptions.Retry.MaxRetries = 2;
            clientOptions.Retry.Mode = RetryMode.Exponential;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? new QueueServiceClient(storage.QueueEndpoint, new DefaultAzureCredential(), clientOptions)
                : new QueueServiceClient(storage.ConnectionString, clientOptions);
        });
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton<QueueDispatcher>();
        services.AddSingleton<QueuePump>();
        return services;
    }
}
