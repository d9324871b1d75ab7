using Microsoft.Azure.Functions.Worker;
using TechLead.Jira;

namespace TechLead.Functions;

/// <summary>Timer: the Jira sync. Schedule from the app setting Schedules__SyncJira (NCRONTAB, six fields).</summary>
public sealed class SyncJiraFunction(JiraSyncJob job)
{
    [Function("SyncJira")]
    public Task Run([TimerTrigger("%Schedules:SyncJira%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
