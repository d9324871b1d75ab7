using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Storage;

internal static class StorageComposition
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddSingleton(provider => Client(provider.GetRequiredService<IOptions<StorageOptions>>().Value, probe: false));
        services.AddKeyedSingleton(StorageCheck.ProbeClient, (provider, _) => Client(provider.GetRequiredService<IOptions<StorageOptions>>().Value, probe: true));
        services.AddSingleton<TableStore>();
        services.AddSingleton<SyncCursorStore>();
        services.AddSingleton<RowLeases>();
        return services;
    }

    private static TableServiceClient Client(StorageOptions options, bool probe)
    {
        var clientOptions = new TableClientOptions();
        StorageCheck.Configure(clientOptions.Retry, probe ? options.ProbeTimeout : null);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableServiceUri, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }
}
