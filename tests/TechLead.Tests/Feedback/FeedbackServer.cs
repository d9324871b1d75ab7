using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Local.Commands;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Feedback;

/// <summary><c>serve</c> as the CLI builds it, on a free loopback port, with the test's settings and services.</summary>
internal sealed class FeedbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedbackServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<FeedbackServer> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var address = new Uri($"http://127.0.0.1:{NodeService.FreePort()}");
        var app = ServeCommand.Build(address.ToString().TrimEnd('/'), noSchedule: true, settings, configureServices);
        await app.StartAsync();
        return new FeedbackServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
