using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechLead.Hosting;
using TechLead.Telemetry;

namespace TechLead.Local;

/// <summary>
/// Runs every registered job on the NCRONTAB schedule the Functions timer uses (<c>Schedules:{JobName}</c>,
/// six fields with seconds), so <c>serve</c> behaves like the deployed app.
/// </summary>
internal sealed partial class JobScheduler(IEnumerable<IJob> jobs, IConfiguration configuration, TimeProvider time, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    private async Task RunOnScheduleAsync(IJob job, CancellationToken stoppingToken)
    {
        var setting = $"Schedules:{job.Name}";
        var text = configuration[setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            LogNoSchedule(job.Name, setting);
            return;
        }

        // Every Schedules:* was checked at start (ScheduleSettings), so this parses.
        var schedule = ScheduleSettings.Parse(text);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            await Task.Delay(next.Value - time.GetUtcNow(), time, stoppingToken);
            try
            {
                await job.RunTracedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed run must not stop the schedule; the next occurrence retries.
                LogJobFailed(e, job.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} has no schedule ({Setting} is empty); it runs only when asked.")]
    private partial void LogNoSchedule(string job, string setting);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed; it runs again at its next scheduled time.")]
    private partial void LogJobFailed(Exception exception, string job);
}
