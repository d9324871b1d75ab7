using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Octokit;
using Octokit.Internal;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// GitHub sync against the loopback fake GitHub and a real Azurite: requests to backfill N merged pull requests
/// with first commit and first review (against the one-request-per-detail approach, measured in the same run),
/// requests for a steady-state sync of an unchanged repository, and rows per second stored batched against one
/// upsert per row; and attribution by commit ancestry (compare requests per new deployment on a backfill, an
/// unchanged re-sync and a re-sync after one deployment, against the whole sync's requests in the same run).
/// Arguments: [pull requests, default 10000] [rows to store, default 5000] [deployments, default 200];
/// or <c>ancestry [deployments, default 200]</c> for the attribution part alone; or <c>weekly [pull requests]</c> for the
/// backfill's requests per merged pull request on a history with a release a week; or <c>real [bare git repository]
/// [weeks]</c> for the same on a real repository's history (<see cref="GitHubRealHistoryBenchmark"/>).
/// </summary>
internal sealed class GitHubBenchmark : IBenchmark
{
    private const string Repository = "octo-org/payments-api";
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    public string Name => "github";

    public string Description => "GitHub sync: requests per PR for a backfill, steady-state requests, rows/s batched vs per row, attribution requests per deployment.";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count > 0 && arguments[0] == "real")
        {
            await GitHubRealHistoryBenchmark.RunAsync(arguments.Skip(1).ToList(), output, cancellationToken);
            return;
        }

        if (arguments.Count > 0 && arguments[0] == "weekly")
        {
            await WeeklyAsync(arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 10_000, output, cancellationToken);
            return;
        }

        var ancestryOnly = arguments.Count > 0 && arguments[0] == "ancestry";
        var pullRequests = !ancestryOnly && arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 10_000;
        var rows = !ancestryOnly && arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 5_000;
        var deploymentsArgument = ancestryOnly ? 1 : 2;
        var deployments = arguments.Count > deploymentsArgument ? int.Parse(arguments[deploymentsArgument], CultureInfo.InvariantCulture) : 200;

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            if (ancestryOnly)
            {
                await AttributionAsync(azurite, deployments, $"scripts/bench github ancestry {deployments}", output, cancellationToken);
                return;
            }

            using var github = FakeGitHub.Start();
            var repository = Populate(github, pullRequests);
            output.WriteLine($"## GitHub sync\n");
            output.WriteLine($"Command: `scripts/bench github {pullRequests} {rows}`. Fake GitHub (WireMock.Net, loopback) serving one repository with {pullRequests:N0} merged pull requests "
                + $"(1-3 reviews each), {repository.Issues.Count} issues, {repository.Releases.Count} releases, {repository.Deployments.Count} production deployments, "
                + $"{repository.WorkflowRuns.Count:N0} workflow runs and {repository.Files.Count} ADR files; real Azurite. Requests are counted by the fake.\n");

            await BackfillAsync(azurite, github, repository, pullRequests, output, cancellationToken);
            await StorageAsync(azurite, rows, output, cancellationToken);
            await AttributionAsync(azurite, deployments, $"scripts/bench github {pullRequests} {rows} {deployments}", output, cancellationToken);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task BackfillAsync(AzuriteFixture azurite, FakeGitHub github, FakeRepository repository, int pullRequests, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = Host(azurite, github);
        var job = host.Services.GetRequiredService<GitHubSyncJob>();

        var clock = Stopwatch.StartNew();
        var backfill = await job.SyncAsync(null, cancellationToken);
        clock.Stop();
        Require(backfill);
        var requests = github.Requests;
        var prList = requests.Count(r => r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        var prDetails = requests.Count(r => r.Operation == "PullRequestDetails");
        var stored = (await host.Services.GetRequiredService<ActivityStore>()
            .QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(Repository)), null, cancellationToken))
            .Count(p => p.FirstCommitAt is not null && p.FirstReviewAt is not null);

        github.ResetRequests();
        var baselineClock = Stopwatch.StartNew();
        var baselineRequests = await OnePerDetailAsync(github, cancellationToken);
        baselineClock.Stop();
        github.ResetRateLimit(); // the baseline alone uses more than an hour's 5,000 points

        output.WriteLine($"### Backfill of {pullRequests:N0} merged pull requests with first commit and first review\n");
        output.WriteLine("| approach | pull-request requests | per pull request | wall time |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| one request per detail (list, then commits + reviews per PR; Octokit) | {baselineRequests:N0} | {(double)baselineRequests / pullRequests:0.000} | {baselineClock.Elapsed.TotalSeconds:0.0} s |");
        output.WriteLine($"| this sync (REST list by `updated`, GraphQL details for 100 PRs per request) | {prList + prDetails:N0} ({prList} REST + {prDetails} GraphQL) | **{(double)(prList + prDetails) / pullRequests:0.000}** | {clock.Elapsed.TotalSeconds:0.0} s (whole backfill, storing included) |");
        output.WriteLine();
        output.WriteLine($"Ratio: {(double)baselineRequests / (prList + prDetails):0}x fewer requests for the pull requests "
            + $"(against GitHub's 5,000 requests per hour per token, the baseline needs {baselineRequests / 5000.0:0.0} hours of rate limit, this sync {(prList + prDetails) / 5000.0 * 60:0.0} minutes). Stored with both first-commit and first-review time: {stored:N0} of {pullRequests:N0}. "
            + $"The whole backfill (every resource) took {backfill.Requests.Total:N0} requests = {(double)backfill.Requests.Total / pullRequests:0.000} per pull request; "
            + $"by resource: {ByResource(requests)}.\n");
        var (byMethod, wrong) = await AttributedAsync(host, Repository, repository, cancellationToken);
        var failed = requests.Count(r => r.Status >= 400);
        // The fake walks its whole git graph for every compare page; replayed alone, that is its share of the wall time.
        var compares = requests.Where(r => r.Path.Contains("/compare/", StringComparison.Ordinal))
            .Select(r => Uri.UnescapeDataString(r.Path[(r.Path.IndexOf("/compare/", StringComparison.Ordinal) + "/compare/".Length)..]).Split("...")).ToList();
        var fakeClock = Stopwatch.StartNew();
        compares.ForEach(sides => repository.Compare(sides[0], sides[1]));
        fakeClock.Stop();
        output.WriteLine($"Deployments and releases point at commits of the fake's git history ({repository.Commits.Count:N0} commits): "
            + $"stored deployments by attribution method: {byMethod}; attributed commits differing from the fake's own `base...head`: {wrong}; "
            + $"requests answered with an error: {failed}. The fake's own graph walks for the {compares.Count} compare requests, replayed alone, take {fakeClock.Elapsed.TotalSeconds:0.0} s of that wall time.\n");

        github.ResetRequests();
        var idle = await job.SyncAsync(null, cancellationToken);
        Require(idle);
        var idleRequests = github.Requests;
        output.WriteLine("### Steady state: sync of an unchanged repository\n");
        output.WriteLine("| resource | requests | answered | rate limit used |");
        output.WriteLine("|---|---:|---|---:|");
        foreach (var group in idleRequests.GroupBy(Resource))
        {
            output.WriteLine($"| {group.Key} | {group.Count()} | {string.Join(", ", group.Select(r => r.Status).Distinct())} | {group.Count(r => r.Status != 304)} |");
        }

        output.WriteLine($"\nTotal: {idleRequests.Count} requests, {idleRequests.Count(r => r.Status == 304)} answered 304 (free), stored {idle.Repositories[0].Stored.Total} rows. "
            + "ADR files are not asked for: the repository itself answered 304 (nothing pushed).\n");

        repository.PushedAt = Now; // a push that touched no ADR
        github.ResetRequests();
        Require(await job.SyncAsync(null, cancellationToken));
        var pushed = github.Requests;
        output.WriteLine($"After a push that changed no ADR: {pushed.Count} requests ({string.Join(", ", pushed.GroupBy(Resource).Select(g => $"{g.Key} {string.Join("/", g.Select(r => r.Status))}"))}).\n");
    }

    /// <summary>
    /// The backfill's requests per merged pull request on a history with a release a week (the repository of the
    /// backfill above, its 50 releases three days apart replaced by one a week), by resource, with the attribution
    /// checked against the fake's own <c>base...head</c>.
    /// </summary>
    private static async Task WeeklyAsync(int pullRequests, TextWriter output, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            using var github = FakeGitHub.Start();
            var repository = Populate(github, pullRequests, releaseEvery: TimeSpan.FromDays(7));
            using var host = Host(azurite, github);
            var clock = Stopwatch.StartNew();
            var backfill = await host.Services.GetRequiredService<GitHubSyncJob>().SyncAsync(null, cancellationToken);
            clock.Stop();
            Require(backfill);
            var requests = github.Requests;
            var (byMethod, wrong) = await AttributedAsync(host, Repository, repository, cancellationToken);
            var releases = (await host.Services.GetRequiredService<ActivityStore>()
                .QueryAsync(ReleaseMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(Repository)), null, cancellationToken)).ToList();
            var releaseMethods = string.Join(", ", releases.GroupBy(r => r.Ancestry?.Method ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            var deployments = await host.Services.GetRequiredService<ActivityStore>()
                .QueryAsync(DeploymentMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(Repository)), null, cancellationToken);
            // Equal fingerprints in two runs mean every stored attribution and deployment time is the same. A run's SHAs
            // and times depend on when it ran, so commits are named by message and times by their distance from Now (whole
            // seconds: GitHub's times have no fractions).
            string Named(string? sha) => sha is not null && repository.Commits.TryGetValue(sha, out var c) ? c.Message : sha ?? "";
            string Commits(IEnumerable<string> shas) => string.Join(",", shas.Select(Named));
            var releaseShas = string.Join(";", releases.OrderBy(r => r.Tag, StringComparer.Ordinal).Select(r => $"{r.Tag}={Named(r.TagSha)}:{r.Ancestry?.Method}:{r.Ancestry?.TotalCommits}:{Commits(r.IncludedShas)}"))
                + string.Join(";", deployments.OrderBy(d => d.Id, StringComparer.Ordinal)
                    .Select(d => $"{d.Id}={(d.DeployedAt - Now.AddTicks(-(Now.Ticks % TimeSpan.TicksPerSecond))).Ticks}:{d.Status}:{Named(d.Sha)}:{d.Ancestry?.Method}:{Named(d.Ancestry?.BaseSha)}:{Commits(d.IncludedShas)}"));
            output.WriteLine($"### Backfill on a history with a release a week: `scripts/bench github weekly {pullRequests}`\n");
            output.WriteLine($"{pullRequests:N0} merged pull requests 20 minutes apart, {repository.Releases.Count} releases a week apart, {repository.Deployments.Count} production deployments 15 h apart, "
                + $"{repository.Issues.Count} issues, {repository.WorkflowRuns.Count:N0} workflow runs, {repository.Files.Count} ADR files; {repository.Commits.Count:N0} commits.\n");
            output.WriteLine("| requests | per merged PR | wall time |");
            output.WriteLine("|---:|---:|---:|");
            output.WriteLine($"| {requests.Count:N0} | **{(double)requests.Count / pullRequests:0.0000}** | {clock.Elapsed.TotalSeconds:0.0} s |\n");
            output.WriteLine($"By resource: {ByResource(requests)}.\n");
            output.WriteLine($"Deployments by attribution method: {byMethod}; differing from the fake's own `base...head`: {wrong}. Releases by method: {releaseMethods}; "
                + $"fingerprint of every release's and deployment's stored time, tag commit, method and attributed commits: {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(releaseShas)))[..16]}; "
                + $"requests answered with an error: {requests.Count(r => r.Status >= 400)}.\n");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// Attribution by commit ancestry on its own repository (and fake) whose deployments and releases point at commits
    /// of the fake's git history (squash, merge-commit, rebase and merge-queue merges, as FakeHistory builds them):
    /// compare and <c>commits/{ref}</c> requests for a backfill, an unchanged re-sync and a re-sync after one new
    /// deployment, against every request of the same sync.
    /// </summary>
    private static async Task AttributionAsync(AzuriteFixture azurite, int deployments, string command, TextWriter output, CancellationToken cancellationToken)
    {
        const string shipping = "octo-org/shipping";
        const int releaseEvery = 10;
        using var github = FakeGitHub.Start();
        var repository = github.AddRepository(shipping);
        // Inside the default 26-week backfill window, at most every 6 hours.
        var spacing = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(6).Ticks, TimeSpan.FromDays(20 * 7).Ticks / deployments));
        var history = new FakeHistory(repository, Now - (spacing * (deployments + 2)));
        var number = 0;
        void Ship(DateTimeOffset at, int index, bool release)
        {
            MergeInTurn(history, ++number, at.AddMinutes(-30));
            repository.Deployments.Add(new FakeDeployment
            {
                Id = 20_000 + index,
                Sha = history.Head,
                CreatedAt = at.AddMinutes(-5),
                Statuses = [new("in_progress", at.AddMinutes(-4)), new("success", at)],
            });
            if (release)
            {
                history.Release($"v1.{index / releaseEvery}.0", at);
            }
        }

        for (var i = 0; i < deployments; i++)
        {
            Ship(Now - (spacing * (deployments - i)), i, release: i % releaseEvery == 0);
        }

        var settings = TestHost.Settings(azurite);
        settings["GitHub:TimeBudget"] = "01:00:00";
        foreach (var (key, value) in github.Settings(shipping))
        {
            settings[key] = value;
        }

        using var host = TestHost.Build(settings);
        var job = host.Services.GetRequiredService<GitHubSyncJob>();
        var releases = repository.Releases.Count;

        var backfillClock = Stopwatch.StartNew();
        Require(await job.SyncAsync(null, cancellationToken));
        backfillClock.Stop();
        var backfill = Row($"backfill ({deployments} deployments, {releases} releases)", deployments, releases, github.Requests, backfillClock.Elapsed);

        github.ResetRequests();
        var idleClock = Stopwatch.StartNew();
        Require(await job.SyncAsync(null, cancellationToken));
        idleClock.Stop();
        var idle = Row("re-sync, nothing new", 0, 0, github.Requests, idleClock.Elapsed);

        github.ResetRequests();
        Ship(Now - TimeSpan.FromMinutes(10), deployments, release: false);
        var newClock = Stopwatch.StartNew();
        Require(await job.SyncAsync(null, cancellationToken));
        newClock.Stop();
        var oneNew = Row("re-sync after one new deployment", 1, repository.Releases.Count - releases, github.Requests, newClock.Elapsed);

        var (byMethod, wrong) = await AttributedAsync(host, shipping, repository, cancellationToken);

        output.WriteLine("### Attribution by commit ancestry\n");
        output.WriteLine($"Command: `{command}`. A second fake GitHub serving `{shipping}`: {deployments} production deployments {spacing.TotalHours:0.#} h apart, "
            + $"each after one merged pull request (squash, merge commit, rebase of 2 commits, merge queue in turn) and every {releaseEvery}th also published as a release "
            + $"({releases} releases); {repository.Commits.Count:N0} commits in the fake's git history. Requests are counted from the fake's request log; "
            + "\"attribution\" = `compare/BASE...HEAD` + `commits/{tag}` (tag to commit).\n");
        output.WriteLine("| sync | new deployments / releases | compare | commits/{tag} | attribution requests | all sync requests | compare per new deployment or release | attribution / all requests | wall time |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in new[] { backfill, idle, oneNew })
        {
            output.WriteLine(row);
        }

        output.WriteLine($"\nStored deployments by attribution method: {byMethod}; attributed commits differing from the fake's own `base...head`: {wrong}.\n");
    }

    /// <summary>Stored deployments by attribution method, and how many attributed commit lists differ from the fake's own <c>base...head</c>.</summary>
    private static async Task<(string ByMethod, int Wrong)> AttributedAsync(IHost host, string name, FakeRepository repository, CancellationToken cancellationToken)
    {
        var stored = await host.Services.GetRequiredService<ActivityStore>()
            .QueryAsync(DeploymentMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(name)), null, cancellationToken);
        var byMethod = string.Join(", ", stored.GroupBy(d => d.Ancestry?.Method ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var wrong = stored.Count(d => d.Ancestry?.Method == AttributionMethods.Ancestry
            && !d.IncludedShas.SequenceEqual(repository.Compare(d.Ancestry.BaseSha!, d.Sha)!.Ahead.Select(c => c.Sha), StringComparer.OrdinalIgnoreCase));
        return (byMethod, wrong);
    }

    /// <summary>Pull request <paramref name="number"/> merged by GitHub's merge methods in turn: squash, merge commit, rebase of 2 commits, merge queue.</summary>
    private static void MergeInTurn(FakeHistory history, int number, DateTimeOffset merged) =>
        _ = (number % 4) switch
        {
            0 => history.Squash(number, merged),
            1 => history.MergeCommit(number, merged),
            2 => history.Rebase(number, merged, commits: 2),
            _ => history.MergeQueue(number, merged),
        };

    private static string Row(string sync, int newDeployments, int newReleases, IReadOnlyList<FakeRequest> requests, TimeSpan elapsed)
    {
        var compares = requests.Count(r => r.Path.Contains("/compare/", StringComparison.Ordinal));
        var tags = requests.Count(r => r.Path.Contains("/commits/", StringComparison.Ordinal));
        var attribution = compares + tags;
        var perDeployment = newDeployments + newReleases == 0 ? "-" : ((double)compares / (newDeployments + newReleases)).ToString("0.000", CultureInfo.InvariantCulture);
        return $"| {sync} | {newDeployments} / {newReleases} | {compares} | {tags} | {attribution} | {requests.Count} ({ByResource(requests)}) | {perDeployment} | "
            + $"{(requests.Count == 0 ? 0 : (double)attribution / requests.Count):0.000} | {elapsed.TotalSeconds:0.0} s |";
    }

    private static async Task StorageAsync(AzuriteFixture azurite, int rows, TextWriter output, CancellationToken cancellationToken)
    {
        var records = Enumerable.Range(1, rows).Select(n => new PullRequestRecord
        {
            Repository = RepositoryName.Parse("octo-org/storage-bench"),
            Number = n,
            Title = $"Change {n}",
            Author = "amara",
            CreatedAt = Now.AddHours(-n),
            UpdatedAt = Now.AddHours(-n),
            MergedAt = Now.AddHours(-n).AddMinutes(30),
            Reviewers = ["bao"],
            Files = ["src/app.cs", "tests/app.cs"],
            Origin = Origins.GitHub,
        }).ToList();

        using var batchedHost = Host(azurite, null);
        var ingestor = batchedHost.Services.GetRequiredService<ActivityIngestor>();
        await ingestor.StoreAsync(new ActivityBatch { PullRequests = records.Take(1).ToList() }, cancellationToken); // tables exist before timing
        var batched = Stopwatch.StartNew();
        await ingestor.StoreAsync(new ActivityBatch { PullRequests = records }, cancellationToken);
        batched.Stop();

        using var perRowHost = Host(azurite, null);
        var store = perRowHost.Services.GetRequiredService<ActivityStore>();
        await store.UpsertAsync(PullRequestMap.Instance, records.Take(1), cancellationToken);
        var perRow = Stopwatch.StartNew();
        foreach (var record in records)
        {
            await store.UpsertAsync(PullRequestMap.Instance, [record], cancellationToken);
        }

        perRow.Stop();
        var batchedRate = rows / batched.Elapsed.TotalSeconds;
        var perRowRate = rows / perRow.Elapsed.TotalSeconds;
        output.WriteLine($"### Storing {rows:N0} pull-request rows into Azurite\n");
        output.WriteLine("| approach | time | rows/second |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine($"| one upsert per row | {perRow.Elapsed.TotalSeconds:0.00} s | {perRowRate:N0} |");
        output.WriteLine($"| batched (ActivityIngestor: transactions of up to 100 rows per partition) | {batched.Elapsed.TotalSeconds:0.00} s | **{batchedRate:N0}** |");
        output.WriteLine($"\nRatio: batched stores {batchedRate / perRowRate:0.0}x more rows per second.\n");
    }

    /// <summary>What tools that fetch details per pull request do: list, then commits and reviews of each (Octokit, same fake).</summary>
    private static async Task<int> OnePerDetailAsync(FakeGitHub github, CancellationToken cancellationToken)
    {
        var client = new GitHubClient(new Connection(new ProductHeaderValue("TechLead-Bench"), new Uri(github.ApiUrl + "/"),
            new InMemoryCredentialStore(new Credentials(FakeGitHub.DefaultToken))));
        var (owner, name) = (Repository.Split('/')[0], Repository.Split('/')[1]);
        var pulls = await client.PullRequest.GetAllForRepository(owner, name, new PullRequestRequest { State = ItemStateFilter.All }, new ApiOptions { PageSize = 100 });
        foreach (var pull in pulls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = await client.PullRequest.Commits(owner, name, pull.Number);
            _ = await client.PullRequest.Review.GetAll(owner, name, pull.Number);
        }

        return github.Requests.Count;
    }

    /// <summary>
    /// The repository as GitHub would serve it: every merged pull request's merge commit, every deployment's SHA and
    /// every release's tag are commits of one git history (FakeHistory), built in time order, so each compare the sync
    /// makes for a deployment or release succeeds, as it does against a real repository.
    /// </summary>
    private static FakeRepository Populate(FakeGitHub github, int pullRequests, TimeSpan? releaseEvery = null)
    {
        var repository = github.AddRepository(Repository);
        var random = new Random(42);
        var newestMerge = Now.AddHours(-1);
        var mergeSpacing = TimeSpan.FromMinutes(20);
        FakeHistory? history = null;
        var timeline = new List<(DateTimeOffset At, Action Apply)>();
        for (var n = 1; n <= pullRequests; n++)
        {
            var (number, merged) = (n, newestMerge - (mergeSpacing * (pullRequests - n)));
            timeline.Add((merged, () => MergeInTurn(history!, number, merged)));
        }

        for (var i = 0; i < 200; i++)
        {
            var (id, at) = (10_000 + i, Now.AddHours(-15 * i));
            timeline.Add((at, () => repository.Deployments.Add(new FakeDeployment
            {
                Id = id, Sha = history!.Head, CreatedAt = at, Statuses = [new("in_progress", at.AddMinutes(1)), new("success", at.AddMinutes(6))],
            })));
        }

        // Three days apart by default (the figures above); the weekly history spans the same pull requests with fewer.
        var releaseSpacing = releaseEvery ?? TimeSpan.FromDays(3);
        var releaseCount = releaseEvery is null ? 50 : (int)Math.Ceiling(mergeSpacing * pullRequests / releaseSpacing);
        for (var i = 0; i < releaseCount; i++)
        {
            var (tag, at) = ($"v1.{i}.0", Now - (releaseSpacing * i));
            timeline.Add((at, () => history!.Release(tag, at)));
        }

        // OrderBy is stable: a merge at the same moment as a deployment or release is part of it.
        var ordered = timeline.OrderBy(e => e.At).ToList();
        history = new FakeHistory(repository, ordered[0].At.AddDays(-1));
        ordered.ForEach(e => e.Apply());
        foreach (var pr in repository.PullRequests)
        {
            pr.Reviews.Clear();
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                pr.Reviews.Add(new FakeReview(i == 0 ? "bao" : "carmen", i == 0 ? "CHANGES_REQUESTED" : "APPROVED", pr.CreatedAt.AddHours(2 + (3 * i))));
            }
        }

        for (var i = 0; i < 100; i++)
        {
            repository.Issues.Add(new FakeIssue { Number = pullRequests + 1 + i, Title = $"Issue {i}", Labels = [i % 3 == 0 ? "incident" : "tech-debt"], CreatedAt = Now.AddDays(-i), UpdatedAt = Now.AddDays(-i) });
        }

        for (var i = 0; i < 3000; i++)
        {
            var at = Now.AddMinutes(-60 * i);
            repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 500_000 + i, CreatedAt = at, UpdatedAt = at.AddMinutes(9), Conclusion = i % 10 == 0 ? "failure" : "success" });
        }

        for (var i = 1; i <= 5; i++)
        {
            repository.Files[$"docs/adr/000{i}-decision-{i}.md"] = new FakeFile($"# {i}. Decision {i}\n\n## Status\n\nAccepted\n", Now.AddDays(-30 * i));
        }

        return repository;
    }

    internal static IHost Host(AzuriteFixture azurite, FakeGitHub? github, string repository = Repository)
    {
        var settings = TestHost.Settings(azurite);
        settings["GitHub:TimeBudget"] = "01:00:00";
        foreach (var (key, value) in github?.Settings(repository) ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestHost.Build(settings);
    }

    internal static void Require(GitHubSyncResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The sync failed: " + string.Join("; ", result.Repositories.SelectMany(r => r.Problems.Concat(r.Notes))));
        }
    }

    internal static string ByResource(IEnumerable<FakeRequest> requests) =>
        string.Join(", ", requests.GroupBy(Resource).Select(g => $"{g.Key} {g.Count():N0}"));

    private static string Resource(FakeRequest request)
    {
        if (request.IsGraphQl)
        {
            return $"GraphQL {request.Operation}";
        }

        var path = request.Path;
        var state = request.Query.GetValueOrDefault("state");
        return path switch
        {
            _ when path.EndsWith("/pulls", StringComparison.Ordinal) => state == "open" ? "open pull requests" : "pull requests",
            _ when path.EndsWith("/issues", StringComparison.Ordinal) => "issues",
            _ when path.EndsWith("/releases", StringComparison.Ordinal) => "releases",
            _ when path.EndsWith("/deployments", StringComparison.Ordinal) => "deployments",
            _ when path.EndsWith("/statuses", StringComparison.Ordinal) => "deployment statuses",
            _ when path.EndsWith("/actions/runs", StringComparison.Ordinal) => "workflow runs",
            _ when path.Contains("/contents/", StringComparison.Ordinal) => "ADR folder",
            _ when path.Contains("/compare/", StringComparison.Ordinal) => "compare",
            _ when path.Contains("/commits/", StringComparison.Ordinal) => "commits/{ref}",
            _ => "repository",
        };
    }
}
