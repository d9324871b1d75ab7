using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>One repository: the repository itself (default branch, has anything been pushed), then each resource.</summary>
internal sealed class RepositorySync
{
    private readonly GitHubCursors _cursors;
    private readonly ActivityIngestor _ingestor;
    private readonly ActivityStore _store;
    private readonly TimeProvider _time;
    private readonly IOptions<GitHubOptions> _options;
    private readonly ILogger<RepositorySync> _logger;
    private readonly IRepositorySyncStep[] _steps;

    /// <summary>The order the steps run in: ancestry attributes the releases and deployments the steps before it stored.</summary>
    private static readonly Type[] Order =
    [
        typeof(PullRequestSync), typeof(IssueSync), typeof(ReleaseSync), typeof(DeploymentSync), typeof(AncestrySync), typeof(WorkflowRunSync), typeof(AdrSync),
    ];

    public RepositorySync(
        GitHubCursors cursors,
        ActivityIngestor ingestor,
        ActivityStore store,
        IEnumerable<IRepositorySyncStep> steps,
        TimeProvider time,
        IOptions<GitHubOptions> options,
        ILogger<RepositorySync> logger)
    {
        (_cursors, _ingestor, _store, _time, _options, _logger) = (cursors, ingestor, store, time, options, logger);
        _steps = [.. steps.OrderBy(step => Array.IndexOf(Order, step.GetType()))];
        if (!_steps.Select(step => step.GetType()).SequenceEqual(Order))
        {
            throw new InvalidOperationException($"Repository sync steps registered: {string.Join(", ", _steps.Select(step => step.Name))}; expected one of each of {Order.Length}.");
        }
    }

    /// <summary>Syncs one repository; returns its result and, when the failure concerns every repository (rate limit), why the run stops.</summary>
    public async Task<(RepositorySyncResult Result, string? StopsRun)> SyncAsync(
        GitHubSession session, RepositoryName repository, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var now = _time.GetUtcNow();
        var context = new RepositorySyncContext(repository, session, _cursors, _ingestor, _store, now, now.AddDays(-7 * settings.BackfillWeeks),
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

        foreach (var step in _steps)
        {
            if (session.Budget.IsExhausted)
            {
                context.StoppedEarly(step.Name);
                break;
            }

            failure = await TryAsync(context, step.Name, step.Permission, problems, () => step.RunAsync(context, cancellationToken), cancellationToken);
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
