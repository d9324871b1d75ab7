using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Storage;

public static class StorageComposition
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new TableClientOptions();
            // Fail fast and clearly when the endpoint is down instead of retrying for a minute.
            clientOptions.Retry.MaxRetries = 2;
            clientOptions.Retry.Mode = RetryMode.Exponential;
            clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new TableServiceClient(options.TableServiceUri, new DefaultAzureCredential(), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });
        services.AddSingleton<TableStore>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<SyncCursorStore>();
        services.AddSingleton<RowLeases>();
        return services;
    }
}
