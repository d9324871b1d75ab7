using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Queues;

namespace TechLead.Jira;

/// <summary>
/// One message of <see cref="QueueNames.SyncJira"/>: syncs exactly that project. A problem fails the attempt quoting
/// Jira, so the message is retried and, after the last attempt, poisoned with that reason on record.
/// </summary>
internal sealed class JiraProjectWork(JiraSyncJob job, IOptions<JiraOptions> options, ILogger<JiraProjectWork> logger) : IQueueHandler
{
    public string Queue => QueueNames.SyncJira;

    public bool Exclusive => true;

    public string Subject(string message)
    {
        var project = message.Trim().ToUpperInvariant();
        return project.Length is > 0 and <= 255 ? project : throw new FormatException($"'{message}' is not a Jira project key.");
    }

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var project = Subject(message);
        if (!options.Value.ProjectKeys.Contains(project, StringComparer.Ordinal))
        {
            // Queued before the setting changed: syncing it now would store what nobody asked for.
            JiraSyncLog.NotConfiguredProject(logger, project);
            return;
        }

        var result = await job.SyncAsync([project], progress: null, cancellationToken);
        var problems = result.Projects.SelectMany(p => p.Problems).ToList();
        if (problems.Count > 0)
        {
            throw new QueueWorkFailedException(string.Join("; ", problems));
        }
    }
}
