using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Storage;

namespace TechLead.Queues;

internal static class QueueComposition
{
    public static IServiceCollection AddQueues(this IServiceCollection services)
    {
        services.AddValidatedOptions<QueueOptions, QueueOptionsValidator>(QueueOptions.Section);
        services.AddSingleton(provider => Client(provider.GetRequiredService<IOptions<StorageOptions>>().Value, probe: false));
        services.AddKeyedSingleton(StorageCheck.ProbeClient, (provider, _) => Client(provider.GetRequiredService<IOptions<StorageOptions>>().Value, probe: true));
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton(provider => new QueueDispatcher(
            provider.GetServices<IQueueHandler>(),
            provider.GetRequiredService<RowLeases>(),
            provider.GetRequiredService<QueueFailures>(),
            provider.GetRequiredService<WorkQueues>(),
            provider.GetRequiredService<IOptions<QueueOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<QueueDispatcher>>()));
        services.AddSingleton<QueuePump>();
        return services;
    }

    private static QueueServiceClient Client(StorageOptions storage, bool probe)
    {
        // Base64, as the Functions queue extension reads and writes messages by default (host.json says so too).
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        StorageCheck.Configure(clientOptions.Retry, probe ? storage.ProbeTimeout : null);
        return string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new QueueServiceClient(storage.QueueEndpoint, new DefaultAzureCredential(), clientOptions)
            : new QueueServiceClient(storage.ConnectionString, clientOptions);
    }
}
