using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>The state one repository's sync shares across its resources.</summary>
internal sealed class RepositorySyncContext(
    RepositoryName repository,
    GitHubSession session,
    GitHubCursors cursors,
    ActivityIngestor ingestor,
    ActivityStore store,
    DateTimeOffset now,
    DateTimeOffset floor,
    Regex deploymentEnvironments,
    IProgress<string>? progress,
    ILogger logger)
{
    private readonly List<string> _notes = [];
    private StoredCounts _stored = new(0, 0, 0, 0, 0, 0, 0);

    public RepositoryName Repository => repository;

    public GitHubSession Session => session;

    public GitHubCursors Cursors => cursors;

    /// <summary>What earlier runs stored (read back, e.g. to keep attributions already made).</summary>
    public ActivityStore Store => store;

    public DateTimeOffset Now => now;

    /// <summary>Nothing older than this is read: the backfill horizon (GitHub:BackfillWeeks).</summary>
    public DateTimeOffset Floor => floor;

    public Regex DeploymentEnvironments => deploymentEnvironments;

    /// <summary>The default branch (workflow runs are read for it only).</summary>
    public string DefaultBranch { get; set; } = "main";

    /// <summary>False when the repository answered 304: nothing was pushed since the last run.</summary>
    public bool RepositoryChanged { get; set; } = true;

    public bool Complete { get; private set; } = true;

    public StoredCounts Stored => _stored;

    public IReadOnlyList<string> Notes => _notes;

    public ILogger Logger => logger;

    /// <summary>Stores through the one ingestion path; counts and reports progress.</summary>
    public async Task StoreAsync(ActivityBatch batch, CancellationToken cancellationToken, bool count = true)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var counts = await ingestor.StoreAsync(batch, cancellationToken);
        if (!count)
        {
            return;
        }

        _stored = new StoredCounts(
            _stored.PullRequests + counts.PullRequests, _stored.Deployments + counts.Deployments, _stored.Releases + counts.Releases,
            _stored.Issues + counts.Issues, _stored.WorkflowRuns + counts.WorkflowRuns, _stored.WorkItems + counts.WorkItems,
            _stored.AdrFiles + counts.AdrFiles);
        progress?.Report($"{repository}: stored {_stored.Total} rows so far");
    }

    public void Report(string step) => progress?.Report($"{repository}: {step}");

    /// <summary>Maps one item; an item GitHub sent malformed is logged with the repository and skipped.</summary>
    public TRecord? MapOrSkip<TRecord>(string resource, string item, Func<TRecord?> map)
        where TRecord : class
    {
        try
        {
            return map();
        }
        catch (GitHubDataException e)
        {
            Skipped(resource, item, e);
            return null;
        }
    }

    public void Skipped(string resource, string item, GitHubDataException? e)
    {
        GitHubSyncLog.SkippedItem(logger, repository, resource, item, e?.Message ?? "unusable");
        _notes.Add($"{resource}: skipped {item} ({e?.Message ?? "unusable"})");
    }

    /// <summary>A note for the run's report (not a problem: the resource still synced).</summary>
    public void Note(string note) => _notes.Add(note);

    public void StoppedEarly(string resource)
    {
        Complete = false;
        GitHubSyncLog.StoppedEarly(logger, repository, resource);
        _notes.Add($"{resource}: stopped at the time budget (GitHub:TimeBudget); the next run continues from here");
    }

    public RepositorySyncResult Result(IReadOnlyList<string> problems) => new(repository, _stored, problems, _notes.ToList(), Complete);
}

/// <summary>Log messages of the GitHub sync. The token never appears in any of them.</summary>
internal static partial class GitHubSyncLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Repository}: skipped {Item} from {Resource}: {Reason}")]
    public static partial void SkippedItem(ILogger logger, RepositoryName repository, string resource, string item, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Repository}: stopped {Resource} at the time budget; the next run resumes from its cursor.")]
    public static partial void StoppedEarly(ILogger logger, RepositoryName repository, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub {Repository}: {Resource} failed: {Reason}")]
    public static partial void ResourceFailed(ILogger logger, RepositoryName repository, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub {Repository}: stored {Stored}.")]
    public static partial void RepositorySynced(ILogger logger, RepositoryName repository, StoredCounts stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub sync: {Succeeded} of {Total} repositories synced; {Requests}.")]
    public static partial void RunFinished(ILogger logger, int succeeded, int total, GitHubRequestCounts requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub sync: GitHub:Repositories is empty; nothing to sync.")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub sync: {Count} repositories enqueued on {Queue}.")]
    public static partial void Enqueued(ILogger logger, int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Repository} is no longer in GitHub:Repositories; its queued sync is dropped.")]
    public static partial void NotConfiguredRepository(ILogger logger, RepositoryName repository);
}
