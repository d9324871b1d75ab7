using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Local.Commands;

namespace TechLead.Tests.Infrastructure;

/// <summary><c>TechLead.Local serve</c> on a free loopback port, reached over real HTTP.</summary>
internal sealed class ServedApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServedApp(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public Uri Address => Client.BaseAddress!;

    /// <param name="configureServices">Adds or replaces services (test doubles, log capture).</param>
    /// <param name="dashboardClient">The client sends what the dashboard page sends on every change (X-Requested-With).</param>
    /// <param name="queueWorkers">Runs serve's queue workers (give the settings a Queues:Prefix of the test's own).</param>
    /// <param name="schedule">Runs serve's timer jobs too (benchmarks: "with the scheduler running").</param>
    public static async Task<ServedApp> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, bool dashboardClient = false, bool queueWorkers = false, bool schedule = false)
    {
        var address = new Uri($"http://127.0.0.1:{NodeService.FreePort()}/");
        var app = ServeCommand.Build(address.ToString().TrimEnd('/'), noSchedule: !schedule, settings, configureServices, workers: queueWorkers);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await ServeCommand.StartAsync(app);
        var served = new ServedApp(app, address);
        if (dashboardClient)
        {
            served.Client.DefaultRequestHeaders.Add(AccessGate.CsrfHeader, "techlead-dashboard");
        }

        return served;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
