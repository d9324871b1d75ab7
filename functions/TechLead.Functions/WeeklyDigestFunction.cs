using Microsoft.Azure.Functions.Worker;
using TechLead.Digest;
using TechLead.Telemetry;

namespace TechLead.Functions;

/// <summary>Timer: the weekly digest. Schedule from the app setting Schedules__WeeklyDigest (NCRONTAB, six fields).</summary>
public sealed class WeeklyDigestFunction(WeeklyDigestJob job)
{
    [Function("WeeklyDigest")]
    public Task Run([TimerTrigger("%Schedules:WeeklyDigest%")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunTracedAsync(cancellationToken);
}
