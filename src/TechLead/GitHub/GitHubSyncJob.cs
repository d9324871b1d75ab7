using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Queues;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// The GitHub sync of every configured repository (GitHub:Repositories). As a job (the Functions timer
/// <c>SyncGitHub</c>, <c>serve</c>'s scheduler) it enqueues one message per repository and returns: the queue's
/// workers (<see cref="GitHubRepositoryWork"/>) sync them side by side. <see cref="SyncAsync"/> is the direct one-shot
/// run of <c>TechLead.Local sync github</c>: every repository in turn within one time budget; a repository that
/// fails (unknown, no access, token rejected) is reported with the reason and the others still sync.
/// </summary>
public sealed class GitHubSyncJob : IJob
{
    private static readonly StoredCounts Empty = new(0, 0, 0, 0, 0, 0, 0);
    private readonly GitHubSessionFactory _sessions;
    private readonly RepositorySync _repositories;
    private readonly IOptions<GitHubOptions> _options;
    private readonly WorkQueues _queues;
    private readonly ILogger<GitHubSyncJob> _logger;

    internal GitHubSyncJob(GitHubSessionFactory sessions, RepositorySync repositories, WorkQueues queues, IOptions<GitHubOptions> options, ILogger<GitHubSyncJob> logger) =>
        (_sessions, _repositories, _queues, _options, _logger) = (sessions, repositories, queues, options, logger);

    public string Name => "SyncGitHub";

    public bool IsConfigured => _options.Value.IsConfigured;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            GitHubSyncLog.NotConfigured(_logger);
            return;
        }

        await EnqueueAsync(cancellationToken);
    }

    /// <summary>One message per configured repository on <see cref="QueueNames.SyncGitHub"/>; returns how many.</summary>
    public async Task<int> EnqueueAsync(CancellationToken cancellationToken)
    {
        var repositories = _options.Value.RepositoryNames.Select(r => r.ToString()).ToList();
        await _queues.SendAllAsync(QueueNames.SyncGitHub, repositories, cancellationToken);
        GitHubSyncLog.Enqueued(_logger, repositories.Count, QueueNames.SyncGitHub);
        return repositories.Count;
    }

    public async Task<GitHubSyncResult> SyncAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        using var session = _sessions.Create();
        var results = new List<RepositorySyncResult>();
        string? stopReason = null;
        foreach (var repository in _options.Value.RepositoryNames)
        {
            if (stopReason is not null || session.Budget.IsExhausted)
            {
                var reason = stopReason ?? "not started: this run's time budget (GitHub:TimeBudget) was used up; the next run syncs it";
                results.Add(new RepositorySyncResult(repository, Empty, stopReason is null ? [] : [$"not synced: {stopReason}"], stopReason is null ? [reason] : [], false));
                continue;
            }

            var (result, stopsRun) = await _repositories.SyncAsync(session, repository, progress, cancellationToken);
            results.Add(result);
            stopReason = stopsRun;
        }

        var outcome = new GitHubSyncResult(results, session.Requests);
        TechLead.Telemetry.TechLeadTelemetry.SyncRun("github", session.Requests.Total);
        var succeeded = results.Count(r => r.Succeeded);
        GitHubSyncLog.RunFinished(_logger, succeeded, results.Count, outcome.Requests);
        return outcome;
    }
}
