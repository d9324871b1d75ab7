using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using TechLead.Access;

namespace TechLead.Local;

/// <summary>
/// What serve really listens on, read from the server once it has bound (whatever chose it: --urls, ASPNETCORE_URLS,
/// Kestrel:Endpoints or code). With the dashboard on, an address that is not loopback is a <see cref="Problem"/>, and
/// until the check has passed no request is answered (<see cref="Gate"/>): text that looks like loopback is not proof.
/// </summary>
internal sealed class BoundAddressCheck(IServer server, IConfiguration configuration) : IHostedLifecycleService
{
    private volatile bool _passed;

    /// <summary>Why serve must not run with what it bound; null before the check and when it passed.</summary>
    public string? Problem { get; private set; }

    /// <summary>Every address the server reported, as it reported them.</summary>
    public IReadOnlyList<string> Bound { get; private set; } = [];

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var exposed = Bound.Where(a => !IsLocal(a)).ToList();
        if (Bound.Count == 0)
        {
            exposed = ["(the server reported no address)"];
        }

        if (exposed.Count > 0 && configuration.GetValue("Dashboard:Enabled", defaultValue: true))
        {
            Problem = $"serve is listening on {string.Join(", ", exposed)}, which is not loopback. {Sources(configuration)} " +
                "serve has no sign-in, so anyone who reaches that address could read the review queue and approve drafts. " +
                "Listen on http://127.0.0.1:PORT (the default), deploy to Azure with App Service Authentication for a shared dashboard, or set Dashboard:Enabled=false to serve only the webhook and health.";
            return Task.CompletedTask;
        }

        _passed = true;
        return Task.CompletedTask;
    }

    /// <summary>Answers 503 and closes the connection until the bound addresses passed the check.</summary>
    public async Task Gate(HttpContext context, RequestDelegate next)
    {
        if (_passed)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
    }

    /// <summary>Loopback by Kestrel's own reading of the address (user info and all), or a socket only this machine reaches.</summary>
    public static bool IsLocal(string address)
    {
        try
        {
            var parsed = BindingAddress.Parse(address);
            return parsed.IsUnixPipe || parsed.IsNamedPipe || AccessGate.IsLoopback(parsed.Host);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Where the addresses came from: the Kestrel endpoints when configured (they override --urls), else --urls.</summary>
    private static string Sources(IConfiguration configuration)
    {
        var endpoints = ConfiguredEndpoints(configuration).Select(e => e.Setting).ToList();
        return endpoints.Count > 0
            ? $"It was set by {string.Join(", ", endpoints)} (Kestrel endpoints override --urls and ASPNETCORE_URLS)."
            : $"It was set by --urls {configuration[WebHostDefaults.ServerUrlsKey]} (or ASPNETCORE_URLS or Kestrel:Endpoints).";
    }

    /// <summary>The Kestrel:Endpoints:NAME:Url settings, each as "Kestrel:Endpoints:NAME:Url=URL" and its URL.</summary>
    public static IEnumerable<(string Setting, string Url)> ConfiguredEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => e["Url"] is not null)
            .Select(e => ($"Kestrel:Endpoints:{e.Key}:Url={e["Url"]}", e["Url"]!));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
