using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Queues;
using TechLead.Signals;
using TechLead.Signals.Snapshots;
using TechLead.Storage;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Webhooks;
using TechLead.Webhooks;

namespace TechLead.Tests.Queues;

/// <summary>
/// The fan-out end to end: the SyncGitHub job enqueues one message per repository on a real Azurite queue, the same
/// consumers serve runs (QueuePump over QueueDispatcher) sync them with real Octokit against the loopback fake GitHub,
/// and rows land in real Azurite tables. Nothing here races the wall clock: leases keep their production length (a
/// loaded machine cannot outrun them), a sync the test must catch mid-way is held there (<see cref="HeldSync"/>), and
/// where the lease's expiry or renewal matters the host's clock is a <see cref="ManualClock"/> the test moves.
/// </summary>
[Collection(GitHubCollection.Name)]
public sealed class QueueFanOutTests(AzuriteFixture azurite) : IDisposable
{
    private const string Secret = "queue-test-webhook-secret-0123456789";
    private const int PullRequestsPerRepository = 4;

    private readonly FakeGitHub _github = FakeGitHub.Start();
    private readonly string _queuePrefix = AzuriteFixture.NewQueuePrefix();
    private readonly string _tablePrefix = AzuriteFixture.NewTablePrefix();
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _mostAtOnce = new(StringComparer.OrdinalIgnoreCase);
    private HeldSync? _held;

    public void Dispose()
    {
        _held?.Release();
        _github.Dispose();
    }

    private static string[] Repositories(int count) => Enumerable.Range(1, count).Select(i => $"queue-org/service-{i:D2}").ToArray();

    /// <summary>Fake repositories with merged pull requests, and a probe that counts each repository's requests in flight (each answer takes a little while).</summary>
    private void AddRepositories(string[] repositories, TimeSpan? latency = null)
    {
        var newest = TimeProvider.System.GetUtcNow().AddDays(-1);
        foreach (var name in repositories)
        {
            FakeData.AddMergedPullRequests(_github.AddRepository(name), PullRequestsPerRepository, newest);
        }

        _github.Intercept(request =>
        {
            if (RepositoryOf(request) is not { } repository)
            {
                return null;
            }

            var now = _inFlight.AddOrUpdate(repository, 1, (_, n) => n + 1);
            _mostAtOnce.AddOrUpdate(repository, now, (_, n) => Math.Max(n, now));
            var held = _held?.Hold(repository) == true;
            if (!held)
            {
                // A little latency widens the window in which two syncs of one repository would overlap.
                Thread.Sleep(latency ?? TimeSpan.FromMilliseconds(20));
            }

            _inFlight.AddOrUpdate(repository, 0, (_, n) => n - 1);
            if (held)
            {
                _held!.SetEnded();
            }

            return null;
        });
    }

    /// <summary>From now on the first request for <paramref name="repository"/> is held (see <see cref="HeldSync"/>).</summary>
    private HeldSync Hold(string repository) => _held = new HeldSync(repository);

    private int RequestsFor(string repository) =>
        _github.Requests.Count(r => string.Equals(RepositoryOf(r), repository, StringComparison.OrdinalIgnoreCase));

    private static string? RepositoryOf(FakeRequest request)
    {
        var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(parts, "repos");
        return at >= 0 && parts.Length > at + 2 ? $"{parts[at + 1]}/{parts[at + 2]}" : null;
    }

    private int MetadataRequests(string repository) =>
        _github.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith($"/repos/{repository}", StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, string?> Settings(string[] repositories)
    {
        var settings = TestHost.Settings(azurite, _tablePrefix);
        foreach (var (key, value) in _github.Settings(repositories))
        {
            settings[key] = value;
        }

        settings["Queues:Prefix"] = _queuePrefix;
        // Queues:LeaseDuration stays at its two minutes: a worker's lease and its message's visibility never run out
        // under a slow sync, however loaded the machine. A failed attempt comes back after a second.
        settings["Queues:VisibilityTimeout"] = "00:00:01";
        settings["Queues:MaxDequeueCount"] = "3";
        settings["Queues:PollInterval"] = "00:00:00.050";
        settings["GitHub:WebhookSecret"] = Secret;
        return settings;
    }

    private static async Task<int> StoredPullRequestsAsync(IHost host, string repository) =>
        (await host.Services.GetRequiredService<ActivityStore>().QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(repository)), null, CancellationToken.None)).Count;

    private static async Task<int> MessagesAsync(IHost host, string queue) =>
        (await (await host.Services.GetRequiredService<WorkQueues>().GetQueueAsync(queue, CancellationToken.None)).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static async Task<TimeSpan> DrainAsync(IHost host, int workers)
    {
        // A safety net against a hang, not a measure: the drain ends when the queues are empty.
        using var timeout = new CancellationTokenSource(Eventually.SafetyNet);
        return await host.Services.GetRequiredService<QueuePump>().RunUntilEmptyAsync(workers, timeout.Token);
    }

    [Fact]
    public async Task The_timer_enqueues_one_message_per_repository_and_the_workers_sync_each_exactly_once()
    {
        var repositories = Repositories(10);
        AddRepositories(repositories);
        using var host = TestHost.Build(Settings(repositories));

        await host.Services.GetRequiredService<GitHubSyncJob>().RunAsync(CancellationToken.None);
        Assert.Equal(repositories.Length, await MessagesAsync(host, QueueNames.SyncGitHub));
        Assert.Empty(_github.Requests); // the timer only enqueues
        await DrainAsync(host, workers: 4);

        foreach (var repository in repositories)
        {
            Assert.Equal(1, MetadataRequests(repository));
            Assert.Equal(PullRequestsPerRepository, await StoredPullRequestsAsync(host, repository));
        }

        Assert.Equal(0, await MessagesAsync(host, QueueNames.SyncGitHub));
        Assert.Equal(0, await MessagesAsync(host, QueueNames.Poison(QueueNames.SyncGitHub)));
    }

    [Fact]
    public async Task The_lease_keeps_a_second_message_for_the_same_repository_waiting_until_the_first_sync_is_done()
    {
        var repository = Repositories(1)[0];
        AddRepositories([repository]);
        var held = Hold(repository);
        // The leases' clock moves only when the test moves it: no lease runs out or is renewed behind the test's back.
        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        using var host = TestHost.Build(Settings([repository]), clock);
        var job = host.Services.GetRequiredService<GitHubSyncJob>();
        var pump = host.Services.GetRequiredService<QueuePump>();
        var lease = host.Services.GetRequiredService<IOptions<QueueOptions>>().Value.LeaseDuration;

        // Two timer runs: two messages for the repository. The first one's sync takes the lease and is held mid-way.
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        var first = pump.TryOneAsync(QueueNames.SyncGitHub, CancellationToken.None);
        await Eventually.AwaitAsync(held.Started, "the first sync started");

        // Offered while the first sync runs, the second message is taken but not synced: its copy waits out of sight.
        Assert.True(await pump.TryOneAsync(QueueNames.SyncGitHub, CancellationToken.None));
        Assert.Equal(1, RequestsFor(repository));
        Assert.False(await pump.TryOneAsync(QueueNames.SyncGitHub, CancellationToken.None));
        Assert.Equal(2, await MessagesAsync(host, QueueNames.SyncGitHub)); // the one in progress and the waiting copy

        // A sync that outlasts its lease's first term keeps the lease: renewed every third of it, as the clock moves.
        // Before each step both keepers (the lease's renewal, the message's visibility) wait for their next third again.
        for (var third = 0; third < 3; third++)
        {
            var waiting = clock.Armed(lease / 3);
            clock.Advance(lease / 3);
            var renewedUntil = clock.GetUtcNow() + lease;
            await Eventually.TrueAsync(
                async () => clock.Armed(lease / 3) >= waiting + 2 && await LeaseExpiresAtAsync(host, repository) >= renewedUntil - TimeSpan.FromSeconds(1),
                "the lease renewed and its keepers waiting again");
        }

        await job.RunAsync(CancellationToken.None);
        Assert.True(await pump.TryOneAsync(QueueNames.SyncGitHub, CancellationToken.None));
        Assert.Equal(1, RequestsFor(repository)); // past the first term, still one sync of the repository

        held.Release();
        await Eventually.AwaitAsync(first, "the first sync finished");
        Assert.True(await first);
        Assert.Equal(1, MetadataRequests(repository));
        Assert.Equal(PullRequestsPerRepository, await StoredPullRequestsAsync(host, repository));

        // Once the first sync is done the lease is free: the next message for the repository is synced at once.
        await job.RunAsync(CancellationToken.None);
        Assert.True(await pump.TryOneAsync(QueueNames.SyncGitHub, CancellationToken.None));
        Assert.Equal(2, MetadataRequests(repository));
        Assert.Equal(1, _mostAtOnce[repository]); // never two syncs of the repository at once
        Assert.Equal(2, await MessagesAsync(host, QueueNames.SyncGitHub)); // the two waiting copies: none lost
    }

    /// <summary>When the repository's SyncGitHub lease runs out unless renewed, as stored in the Leases table.</summary>
    private static async Task<DateTimeOffset?> LeaseExpiresAtAsync(IHost host, string repository)
    {
        var table = await host.Services.GetRequiredService<TableStore>().GetTableAsync(Tables.Leases, CancellationToken.None);
        var row = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("lease", KeyCodec.Encode($"{QueueNames.SyncGitHub}|{repository.ToLowerInvariant()}"));
        return row.HasValue ? row.Value!.GetDateTimeOffset("ExpiresAt") : null;
    }

    [Fact]
    public async Task A_repository_that_keeps_failing_ends_in_the_poison_queue_and_health_names_it_with_the_reason()
    {
        var repositories = Repositories(2);
        AddRepositories(repositories);
        var broken = repositories[1];
        using var _ = _github.Intercept(r => r.Path.EndsWith($"/repos/{broken}", StringComparison.OrdinalIgnoreCase)
            ? new FakeResponse(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository"}""")
            : null);
        var settings = Settings(repositories);
        using var host = TestHost.Build(settings);

        await host.Services.GetRequiredService<GitHubSyncJob>().RunAsync(CancellationToken.None);
        await DrainAsync(host, workers: 2);

        Assert.Equal(3, MetadataRequests(broken)); // Queues:MaxDequeueCount attempts, then poison
        Assert.Equal(1, await MessagesAsync(host, QueueNames.Poison(QueueNames.SyncGitHub)));
        Assert.Equal(PullRequestsPerRepository, await StoredPullRequestsAsync(host, repositories[0]));

        await using var served = await ServedApp.StartAsync(settings);
        using var response = await served.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var stuck = Assert.Single(health.RootElement.GetProperty("poisonedWork").EnumerateArray());
        Assert.Equal((QueueNames.SyncGitHub, broken), (stuck.GetProperty("queue").GetString(), stuck.GetProperty("subject").GetString()));
        Assert.Contains("404", stuck.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, stuck.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_worker_stopped_mid_sync_loses_nothing_the_message_comes_back_and_no_row_is_doubled()
    {
        var repositories = Repositories(1);
        var repository = repositories[0];
        AddRepositories(repositories);
        var held = Hold(repository);
        var settings = Settings(repositories);

        // The stopped worker's host keeps its message hidden for a second only, so it comes back soon.
        var stopped = new Dictionary<string, string?>(settings) { ["Queues:LeaseDuration"] = "00:00:01" };
        using (var first = TestHost.Build(stopped))
        {
            await first.Services.GetRequiredService<GitHubSyncJob>().RunAsync(CancellationToken.None);
            using var stop = new CancellationTokenSource();
            var worker = first.Services.GetRequiredService<QueuePump>().RunAsync(stop.Token, workers: 1);
            await Eventually.AwaitAsync(held.Started, "the sync started");

            await stop.CancelAsync(); // mid-sync: the message was received and is not deleted
            await Eventually.AwaitAsync(worker, "the worker stopped");
            held.Release();
            await Eventually.AwaitAsync(held.Ended, "the held request ended");
            Assert.Equal(1, await MessagesAsync(first, QueueNames.SyncGitHub));
        }

        using var second = TestHost.Build(settings);
        await DrainAsync(second, workers: 2);

        Assert.Equal(2, MetadataRequests(repository)); // the stopped attempt and the one after the message reappeared
        Assert.Equal(1, _mostAtOnce[repository]);
        Assert.Equal(PullRequestsPerRepository, await StoredPullRequestsAsync(second, repository));
        Assert.Equal(0, await MessagesAsync(second, QueueNames.Poison(QueueNames.SyncGitHub)));
    }

    [Fact]
    public async Task Sync_github_enqueue_only_enqueues_one_message_per_repository()
    {
        var repositories = Repositories(3);
        AddRepositories(repositories);
        var settings = Settings(repositories);
        var environment = settings.Where(p => p.Value is not null).ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);

        var result = await LocalRunner.RunAsync(environment, Path.GetTempPath(), "sync", "github", "--enqueue");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"github: 3 repositories enqueued on {_queuePrefix}{QueueNames.SyncGitHub}", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(_github.Requests);
        var queue = new QueueClient(azurite.ConnectionString, _queuePrefix + QueueNames.SyncGitHub, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var messages = (await queue.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).Order(StringComparer.Ordinal);
        Assert.Equal(repositories, messages);
    }

    [Fact]
    public async Task A_stored_webhook_delivery_is_processed_by_the_queue_workers_without_the_sweep()
    {
        const string repository = "queue-org/payments-api";
        var settings = Settings([repository]);
        _github.AddRepository(repository);
        await using var served = await ServedApp.StartAsync(settings, queueWorkers: true);
        using var request = WebhookPayloads.SignedDelivery(Secret, WebhookPayloads.MergedPullRequest(number: 77, repository: repository));

        using var response = await served.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // serve runs without the timers here (noSchedule): only the delivery's queue message can process it.
        var store = served.Services.GetRequiredService<ActivityStore>();
        var inbox = served.Services.GetRequiredService<WebhookInbox>();
        PullRequestRecord? stored = null;
        IReadOnlyList<WebhookDelivery> pending = [];
        // The row is stored first and the delivery marked processed after it: wait for both.
        await Eventually.TrueAsync(async () =>
        {
            stored = await store.GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(repository)), KeyCodec.Number(77), CancellationToken.None);
            pending = await inbox.PendingAsync(CancellationToken.None);
            return stored is not null && pending.Count == 0;
        }, "the delivery stored and marked processed");

        Assert.NotNull(stored);
        Assert.Equal("feat: add refunds", stored.Title);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Deliveries_on_one_connection_are_acknowledged_while_the_queue_service_does_not_answer()
    {
        // A queue endpoint that accepts connections and never answers: sending a message hangs until the client gives up.
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new ConcurrentBag<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var settings = Settings([]);
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        settings["Storage:ConnectionString"] = azurite.ConnectionString.Replace($"127.0.0.1:{azurite.QueuePort}", $"127.0.0.1:{silentPort}", StringComparison.Ordinal);
        await using var served = await ServedApp.StartAsync(settings);
        // Well under the queue client's own time-out (30 s a try): an acknowledgement that waited for a send fails here.
        served.Client.Timeout = TimeSpan.FromSeconds(20);

        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var id in ids)
        {
            using var request = WebhookPayloads.SignedDelivery(Secret, WebhookPayloads.MergedPullRequest(number: 80, repository: "queue-org/payments-api"), delivery: id);
            using var response = await served.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Nothing acknowledged is lost: every delivery is stored, pending for the sweep.
        var pending = await served.Services.GetRequiredService<WebhookInbox>().PendingAsync(CancellationToken.None);
        Assert.Equal(ids.Order(), pending.Select(d => d.DeliveryId).Order());
        foreach (var client in held)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_merged_pull_request_delivered_through_the_queue_shows_in_the_dashboard_s_week_although_that_week_was_cached()
    {
        const string repository = "queue-org/checkout-api";
        var settings = Settings([repository]);
        settings["Signals:LiveCacheSeconds"] = "60";
        _github.AddRepository(repository);
        // The cache's clock stands still: the cached week never expires by itself, however long the wait below, so
        // only the stored row clearing it can make the merge show.
        var cacheClock = new ManualClock(TimeProvider.System.GetUtcNow());
        await using var served = await ServedApp.StartAsync(settings, services => services.AddSingleton(provider =>
            new LiveReports(provider.GetRequiredService<IOptions<SignalsOptions>>(), cacheClock)), queueWorkers: true);
        var mergedAt = TimeProvider.System.GetUtcNow();
        var path = $"/api/signals?week={served.Services.GetRequiredService<TechLead.Team.TeamDirectory>().Default.Calendar.WeekOf(mergedAt)}";
        var before = await MergedThisWeekAsync(served, path);
        Assert.Equal(before, await MergedThisWeekAsync(served, path));

        var payload = WebhookPayloads.MergedPullRequest(number: 78, repository: repository, mergedAt: mergedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        using var request = WebhookPayloads.SignedDelivery(Secret, payload);
        using var response = await served.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var after = before;
        await Eventually.TrueAsync(async () => (after = await MergedThisWeekAsync(served, path)) != before, "the merge counted in the week");

        Assert.Equal(before + 1, after);
    }

    /// <summary>The week's merged pull requests as the dashboard reads them from GET /api/signals.</summary>
    private static async Task<double> MergedThisWeekAsync(ServedApp served, string path)
    {
        using var response = await served.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var merged = report.RootElement.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "prs_merged");
        return merged.GetProperty("value").ValueKind == JsonValueKind.Number ? merged.GetProperty("value").GetDouble() : 0;
    }
}
