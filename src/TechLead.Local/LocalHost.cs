using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Composition;

namespace TechLead.Local;

/// <summary>Builds the same composition the Functions app uses, for one CLI command.</summary>
internal static class LocalHost
{
    /// <summary>The user-secrets store <c>setup github-app</c> writes the App's settings to (<c>dotnet user-secrets --project src/TechLead.Local</c>).</summary>
    public const string UserSecretsId = "techlead-local";

    /// <summary>Settings every local command reads: embedded defaults, appsettings.Local.json, this user's secrets, then environment.</summary>
    public static void AddLocalConfiguration(IConfigurationManager configuration)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
        configuration.AddJsonFile("appsettings.Local.json", optional: true);
        configuration.AddUserSecrets(UserSecretsId, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
    }

    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory() });
        AddLocalConfiguration(builder.Configuration);
        ConfigureLogging(builder.Logging, builder.Configuration);
        builder.AddTechLead();
        var host = builder.Build();
        // Validate every options class now, so a bad setting stops the command before it does anything.
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    public static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        LogLevelSettings.Check(configuration);
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        // stdout belongs to the command's output (e.g. --json); logs go to stderr.
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
