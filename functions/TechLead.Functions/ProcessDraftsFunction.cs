using Microsoft.Azure.Functions.Worker;
using TechLead.Review;
using TechLead.Telemetry;

namespace TechLead.Functions;

/// <summary>Timer: drafts pending release notes and ADR summaries for review. Schedule from Schedules__ProcessDrafts (NCRONTAB, six fields).</summary>
public sealed class ProcessDraftsFunction(ProcessDraftsJob job)
{
    [Function("ProcessDrafts")]
    public Task Run([TimerTrigger("%Schedules:ProcessDrafts%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
