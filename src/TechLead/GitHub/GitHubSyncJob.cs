using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;
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
        var succeeded = results.Count(r => r.Succeeded);
        GitHubSyncLog.RunFinished(_logger, succeeded, results.Count, outcome.Requests);
        return outcome;
    }
}

/// <summary>One repository: the repository itself (default branch, has anything been pushed), then each resource.</summary>
internal sealed class RepositorySync
{
    private readonly GitHubCursors _cursors;
    private readonly ActivityIngestor _ingestor;
    private readonly TimeProvider _time;
    private readonly IOptions<GitHubOptions> _options;
    private readonly ILogger<RepositorySync> _logger;
    private readonly (string Name, string Permission, Func<RepositorySyncContext, CancellationToken, Task> Run)[] _steps;

    public RepositorySync(
        GitHubCursors cursors,
        ActivityIngestor ingestor,
        PullRequestSync pullRequests,
        AdrSync adrs,
        TimeProvider time,
        IOptions<GitHubOptions> options,
        ILogger<RepositorySync> logger)
    {
        (_cursors, _ingestor, _time, _options, _logger) = (cursors, ingestor, time, options, logger);
        _steps =
        [
            (PullRequestSync.Resource, "Pull requests: read", pullRequests.RunAsync),
            (IssueSync.Resource, "Issues: read", IssueSync.RunAsync),
            (ReleaseSync.Resource, "Contents: read", ReleaseSync.RunAsync),
            (DeploymentSync.Resource, "Deployments: read", DeploymentSync.RunAsync),
            (WorkflowRunSync.Resource, "Actions: read", WorkflowRunSync.RunAsync),
            (AdrSync.Resource, "Contents: read", adrs.RunAsync),
        ];
    }

    /// <summary>Syncs one repository; returns its result and, when the failure concerns every repository (rate limit), why the run stops.</summary>
    public async Task<(RepositorySyncResult Result, string? StopsRun)> SyncAsync(
        GitHubSession session, RepositoryName repository, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var now = _time.GetUtcNow();
        var context = new RepositorySyncContext(repository, session, _cursors, _ingestor, now, now.AddDays(-7 * settings.BackfillWeeks),
            settings.DeploymentEnvironments, progress, _logger);
        var problems = new List<string>();

        GitHubCursor<RepositoryCursor>? cursor = null;
        RestPage<Repository>? page = null;
        var failure = await TryAsync(context, "repository", "Metadata: read", problems, async () =>
        {
            context.Report("repository");
            cursor = await _cursors.GetAsync<RepositoryCursor>(repository, GitHubResources.Repository, cancellationToken);
            page = await session.Rest.GetAsync<Repository>(new Uri($"repos/{repository.Owner}/{repository.Name}", UriKind.Relative), cursor?.ETag, cancellationToken);
        }, cancellationToken);
        if (failure is not null || page is null)
        {
            return (context.Result(problems), failure?.StopsRun == true ? failure.Reason : null);
        }

        context.RepositoryChanged = !page.NotModified || cursor is null;
        context.DefaultBranch = page.NotModified ? cursor!.State.DefaultBranch : page.Body?.DefaultBranch ?? "main";

        foreach (var (name, permission, run) in _steps)
        {
            if (session.Budget.IsExhausted)
            {
                context.StoppedEarly(name);
                break;
            }

            failure = await TryAsync(context, name, permission, problems, () => run(context, cancellationToken), cancellationToken);
            if (failure?.StopsRepository == true)
            {
                return (context.Result(problems), failure.StopsRun ? failure.Reason : null);
            }
        }

        // The repository's ETag moves last: a 304 next time means every resource above saw this version.
        if (problems.Count == 0 && context.Complete && !page.NotModified)
        {
            await _cursors.SetAsync(repository, GitHubResources.Repository, new RepositoryCursor(context.DefaultBranch), page.ETag, cancellationToken);
        }

        GitHubSyncLog.RepositorySynced(_logger, repository, context.Stored);
        return (context.Result(problems), null);
    }

    private async Task<GitHubFailure?> TryAsync(
        RepositorySyncContext context, string step, string permission, List<string> problems, Func<Task> run, CancellationToken cancellationToken)
    {
        try
        {
            await run();
            return null;
        }
        catch (Exception e) when (GitHubFailures.Describe(e, permission, cancellationToken) is { } failure)
        {
            problems.Add($"{step}: {failure.Reason}");
            GitHubSyncLog.ResourceFailed(_logger, context.Repository, step, failure.Reason);
            return failure;
        }
    }

    private sealed record RepositoryCursor(string DefaultBranch);
}
