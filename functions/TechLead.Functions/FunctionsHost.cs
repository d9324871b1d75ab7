using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TechLead.Access;
using TechLead.Hosting;
using TechLead.Queues;
using TechLead.Telemetry;
using TechLead.Composition;

namespace TechLead.Functions;

/// <summary>How the worker is composed; Program.cs runs it and the composition tests build it the same way.</summary>
public static class FunctionsHost
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        LogLevelSettings.Check(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.AddTechLead();
        // The routes run in the worker: Local mode only under func start, and only for loopback Host names and callers
        // (the host forwards each caller's address and Host, which ConfigureFunctionsWebApplication applies).
        builder.Services.AddFunctionsWorkerAccess();
        builder.Services.AddSingleton<IValidateOptions<QueueOptions>, QueueTriggerNames>();
        // A function's log reads as what it did: ASP.NET Core's per-result lines ("Setting HTTP status code",
        // "Writing value of type") only when something is wrong. host.json filters the host's side the same way.
        builder.Logging.AddFilter("TechLead", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddTelemetry(builder);
        return builder;
    }

    /// <summary>
    /// OpenTelemetry through the worker (one trace per invocation, with the app's job and request spans inside) and the
    /// app's metrics; to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (Entra ID sign-in when
    /// APPLICATIONINSIGHTS_AUTHENTICATION_STRING says Authorization=AAD, as infra/ sets it), else to the console when
    /// Telemetry:Console is true (local runs).
    /// </summary>
    private static void AddTelemetry(FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(TechLeadTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(TechLeadTelemetry.Name));

        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var entraId = configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (entraId)
                {
                    options.Credential = new DefaultAzureCredential();
                }
            });
        }
        else if (ConsoleTelemetry(configuration))
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }
    }

    /// <summary>Telemetry:Console, reported like every other setting when it is not true or false (read before options are).</summary>
    private static bool ConsoleTelemetry(ConfigurationManager configuration)
    {
        const string setting = "Telemetry:Console";
        var text = configuration[setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (bool.TryParse(text, out var on))
        {
            return on;
        }

        var problems = new SettingProblems();
        problems.Add(setting, $"is '{text}', which is not true or false", $"{setting}=true");
        throw new OptionsValidationException(setting, typeof(bool), problems.Failures);
    }
}
