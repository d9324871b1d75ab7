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
            catch (Exception e) when (SettingProblems.From(e) is { } problems)
            {
                foreach (var problem in problems)
                {
                    CommandRunner.Error(problem);
                }

                return CommandRunner.BadSettings;
            }

            await app.RunAsync(cancellationToken);
            return CommandRunner.Ok;
        });
        return command;
    }

    /// <param name="settings">Settings that override every other source (tests pass theirs here).</param>
    internal static WebApplication Build(string urls, bool noSchedule, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        LocalHost.AddLocalConfiguration(builder.Configuration);
        if (settings is not null)
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

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapTechLeadEndpoints();
        return app;
    }
}
