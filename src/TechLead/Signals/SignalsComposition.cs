using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Signals.Snapshots;
using TechLead.Signals.Trends;

namespace TechLead.Signals;

public static class SignalsComposition
{
    /// <summary>The whole signals capability (delivery, flow, CI, tech debt, team health): settings, loader and engine.</summary>
    public static IServiceCollection AddSignals(this IServiceCollection services)
    {
        services.AddValidatedOptions<SignalsOptions, SignalsOptionsValidator>(SignalsOptions.Section);
        // The Jira project list flows from one place (Jira:Projects, or the old Signals:JiraProjects) into the settings.
        services.AddSingleton(provider => SignalSettings.From(
            provider.GetRequiredService<IOptions<SignalsOptions>>().Value,
            provider.GetRequiredService<IOptions<Jira.JiraOptions>>().Value));
        services.AddSingleton<SignalLoader>();
        services.AddSingleton<SignalEngine>();
        services.AddSingleton<SignalTrendService>();
        services.AddSingleton<SignalSnapshotStore>();
        services.AddSingleton<LiveReports>();
        services.AddSingleton<SignalSnapshots>();
        // Stored activity marks the weekly snapshots it can change stale (Sync declares the hook, so it stays below Signals).
        services.AddSingleton<IStoredActivityObserver, SnapshotInvalidation>();
        return services;
    }
}
