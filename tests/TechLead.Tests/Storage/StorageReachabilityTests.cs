using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Local.Commands;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Storage;

/// <summary>
/// Table Storage and Queue Storage are told apart: with one of them down (a closed loopback port), serve still starts,
/// says which one at start and in /api/health, with its endpoint and the setting that chose it, and the other one is fine.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class StorageReachabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task With_queue_storage_down_serve_starts_and_names_queue_storage_its_endpoint_and_setting()
    {
        var closed = NodeService.FreePort();
        var (app, logs) = await StartAsync($":{azurite.QueuePort}/", $":{closed}/");
        await using var _ = app;

        using var response = await app.Client.GetAsync("/api/health");

        var problem = await HttpProblems.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Queue Storage unreachable", problem.GetProperty("title").GetString());
        var queues = problem.GetProperty("storage").GetProperty("queues");
        Assert.False(queues.GetProperty("reachable").GetBoolean());
        Assert.Equal($"http://127.0.0.1:{closed}/devstoreaccount1", queues.GetProperty("endpoint").GetString());
        Assert.Equal("Storage:ConnectionString (its QueueEndpoint)", queues.GetProperty("setting").GetString());
        Assert.True(problem.GetProperty("storage").GetProperty("tables").GetProperty("reachable").GetBoolean());
        Assert.Contains($"Queue Storage at http://127.0.0.1:{closed}/devstoreaccount1 did not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Table Storage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("did not answer", StringComparison.Ordinal));
        Assert.StartsWith($"Queue Storage at http://127.0.0.1:{closed}/devstoreaccount1 did not answer", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString (its QueueEndpoint)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_table_storage_down_serve_starts_and_names_table_storage_while_queues_are_fine()
    {
        var closed = NodeService.FreePort();
        var (app, logs) = await StartAsync($":{azurite.Port}/", $":{closed}/");
        await using var _ = app;

        using var response = await app.Client.GetAsync("/api/health");

        var problem = await HttpProblems.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Table Storage unreachable", problem.GetProperty("title").GetString());
        var tables = problem.GetProperty("storage").GetProperty("tables");
        Assert.False(tables.GetProperty("reachable").GetBoolean());
        Assert.Equal($"http://127.0.0.1:{closed}/devstoreaccount1", tables.GetProperty("endpoint").GetString());
        Assert.Equal("Storage:ConnectionString", tables.GetProperty("setting").GetString());
        Assert.True(problem.GetProperty("storage").GetProperty("queues").GetProperty("reachable").GetBoolean());
        var warning = Assert.Single(logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("did not answer", StringComparison.Ordinal));
        Assert.StartsWith($"Table Storage at http://127.0.0.1:{closed}/devstoreaccount1 did not answer", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_both_up_health_reports_each_service_reachable_at_its_endpoint()
    {
        var (app, logs) = await StartAsync(null, null);
        await using var _ = app;

        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var storage = health.RootElement.GetProperty("storage");
        Assert.True(storage.GetProperty("reachable").GetBoolean());
        Assert.Equal($"http://127.0.0.1:{azurite.Port}/devstoreaccount1", storage.GetProperty("tables").GetProperty("endpoint").GetString());
        Assert.Equal($"http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1", storage.GetProperty("queues").GetProperty("endpoint").GetString());
        Assert.True(storage.GetProperty("queues").GetProperty("reachable").GetBoolean());
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Message.Contains("did not answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_refuses_a_connection_string_with_tables_but_no_queue_endpoint_naming_where_the_queues_would_go()
    {
        var settings = TestHost.Settings(azurite);
        settings["Storage:ConnectionString"] = azurite.ConnectionString.Replace($"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1;", "", StringComparison.Ordinal);
        await using var app = ServeCommand.Build("http://127.0.0.1:0", noSchedule: true, settings);

        var error = Record.Exception(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        var problem = Assert.Single(SettingProblems.From(error!)!);
        Assert.Contains("Storage:ConnectionString", problem, StringComparison.Ordinal);
        Assert.Contains("no QueueEndpoint", problem, StringComparison.Ordinal);
        Assert.Contains("http://devstoreaccount1.queue.core.windows.net/", problem, StringComparison.Ordinal);
    }

    /// <summary>serve against the shared Azurite, with <paramref name="from"/> in the connection string replaced by <paramref name="to"/>.</summary>
    private async Task<(ServedApp App, FakeLoggerProvider Logs)> StartAsync(string? from, string? to)
    {
        var logs = new FakeLoggerProvider();
        var settings = TestHost.Settings(azurite);
        settings["Storage:ProbeTimeout"] = "00:00:02";
        if (from is not null && to is not null)
        {
            settings["Storage:ConnectionString"] = azurite.ConnectionString.Replace(from, to, StringComparison.Ordinal);
        }

        return (await ServedApp.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(logs)), logs);
    }
}
