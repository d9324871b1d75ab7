using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Queues;

namespace TechLead.GitHub;

/// <summary>
/// One message of <see cref="QueueNames.SyncGitHub"/>: syncs exactly that repository, in a session (and time budget)
/// of its own. A problem (no access, not found, rate limit) fails the attempt with GitHub's reason, so the message is
/// retried and, after the last attempt, poisoned with that reason on record.
/// </summary>
internal sealed class GitHubRepositoryWork(
    GitHubSessionFactory sessions,
    RepositorySync repositories,
    IOptions<GitHubOptions> options,
    ILogger<GitHubRepositoryWork> logger) : IQueueHandler
{
    public string Queue => QueueNames.SyncGitHub;

    public bool Exclusive => true;

    public string Subject(string message) => RepositoryName.Parse(message.Trim()).ToString();

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var repository = RepositoryName.Parse(message.Trim());
        if (!options.Value.RepositoryNames.Contains(repository))
        {
            // Queued before the setting changed: syncing it now would store what nobody asked for.
            GitHubSyncLog.NotConfiguredRepository(logger, repository);
            return;
        }

        using var session = sessions.Create();
        var (result, _) = await repositories.SyncAsync(session, repository, progress: null, cancellationToken);
        Telemetry.TechLeadTelemetry.SyncRun("github", session.Requests.Total);
        if (result.Problems.Count > 0)
        {
            throw new QueueWorkFailedException(string.Join("; ", result.Problems));
        }
    }
}
