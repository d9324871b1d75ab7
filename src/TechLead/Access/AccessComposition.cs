using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechLead.Hosting;

namespace TechLead.Access;

internal static class AccessComposition
{
    /// <summary>Who may call which route (Dashboard:*): the gate both hosts put in front of every handler.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddServeAccessByDefault();
        services.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(AccessOptions.Section);
        services.AddSingleton<AccessGate>();
        services.AddHostedService<SignInStartupCheck>();
        return services;
    }
}

/// <summary>
/// Says once, at start, that people get 503 until sign-in is set up: Azure runs this app without App Service
/// Authentication, or a Functions app runs neither in Azure nor under func start.
/// </summary>
internal sealed partial class SignInStartupCheck(AccessGate gate, ILogger<SignInStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gate.Enabled && gate.SignInMissing)
        {
            LogSignInMissing(gate.Platform.AzureDescription, AppServicePlatform.AuthEnabled);
        }
        else if (gate.Enabled && gate.Mode == AccessMode.Closed)
        {
            LogClosed(AccessGate.ClosedDetail);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The dashboard is on in Azure, {Platform}, but App Service Authentication is not ({Setting} is not True): every dashboard, review and feedback request answers 503 until sign-in is set up (deploy with dashboardClientId) or Dashboard:Enabled=false.")]
    private partial void LogSignInMissing(string platform, string setting);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dashboard is on but nobody can use it: {Reason} Every dashboard, review and feedback request answers 503; Dashboard:Enabled=false switches them off.")]
    private partial void LogClosed(string reason);
}
