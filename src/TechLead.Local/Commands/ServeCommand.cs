using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Endpoints;
using TechLead.Hosting;
using TechLead.Http;
using TechLead.Queues;
using TechLead.Storage;
using TechLead.Composition;

namespace TechLead.Local.Commands;

/// <summary><c>serve</c>: every HTTP endpoint plus the scheduled jobs and the queue consumers, as the Functions app would run them.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:7071", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var noSchedule = new Option<bool>("--no-schedule") { Description = "Do not run the timer jobs (the queue workers still run unless --no-workers)." };
        var noWorkers = new Option<bool>("--no-workers") { Description = "Do not run the queue workers (Queues:Workers) that sync, send digests and process webhook deliveries." };
        var command = new Command("serve", "Serve the HTTP endpoints (webhook, SBI feedback), run the jobs on their schedules and the queue workers.") { urls, noSchedule, noWorkers };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var app = Build(parse.GetValue(urls)!, parse.GetValue(noSchedule), settings: null, workers: !parse.GetValue(noWorkers));
                app.Services.GetRequiredService<IStartupValidator>().Validate();
                await StartAsync(app, cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return CommandRunner.Ok;
            }
            catch (Exception e) when (SettingProblems.From(e) is { } problems)
            {
                foreach (var problem in problems)
                {
                    CommandRunner.Error(problem);
                }

                return CommandRunner.BadSettings;
            }
            catch (ExposedServeException e)
            {
                CommandRunner.Error(e.Message);
                return CommandRunner.BadSettings;
            }
            catch (StorageUnavailableException e)
            {
                CommandRunner.Error(e.Message);
                return CommandRunner.Unreachable;
            }
            catch (IOException e)
            {
                // Kestrel's "address already in use" and the like: the message says which address.
                CommandRunner.Error($"serve could not listen: {e.Message}");
                return CommandRunner.Failed;
            }
        });
        return command;
    }

    internal static WebApplication Build(string urls, bool noSchedule) => Build(urls, noSchedule, settings: null);

    /// <summary>
    /// Starts <paramref name="app"/>, then refuses to go on (<see cref="ExposedServeException"/>, the app stopped) when
    /// what the server really bound is not loopback while the dashboard is on; until then no request was answered.
    /// </summary>
    internal static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        if (app.Services.GetRequiredService<BoundAddressCheck>().Problem is { } problem)
        {
            await app.StopAsync(CancellationToken.None);
            throw new ExposedServeException(problem);
        }
    }

    /// <summary>
    /// As <c>serve</c> builds it; with <paramref name="settings"/> the configuration is exactly those settings
    /// (tests), and <paramref name="configureServices"/> may add services (test doubles, log capture). The queue
    /// workers run when <paramref name="workers"/> says so, by default along with the schedule.
    /// </summary>
    internal static WebApplication Build(string urls, bool noSchedule, IDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices = null, bool? workers = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        if (settings is null)
        {
            LocalHost.AddLocalConfiguration(builder.Configuration);
        }
        else
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        LocalHost.ConfigureLogging(builder.Logging, builder.Configuration);
        var loopbackOnly = LoopbackOnly(urls, builder.Configuration);
        builder.WebHost.UseUrls(urls);
        // Registered before the storage check, which says nothing when serve is about to refuse what it bound.
        builder.Services.AddSingleton<BoundAddressCheck>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<BoundAddressCheck>());
        builder.Services.AddHostedService<StorageStartCheck>();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, QueueEndpointRequired>();
        if (loopbackOnly)
        {
            // DNS rebinding: a page on attacker.example that resolves to 127.0.0.1 sends Host: attacker.example.
            // Only loopback names are answered; anything else gets 400 before any handler runs.
            builder.Services.AddHostFiltering(o =>
            {
                o.AllowedHosts = [.. LoopbackHosts.Names];
                o.AllowEmptyHosts = false;
            });
        }

        builder.AddTechLead();
        builder.Services.AddProblemDetails();
        if (!noSchedule)
        {
            builder.Services.AddHostedService<JobScheduler>();
        }

        if (workers ?? !noSchedule)
        {
            builder.Services.AddHostedService<QueueWorkers>();
        }

        configureServices?.Invoke(builder.Services);

        builder.Services.AddSecurityHeaders();
        var app = builder.Build();
        app.Use(app.Services.GetRequiredService<BoundAddressCheck>().Gate);
        if (loopbackOnly)
        {
            app.UseHostFiltering();
        }

        app.UseExceptionHandler();
        app.UseCors();
        app.MapTechLeadEndpoints();
        return app;
    }

    /// <summary>
    /// serve has no sign-in, so it listens on loopback only. A non-loopback address is refused unless the dashboard is
    /// switched off (Dashboard:Enabled=false: only the signed webhook and health are served). This reads the text of
    /// --urls and of Kestrel:Endpoints the way Kestrel does, to refuse before binding; <see cref="BoundAddressCheck"/>
    /// then checks what was really bound, whatever set it.
    /// </summary>
    private static bool LoopbackOnly(string urls, ConfigurationManager configuration)
    {
        var requested = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => (Address: u, Source: $"--urls {urls}"))
            .Concat(BoundAddressCheck.ConfiguredEndpoints(configuration).Select(e => (Address: e.Url, Source: e.Setting)));
        var exposed = requested.Where(r => !BoundAddressCheck.IsLocal(r.Address)).Select(r => $"{Host(r.Address)} ({r.Source})").ToList();
        if (exposed.Count == 0)
        {
            return true;
        }

        // Unset or unreadable counts as on (the safe side); an unreadable value is named when the settings are validated.
        if (!bool.TryParse(configuration["Dashboard:Enabled"], out var enabled) || enabled)
        {
            throw new ExposedServeException(
                $"serve would listen on {string.Join(", ", exposed)}, which is not loopback. serve has no sign-in, so anyone who reaches that address could read the review queue and approve drafts. " +
                "Listen on http://127.0.0.1:PORT (the default), deploy to Azure with App Service Authentication for a shared dashboard, or set Dashboard:Enabled=false to serve only the webhook and health.");
        }

        return false;
    }

    /// <summary>The host as Kestrel reads it (for "http://0.0.0.0@127.0.0.1:80" that is "0.0.0.0@127.0.0.1": all interfaces).</summary>
    private static string Host(string address)
    {
        try
        {
            return BindingAddress.Parse(address).Host;
        }
        catch (FormatException)
        {
            return address;
        }
    }
}

/// <summary>
/// serve runs the queue workers, so the queues must be where the tables are: a connection string naming only a
/// TableEndpoint would send them to the account's cloud address, where a local runner waits for minutes in silence.
/// </summary>
internal sealed class QueueEndpointRequired : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new SettingProblems();
        if (WorkQueues.MissingQueueEndpoint(options) is { } problem)
        {
            problems.Add("Storage:ConnectionString", problem,
                "Storage:ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=...;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;");
        }

        return problems.ToResult();
    }
}

/// <summary>serve was asked to listen beyond this machine with the dashboard on.</summary>
internal sealed class ExposedServeException(string message) : Exception(message);
