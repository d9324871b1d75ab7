using Microsoft.Azure.Functions.Worker;
using TechLead.GitHub;
using TechLead.Telemetry;

namespace TechLead.Functions;

/// <summary>Timer: the GitHub sync. Schedule from the app setting Schedules__SyncGitHub (NCRONTAB, six fields).</summary>
public sealed class SyncGitHubFunction(GitHubSyncJob job)
{
    [Function("SyncGitHub")]
    public Task Run([TimerTrigger("%Schedules:SyncGitHub%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
