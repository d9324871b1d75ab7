using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Sync;

namespace TechLead.GitHub;

/// <summary>
/// Syncs every configured repository (GitHub:Repositories), one after another, within the run's time budget.
/// A repository that fails (unknown, no access, token rejected) is reported with the reason and the others
/// still sync; the timer function never crash-loops on GitHub's answers. Used by the Functions timer
/// (<c>SyncGitHub</c>), <c>serve</c>'s scheduler and <c>TechLead.Local sync github</c>.
/// </summary>
public sealed class GitHubSyncJob : IJob
{
    private static readonly StoredCounts Empty = new(0, 0, 0, 0, 0, 0, 0);
    private readonly GitHubSessionFactory _sessions;
    private readonly RepositorySync _repositories;
    private readonly IOptions<GitHubOptions> _options;
    private readonly ILogger<GitHubSyncJob> _logger;

    internal GitHubSyncJob(GitHubSessionFactory sessions, RepositorySync repositories, IOptions<GitHubOptions> options, ILogger<GitHubSyncJob> logger) =>
        (_sessions, _repositories, _options, _logger) = (sessions, repositories, options, logger);

    public string Name => "SyncGitHub";

    public bool IsConfigured => _options.Value.IsConfigured;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            GitHubSyncLog.NotConfigured(_logger);
            return;
        }

        await SyncAsync(progress: null, cancellationToken);
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
