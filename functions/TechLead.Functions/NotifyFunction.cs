using Microsoft.Azure.Functions.Worker;
using TechLead.Chat;
using TechLead.Telemetry;

namespace TechLead.Functions;

/// <summary>Timer: chat messages that are due (weekly summary, agreement changes). Schedule from the app setting Schedules__Notify (NCRONTAB, six fields).</summary>
public sealed class NotifyFunction(NotifyJob job)
{
    [Function("Notify")]
    public Task Run([TimerTrigger("%Schedules:Notify%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
