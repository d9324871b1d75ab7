using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Tests.Storage;

/// <summary>A Table Storage call that cannot reach the endpoint names the setting that chose it, whichever that is.</summary>
public sealed class TableStoreGuardTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/devstoreaccount1");

    [Theory]
    [InlineData(null, "Storage:TableServiceUri")]
    [InlineData("UseDevelopmentStorage=true", "Storage:ConnectionString")]
    public async Task An_unreachable_table_endpoint_names_the_setting_in_use(string? connectionString, string setting)
    {
        var options = new StorageOptions { ConnectionString = connectionString, TableServiceUri = connectionString is null ? Endpoint : null };
        var client = new TableServiceClient(Endpoint, new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])));
        var store = new TableStore(client, client, Options.Create(options), TimeProvider.System);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            store.Guard<int>(() => throw new RequestFailedException(0, "No connection could be made")));

        Assert.Contains($"is {setting} right?", error.Message, StringComparison.Ordinal);
    }
}
