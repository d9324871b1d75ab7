using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Hosting;
using TechLead.Queues;
using TechLead.Storage;

namespace TechLead.Jira;

/// <summary>
/// The Jira sync of every project of Jira:Projects. As a job (the <c>SyncJira</c> timer, <c>serve</c>'s scheduler) it
/// enqueues one message per project and returns; the queue's workers (<see cref="JiraProjectWork"/>) sync one project
/// each. <see cref="SyncAsync(IProgress{string}, CancellationToken)"/> is the direct one-shot run of
/// <c>TechLead.Local sync jira</c>: every project in turn, within one time budget. Per project: JQL
/// <c>project = "KEY" AND updated &gt;= "yyyy-MM-dd HH:mm" ORDER BY updated ASC</c> in the Jira user's time zone,
/// from the stored cursor minus a few minutes of overlap (the first run backfills Jira:BackfillWeeks); each page's
/// cut histories are completed, the page is mapped and stored, and only then does the cursor move. A project that
/// fails (unknown, not visible, JQL rejected) is reported quoting Jira and the others still sync.
/// </summary>
public sealed class JiraSyncJob : IJob
{
    private readonly JiraClient client;
    private readonly ActivityIngestor ingestor;
    private readonly SyncCursorStore cursors;
    private readonly WorkQueues queues;
    private readonly IOptions<JiraOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<JiraSyncJob> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal JiraSyncJob(
        JiraClient client,
        ActivityIngestor ingestor,
        SyncCursorStore cursors,
        WorkQueues queues,
        IOptions<JiraOptions> options,
        TimeProvider time,
        ILogger<JiraSyncJob> logger)
    {
        this.client = client;
        this.ingestor = ingestor;
        this.cursors = cursors;
        this.queues = queues;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    public const string CursorSource = "jira";
    public const string CursorResource = "issues";

    private const string CredentialsRejected =
        "Jira rejected the credentials (401 Unauthorized): check Jira:Email and Jira:ApiToken (Cloud) or Jira:PersonalAccessToken (Data Center); the token may be wrong, expired or revoked";

    public string Name => "SyncJira";

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            JiraSyncLog.NotConfigured(logger);
            return;
        }

        await EnqueueAsync(cancellationToken);
    }

    /// <summary>One message per configured project on <see cref="QueueNames.SyncJira"/>; returns how many.</summary>
    public async Task<int> EnqueueAsync(CancellationToken cancellationToken)
    {
        var projects = options.Value.ProjectKeys;
        await queues.SendAllAsync(QueueNames.SyncJira, projects, cancellationToken);
        JiraSyncLog.Enqueued(logger, projects.Count, QueueNames.SyncJira);
        return projects.Count;
    }

    public Task<JiraSyncResult> SyncAsync(IProgress<string>? progress, CancellationToken cancellationToken) =>
        SyncAsync(options.Value.ProjectKeys, progress, cancellationToken);

    /// <summary>Syncs the given projects (each one of Jira:Projects) in turn, within one time budget.</summary>
    public async Task<JiraSyncResult> SyncAsync(IReadOnlyList<string> projects, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var settings = options.Value;
        if (settings.UsesLegacyProjects)
        {
            JiraSyncLog.LegacyProjects(logger, JiraOptions.LegacyProjectsSetting, "Jira:Projects");
        }

        var run = new JiraRun(new SyncBudget(time, settings.TimeBudget));
        bool cloud;
        TimeZoneInfo zone;
        JiraStatusCategories categories;
        try
        {
            progress?.Report("Asking Jira which deployment it is…");
            cloud = await client.IsCloudAsync(run, cancellationToken);
            zone = JiraTime.Zone((await client.MyselfAsync(run, cloud, cancellationToken)).TimeZone);
            categories = new JiraStatusCategories(await client.StatusesAsync(run, cloud, cancellationToken));
        }
        catch (Exception e) when (Describe(e, cancellationToken) is { } failure)
        {
            var failed = projects.Select(p => new JiraProjectResult(p, 0, 0, 0, [$"not synced: {failure.Reason}"], [], false)).ToList();
            return Finish(new JiraSyncResult(failed, run.Requests, "unknown", "unknown"));
        }

        var results = new List<JiraProjectResult>();
        string? stopReason = null;
        foreach (var project in projects)
        {
            if (stopReason is not null || run.Budget.IsExhausted)
            {
                results.Add(stopReason is null
                    ? new JiraProjectResult(project, 0, 0, 0, [], ["not started: this run's time budget (Jira:TimeBudget) was used up; the next run syncs it"], false)
                    : new JiraProjectResult(project, 0, 0, 0, [$"not synced: {stopReason}"], [], false));
                continue;
            }

            progress?.Report($"Syncing Jira project {project}…");
            var (result, stops) = await SyncProjectAsync(run, project, cloud, zone, categories, progress, cancellationToken);
            results.Add(result);
            stopReason = stops;
        }

        return Finish(new JiraSyncResult(results, run.Requests, cloud ? "cloud" : "datacenter", zone.Id));
    }

    private JiraSyncResult Finish(JiraSyncResult result)
    {
        var succeeded = result.Projects.Count(p => p.Succeeded);
        var requests = result.Requests.ToString();
        JiraSyncLog.RunFinished(logger, succeeded, result.Projects.Count, requests);
        return result;
    }

    private async Task<(JiraProjectResult Result, string? StopsRun)> SyncProjectAsync(JiraRun run, string project, bool cloud, TimeZoneInfo zone,
        JiraStatusCategories categories, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mapping = settings.MappingFor(project);
        var cursor = await cursors.GetAsync(CursorSource, project, CursorResource, cancellationToken);
        var storedUntil = cursor is not null && DateTimeOffset.TryParse(cursor.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        var since = storedUntil is { } s ? s - TimeSpan.FromMinutes(settings.OverlapMinutes) : time.GetUtcNow() - TimeSpan.FromDays(7 * settings.BackfillWeeks);
        var jql = Jql(project, since, zone);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var (read, stored, completed) = (0, 0, 0);
        string? token = null;
        var startAt = 0;
        try
        {
            while (true)
            {
                var page = cloud
                    ? await client.SearchCloudAsync(run, jql, settings.PageSize, token, cancellationToken)
                    : await client.SearchDataCenterAsync(run, jql, settings.PageSize, startAt, cancellationToken);
                var issues = (page.Issues ?? []).Where(i => i.Id is null || seen.Add(i.Id)).ToList();
                read += issues.Count;
                var histories = await CompleteHistoriesAsync(run, issues, cloud, cancellationToken);
                completed += histories.Count;

                var records = new List<WorkItemRecord>();
                foreach (var issue in issues)
                {
                    var history = issue.Id is not null && histories.TryGetValue(issue.Id, out var full) ? full : issue.Changelog?.Histories ?? [];
                    if (JiraIssueMapper.Map(issue, history, project, mapping, categories, Origins.Jira, settings.EpicLinkFieldId) is { } record)
                    {
                        records.Add(record);
                    }
                    else
                    {
                        notes.Add($"issue {issue.Key ?? issue.Id ?? "(no key)"} was skipped: Jira sent it without a key or creation time");
                    }
                }

                stored += (await ingestor.StoreAsync(new ActivityBatch { WorkItems = records }, cancellationToken)).WorkItems;
                // Stored first, then the cursor: a run cut off here repeats this page next time instead of losing it.
                var newest = records.Select(r => r.UpdatedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
                if (newest > (storedUntil ?? DateTimeOffset.MinValue))
                {
                    storedUntil = newest;
                    await cursors.SetAsync(CursorSource, project, CursorResource,
                        new SyncCursor(newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), null, time.GetUtcNow()), cancellationToken);
                }

                progress?.Report($"Jira {project}: {read} issues read, {stored} stored…");
                var last = cloud
                    ? page.IsLast == true || string.IsNullOrEmpty(page.NextPageToken)
                    : (page.Issues?.Count ?? 0) == 0 || (page.StartAt ?? startAt) + (page.Issues?.Count ?? 0) >= (page.Total ?? 0);
                if (last)
                {
                    break;
                }

                if (run.Budget.IsExhausted)
                {
                    notes.Add("stopped: this run's time budget (Jira:TimeBudget) was used up after storing what it read; the next run resumes from the stored cursor");
                    JiraSyncLog.ProjectSynced(logger, project, read, stored, completed);
                    return (new JiraProjectResult(project, read, stored, completed, [], notes, false), null);
                }

                token = page.NextPageToken;
                startAt = (page.StartAt ?? startAt) + (page.Issues?.Count ?? 0);
            }
        }
        catch (Exception e) when (Describe(e, cancellationToken) is { } failure)
        {
            var problem = $"project {project}: {failure.Reason}{(stored > 0 ? $"; the {stored} work items read before it are stored and the next run resumes from there" : "")}";
            JiraSyncLog.ProjectProblem(logger, project, problem);
            return (new JiraProjectResult(project, read, stored, completed, [problem], notes, false), failure.StopsRun ? failure.Reason : null);
        }

        JiraSyncLog.ProjectSynced(logger, project, read, stored, completed);
        return (new JiraProjectResult(project, read, stored, completed, [], notes, true), null);
    }

    /// <summary>The JQL of one project's incremental query.</summary>
    public static string Jql(string project, DateTimeOffset since, TimeZoneInfo zone) =>
        $"project = \"{project}\" AND updated >= \"{JiraTime.ToJql(since, zone)}\" ORDER BY updated ASC";

    /// <summary>Complete histories for the issues whose changelog the search cut; nothing for the others.</summary>
    private async Task<Dictionary<string, List<JiraHistory>>> CompleteHistoriesAsync(JiraRun run, List<JiraIssue> issues, bool cloud, CancellationToken cancellationToken)
    {
        var cut = issues.Where(i => i.Id is not null && i.Changelog is { IsComplete: false }).ToList();
        if (cut.Count == 0)
        {
            return [];
        }

        if (cloud)
        {
            var result = new Dictionary<string, List<JiraHistory>>(StringComparer.Ordinal);
            foreach (var chunk in cut.Chunk(1000))
            {
                foreach (var (id, histories) in await client.BulkChangelogsAsync(run, chunk.Select(i => i.Id!).ToList(), cancellationToken))
                {
                    result[id] = histories;
                }
            }

            return result;
        }

        var full = new Dictionary<string, List<JiraHistory>>(StringComparer.Ordinal);
        foreach (var issue in cut)
        {
            full[issue.Id!] = await client.IssueChangelogAsync(run, issue.Key ?? issue.Id!, cancellationToken);
        }

        return full;
    }

    private static JiraFailure? Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        JiraApiException { Status: HttpStatusCode.Unauthorized } => new(CredentialsRejected, true),
        JiraApiException { RateLimited: true } e => new($"Jira kept answering {(int)e.Status} ({e.Status}) past what this run may wait; stopped, the next run resumes from the stored cursor", true),
        JiraApiException { Status: HttpStatusCode.Forbidden } e => new($"Jira answered 403 Forbidden{Quote(e)}: the account lacks the Browse projects permission here", false),
        JiraApiException { Status: HttpStatusCode.BadRequest } e => new($"Jira rejected the query{Quote(e)}: the project does not exist, is not visible to this account, or the JQL is not valid on this site", false),
        JiraApiException { Status: HttpStatusCode.NotFound } e => new($"Jira answered 404 Not Found{Quote(e)}: check Jira:BaseUrl", true),
        JiraApiException e => new($"Jira answered {(int)e.Status} ({e.Status}){Quote(e)}", false),
        HttpRequestException e => new($"Jira is unreachable ({e.Message}); check Jira:BaseUrl", true),
        System.Text.Json.JsonException e => new($"Jira's answer was not the JSON expected ({e.Message}); nothing from it was stored", false),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => new("Jira did not answer in time", true),
        _ => null,
    };

    private static string Quote(JiraApiException e) => e.Messages.Count == 0 ? "" : $": \"{string.Join("\"; \"", e.Messages)}\"";

    private sealed record JiraFailure(string Reason, bool StopsRun);
}
