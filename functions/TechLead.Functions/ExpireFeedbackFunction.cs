using Microsoft.Azure.Functions.Worker;
using TechLead.Feedback;
using TechLead.Telemetry;

namespace TechLead.Functions;

/// <summary>Timer: deletes kept SBI feedback older than Feedback:KeepDays. Schedule from Schedules__ExpireFeedback (NCRONTAB, six fields).</summary>
public sealed class ExpireFeedbackFunction(ExpireFeedbackJob job)
{
    [Function("ExpireFeedback")]
    public Task Run([TimerTrigger("%Schedules:ExpireFeedback%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
