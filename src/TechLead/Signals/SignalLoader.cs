using System.Collections.Concurrent;
using Azure.Data.Tables;
using TechLead.Activity;
using TechLead.Storage;

namespace TechLead.Signals;

/// <summary>How much a load read, per table: the benchmark compares it with what is stored.</summary>
internal sealed record LoadStatistics(IReadOnlyDictionary<string, int> EntitiesRead, int Queries)
{
    public int Total => EntitiesRead.Values.Sum();
}

/// <summary>
/// Reads the activity one report needs and nothing more: every query names one partition (a repository or a Jira
/// project) and filters on the query columns for the time windows the calculations use.
/// </summary>
internal sealed class SignalLoader(ActivityStore store, TableStore tables)
{
    private const int Parallelism = 4;

    /// <summary>The time ranges a report for <paramref name="weeks"/> reads.</summary>
    public sealed record LoadWindows(DateTimeOffset LoadStart, DateTimeOffset TrendStart, DateTimeOffset End, DateTimeOffset EvidenceEnd, DateTimeOffset DeploymentsEnd)
    {
        /// <summary>
        /// What reports for every week from <paramref name="first"/> to <paramref name="last"/> read: each query's range
        /// covers every week's, so one load serves a whole trend.
        /// </summary>
        public static LoadWindows For(SignalWeeks first, SignalWeeks last, SignalSettings settings)
        {
            var (early, late) = (For(first, settings), For(last, settings));
            return early with { End = late.End, EvidenceEnd = late.EvidenceEnd, DeploymentsEnd = late.DeploymentsEnd };
        }

        public static LoadWindows For(SignalWeeks weeks, SignalSettings settings)
        {
            var trendStart = weeks.Span.Start;
            var end = weeks.Current.End;
            return new LoadWindows(
                // PRs merged this long before the trend weeks may still be first deployed in them.
                LoadStart: trendStart - settings.MaxShippingDelay,
                TrendStart: trendStart,
                End: end,
                // Reverts, hotfixes and incidents after the week's last deployments.
                EvidenceEnd: end + settings.FailureWindow,
                // The deployments that restore service after those failures.
                DeploymentsEnd: end + settings.FailureWindow + settings.MaxShippingDelay);
        }
    }

    public Task<(ActivityBatch Activity, IReadOnlySet<RepositoryName> DeployedBefore, LoadStatistics Statistics)> LoadAsync(
        IReadOnlyList<RepositoryName> repositories, SignalWeeks weeks, SignalSettings settings, CancellationToken cancellationToken) =>
        LoadAsync(repositories, LoadWindows.For(weeks, settings), settings, cancellationToken);

    /// <summary>The rows the reports of every week from <paramref name="first"/> to <paramref name="last"/> read, in one load.</summary>
    public Task<(ActivityBatch Activity, IReadOnlySet<RepositoryName> DeployedBefore, LoadStatistics Statistics)> LoadAsync(
        IReadOnlyList<RepositoryName> repositories, SignalWeeks first, SignalWeeks last, SignalSettings settings, CancellationToken cancellationToken) =>
        LoadAsync(repositories, LoadWindows.For(first, last, settings), settings, cancellationToken);

    private async Task<(ActivityBatch Activity, IReadOnlySet<RepositoryName> DeployedBefore, LoadStatistics Statistics)> LoadAsync(
        IReadOnlyList<RepositoryName> repositories, LoadWindows w, SignalSettings settings, CancellationToken cancellationToken)
    {
        var counter = new Counter();
        var pullRequests = new ConcurrentBag<PullRequestRecord>();
        var deployments = new ConcurrentBag<DeploymentRecord>();
        var releases = new ConcurrentBag<ReleaseRecord>();
        var issues = new ConcurrentBag<IssueRecord>();
        var runs = new ConcurrentBag<WorkflowRunRecord>();
        var deployedBefore = new ConcurrentDictionary<RepositoryName, bool>();

        await Parallel.ForEachAsync(repositories, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (repository, ct) =>
        {
            var partition = ActivityTables.RepositoryKey(repository);
            var source = settings.DeploymentSource(repository);

            Add(pullRequests, await Query(PullRequestMap.Instance, partition, Tables.Between("MergedAt", w.LoadStart, w.EvidenceEnd), counter, ct));
            // Open at some trend week's end (or a late fix) but not in the merged range: open, closed unmerged, or merged later.
            Add(pullRequests, await Query(PullRequestMap.Instance, partition,
                $"CreatedAt lt {Tables.Time(w.EvidenceEnd)} and (State eq 'open' or (State eq 'closed' and ClosedAt ge {Tables.Time(w.TrendStart)}) or (State eq 'merged' and MergedAt ge {Tables.Time(w.EvidenceEnd)}))",
                counter, ct));

            switch (source)
            {
                case DeploymentSources.Releases:
                    Add(releases, await Query(ReleaseMap.Instance, partition, Tables.Between("PublishedAt", w.LoadStart, w.DeploymentsEnd), counter, ct));
                    deployedBefore[repository] = await ExistsAsync(ReleaseMap.Instance.Table, partition, $"PublishedAt lt {Tables.Time(w.LoadStart)}", counter, ct);
                    break;
                case DeploymentSources.Merges:
                    deployedBefore[repository] = await ExistsAsync(PullRequestMap.Instance.Table, partition, $"MergedAt lt {Tables.Time(w.LoadStart)}", counter, ct);
                    break;
                default:
                    Add(deployments, await Query(DeploymentMap.Instance, partition, Tables.Between("DeployedAt", w.LoadStart, w.DeploymentsEnd), counter, ct));
                    deployedBefore[repository] = await ExistsAsync(DeploymentMap.Instance.Table, partition, $"DeployedAt lt {Tables.Time(w.LoadStart)} and Status eq 'success'", counter, ct);
                    break;
            }

            // Incidents near the deployments, and debt items open at some trend week's end or added since.
            Add(issues, await Query(IssueMap.Instance, partition,
                $"({Tables.Between("CreatedAt", w.LoadStart, w.EvidenceEnd)}) or (CreatedAt lt {Tables.Time(w.End)} and (State eq 'open' or ClosedAt ge {Tables.Time(w.TrendStart)}))",
                counter, ct));
            // From LoadStart: a change deployed in the trend weeks may have been built (and gone red) before them.
            Add(runs, await Query(WorkflowRunMap.Instance, partition, Tables.Between("StartedAt", w.LoadStart, w.End), counter, ct));
        });

        var workItems = new List<WorkItemRecord>();
        foreach (var project in settings.JiraProjects)
        {
            workItems.AddRange(await Query(WorkItemMap.Instance, KeyCodec.Encode(project),
                $"({Tables.Between("CreatedAt", w.LoadStart, w.EvidenceEnd)}) or (CreatedAt lt {Tables.Time(w.End)} and (StatusCategory ne 'Done' or ResolvedAt ge {Tables.Time(w.TrendStart)}))",
                counter, cancellationToken));
        }

        var activity = new ActivityBatch
        {
            // The two PR queries do not overlap by construction; DistinctBy guards against a row changing state in between.
            PullRequests = pullRequests.DistinctBy(p => (p.Repository, p.Number)).ToArray(),
            Deployments = deployments.ToArray(),
            Releases = releases.ToArray(),
            Issues = issues.DistinctBy(i => (i.Repository, i.Number)).ToArray(),
            WorkflowRuns = runs.ToArray(),
            WorkItems = workItems,
        };
        // Repositories that had a deployment before the loaded rows begin (tracking started earlier).
        return (activity, deployedBefore.Where(kv => kv.Value).Select(kv => kv.Key).ToHashSet(), counter.ToStatistics());
    }

    private async Task<IReadOnlyList<T>> Query<T>(IRecordMap<T> map, string partition, string filter, Counter counter, CancellationToken cancellationToken)
    {
        var rows = await store.QueryAsync(map, partition, filter, cancellationToken);
        counter.Add(map.Table, rows.Count);
        return rows;
    }

    /// <summary>Whether any row matches, reading at most one: enough to know that tracking began earlier.</summary>
    private async Task<bool> ExistsAsync(string table, string partition, string filter, Counter counter, CancellationToken cancellationToken)
    {
        var client = await tables.GetTableAsync(table, cancellationToken);
        var fullFilter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and ({filter})";
        var found = await tables.Guard(async () =>
        {
            await foreach (var _ in client.QueryAsync<TableEntity>(fullFilter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                return true;
            }

            return false;
        });
        counter.Add(table, found ? 1 : 0);
        return found;
    }

    private static void Add<T>(ConcurrentBag<T> bag, IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            bag.Add(row);
        }
    }

    private sealed class Counter
    {
        private readonly ConcurrentDictionary<string, int> _read = new(StringComparer.Ordinal);
        private int _queries;

        public void Add(string table, int rows)
        {
            _read.AddOrUpdate(table, rows, (_, count) => count + rows);
            Interlocked.Increment(ref _queries);
        }

        public LoadStatistics ToStatistics() => new(new Dictionary<string, int>(_read, StringComparer.Ordinal), _queries);
    }
}
