namespace TechLead.Tests.Infrastructure;

/// <summary>
/// A real Azurite Table service and Queue service, in memory, on a free loopback port: one process for the whole test run, shared by
/// every collection (tests isolate themselves with a table prefix, so they need no Azurite of their own). It starts
/// when the first collection needs it and stops when the test process exits.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account key (public, documented).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly int SharedPort = NodeService.FreePort();
    private static readonly int SharedQueuePort = NodeService.FreePort();
    private static readonly Lazy<Task<NodeService[]>> Shared = new(StartSharedAsync);

    /// <summary>The Table service's port.</summary>
    public int Port => SharedPort;

    public int QueuePort => SharedQueuePort;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <summary>A fresh table prefix, so every test sees empty tables.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A fresh queue prefix (Queues:Prefix), so every test sees empty queues and no other test's workers.</summary>
    public static string NewQueuePrefix() => "q" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Shared.Value;

    /// <summary>Nothing per collection: the shared process outlives every collection and stops with the test process.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<NodeService[]> StartSharedAsync()
    {
        var services = await Task.WhenAll(
            NodeService.StartAsync("azurite/dist/src/table/main.js",
                ["--tableHost", "127.0.0.1", "--tablePort", SharedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent"], SharedPort),
            NodeService.StartAsync("azurite/dist/src/queue/main.js",
                ["--queueHost", "127.0.0.1", "--queuePort", SharedQueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent"], SharedQueuePort));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var service in services)
            {
                service.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        };
        return services;
    }
}
