using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Signals.Snapshots;

namespace TechLead.Signals;

internal static class SignalsComposition
{
    /// <summary>The whole signals capability (delivery, flow, CI, tech debt, team health): settings, engine, snapshots and the one door callers read (<see cref="SignalReports"/>).</summary>
    public static IServiceCollection AddSignals(this IServiceCollection services)
    {
        services.AddValidatedOptions<SignalsOptions, SignalsOptionsValidator>(SignalsOptions.Section);
        // The Jira project list flows from one place (Jira:Projects, or the old Signals:JiraProjects) into the settings.
        services.AddSingleton(provider => SignalSettings.From(
            provider.GetRequiredService<IOptions<SignalsOptions>>().Value,
            provider.GetRequiredService<IOptions<Jira.JiraOptions>>().Value));
        services.AddSingleton<SignalLoader>();
        services.AddSingleton<SignalEngine>();
        services.AddSingleton<SignalSnapshotStore>();
        services.AddSingleton<LiveReports>();
        services.AddSingleton<SignalSnapshots>();
        // The one door every caller reads; its constructor is internal, so the container is told how to make it.
        services.AddSingleton(provider => new SignalReports(
            provider.GetRequiredService<SignalEngine>(),
            provider.GetRequiredService<SignalSnapshots>(),
            provider.GetRequiredService<LiveReports>()));
        // Stored activity marks the weekly snapshots it can change stale (Sync declares the hook, so it stays below Signals).
        services.AddSingleton<IStoredActivityObserver, SnapshotInvalidation>();
        return services;
    }
}
