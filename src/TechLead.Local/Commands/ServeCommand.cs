using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Endpoints;
using TechLead.Hosting;

namespace TechLead.Local.Commands;

/// <summary><c>serve</c>: every HTTP endpoint plus the scheduled jobs, as the Functions app would run them.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:7071", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var noSchedule = new Option<bool>("--no-schedule") { Description = "Serve HTTP endpoints only; do not run the timer jobs." };
        var command = new Command("serve", "Serve the HTTP endpoints (webhook, SBI feedback) and run the jobs on their schedules.") { urls, noSchedule };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = Build(parse.GetValue(urls)!, parse.GetValue(noSchedule));
            try
            {
                app.Services.GetRequiredService<IStartupValidator>().Validate();
            }
            catch (OptionsValidationException e)
            {
                foreach (var failure in e.Failures)
                {
                    CommandRunner.Error(failure);
                }

                return CommandRunner.BadSettings;
            }

            await app.RunAsync(cancellationToken);
            return CommandRunner.Ok;
        });
        return command;
    }

    internal static WebApplication Build(string urls, bool noSchedule) => Build(urls, noSchedule, settings: null);

    /// <summary>
    /// As <c>serve</c> builds it; with <paramref name="settings"/> the configuration is exactly those settings
    /// (tests), and <paramref name="configureServices"/> may add services (test doubles, log capture).
    /// </summary>
    internal static WebApplication Build(string urls, bool noSchedule, IDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices = null)
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
        builder.WebHost.UseUrls(urls);
        builder.AddTechLead();
        builder.Services.AddProblemDetails();
        if (!noSchedule)
        {
            builder.Services.AddHostedService<JobScheduler>();
        }

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseCors();
        app.MapTechLeadEndpoints();
        return app;
    }
}
