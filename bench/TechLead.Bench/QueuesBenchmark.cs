using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Queues;
using TechLead.Storage;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Webhooks;

namespace TechLead.Bench;

/// <summary>
/// The fan-out over Azure Storage Queues (Azurite), measured against a baseline in the same run:
/// an organisation's backfill through 8 queue workers against 1; /api/health answered from memory;
/// the webhook acknowledgement against a bare Table Storage insert of the same body, with serve's scheduler and queue
/// workers running; and how soon a merged pull request's delivery is stored by the queue worker.
/// </summary>
internal sealed class QueuesBenchmark : IBenchmark
{
    private const string Secret = "bench-webhook-secret-0123456789";

    public string Name => "queues";

    public string Description => "org backfill 8 workers vs 1 (fake GitHub +50 ms; 0 repositories skips it), /api/health p99, webhook ack vs bare insert, delivery to visible in /api/signals";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var repositories = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 200;
        var latency = TimeSpan.FromMilliseconds(arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 50);
        // The fake GitHub's added latency blocks a thread per request: enough threads that it never queues behind the pool.
        ThreadPool.SetMinThreads(64, 64);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            output.WriteLine("## Queues: fan-out, health from memory, webhook acknowledgement");
            output.WriteLine();
            if (repositories > 0)
            {
                // 0 repositories: only the serve figures (health, webhook acknowledgement, delivery to visible).
                await BackfillAsync(azurite, repositories, latency, output, cancellationToken);
            }
            await ServeAsync(azurite, output, cancellationToken);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task BackfillAsync(AzuriteFixture azurite, int count, TimeSpan latency, TextWriter output, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(1, count).Select(i => $"bench-org/service-{i:D3}").ToArray();
        var results = new List<(int Workers, TimeSpan Wall, int Requests, int MostAtOnce, int Stored)>();
        // The first round (8 repositories, 8 workers) warms up the JIT, the clients and the tables; it is not reported.
        foreach (var workers in new[] { 0, 1, 8 })
        {
            var round = workers == 0 ? names[..Math.Min(8, names.Length)] : names;
            using var github = FakeGitHub.Start();
            var newest = TimeProvider.System.GetUtcNow().AddDays(-1);
            foreach (var name in round)
            {
                FakeData.AddMergedPullRequests(github.AddRepository(name), 3, newest);
            }

            var inFlight = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var mostAtOnce = 0;
            using var slow = github.Intercept(request =>
            {
                var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var at = Array.IndexOf(parts, "repos");
                var repository = at >= 0 && parts.Length > at + 2 ? $"{parts[at + 1]}/{parts[at + 2]}" : null;
                if (repository is not null)
                {
                    var now = inFlight.AddOrUpdate(repository, 1, (_, n) => n + 1);
                    InterlockedMax(ref mostAtOnce, now);
                }

                Thread.Sleep(latency);
                if (repository is not null)
                {
                    inFlight.AddOrUpdate(repository, 0, (_, n) => n - 1);
                }

                return null;
            });
            var settings = TestHost.Settings(azurite);
            foreach (var (key, value) in github.Settings(round))
            {
                settings[key] = value;
            }

            settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
            settings["Queues:PollInterval"] = "00:00:00.050";
            settings["Logging:LogLevel:Default"] = "Warning";
            using var host = TestHost.Build(settings);
            await host.Services.GetRequiredService<GitHubSyncJob>().EnqueueAsync(cancellationToken);
            var wall = await host.Services.GetRequiredService<QueuePump>().RunUntilEmptyAsync(workers == 0 ? 8 : workers, cancellationToken);
            if (workers == 0)
            {
                continue;
            }

            var store = host.Services.GetRequiredService<ActivityStore>();
            var stored = 0;
            foreach (var name in round)
            {
                stored += (await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(RepositoryName.Parse(name)), null, cancellationToken)).Count;
            }

            results.Add((workers, wall, github.Requests.Count, mostAtOnce, stored));
        }

        var one = results[0].Wall.TotalSeconds;
        output.WriteLine($"### Org backfill: {count} repositories, fake GitHub +{latency.TotalMilliseconds:0} ms per answer");
        output.WriteLine();
        output.WriteLine("The `SyncGitHub` job enqueues one message per repository; `QueuePump` (serve's consumers) drains the queue with N workers.");
        output.WriteLine();
        output.WriteLine("| workers | wall time | ratio to 1 worker | GitHub requests | most requests of one repository at once | pull requests stored |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Workers} | {r.Wall.TotalSeconds:0.0} s | {r.Wall.TotalSeconds / one:0.00}x | {r.Requests} | {r.MostAtOnce} | {r.Stored} of {count * 3} |"));
        }

        output.WriteLine();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>serve with its scheduler and queue workers: health, webhook acknowledgement against a bare insert, delivery to stored.</summary>
    private static async Task ServeAsync(AzuriteFixture azurite, TextWriter output, CancellationToken cancellationToken)
    {
        const int calls = 2000;
        const int concurrency = 10;
        using var github = FakeGitHub.Start();
        var settings = TestHost.Settings(azurite);
        settings["GitHub:WebhookSecret"] = Secret;
        settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
        settings["Queues:PollInterval"] = "00:00:00.100";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:TechLead"] = "Warning";
        // The scheduler runs every timer; ProcessWebhooks is put off for the run, so only the queue can process a delivery.
        settings["Schedules:ProcessWebhooks"] = "0 0 0 1 1 *";
        settings["Schedules:SyncGitHub"] = "0 15 * * * *";
        await using var app = await ServedApp.StartAsync(settings, queueWorkers: true, schedule: true);
        var client = app.Client;
        {
            var body = TechLead.Tests.Webhooks.WebhookPayloads.MergedPullRequest(body: string.Concat(Enumerable.Repeat("Adds refunds to checkout. ", 900)));
            var bytes = Encoding.UTF8.GetBytes(body);
            var signature = WebhookSignature.Sign(Secret, bytes);

            // The baseline: one Table Storage insert of the same body through the same kind of client, on its own table.
            var bare = new TableClient(azurite.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..10]);
            await bare.CreateIfNotExistsAsync(cancellationToken);
            async Task<HttpStatusCode> Insert(int i)
            {
                await bare.AddEntityAsync(new TableEntity("p", $"{i}-{Guid.NewGuid():N}") { ["Body"] = bytes }, cancellationToken);
                return HttpStatusCode.Created;
            }

            async Task<HttpStatusCode> Health(int _)
            {
                using var response = await client.GetAsync("api/health", cancellationToken);
                return response.StatusCode;
            }

            async Task<HttpStatusCode> Deliver(int i, string id)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/github/webhook") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-GitHub-Event", "pull_request");
                request.Headers.Add("X-GitHub-Delivery", id);
                request.Headers.Add("X-Hub-Signature-256", signature);
                using var response = await client.SendAsync(request, cancellationToken);
                return response.StatusCode;
            }

            // Warm-up (JIT, table and queue creation).
            await Load(200, concurrency, Insert);
            await Load(200, concurrency, Health);
            await Load(200, concurrency, i => Deliver(i, $"warmup-{i}-{Guid.NewGuid():N}"));

            // Health first, once the workers are idle: the same report read from storage on every call (the baseline,
            // as before it was kept in memory), then GET /api/health from memory.
            await DrainAsync(app, cancellationToken);
            var fromStorage = await Load(200, concurrency, async _ =>
            {
                var fresh = new TechLead.Dashboard.HealthApi(app.Services.GetRequiredService<TableStore>(), app.Services.GetRequiredService<WorkQueues>(), app.Services.GetRequiredService<TechLead.Review.ReviewQueue>(),
                    app.Services.GetRequiredService<QueueFailures>(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TechLead.Dashboard.HealthApi>.Instance);
                using (fresh)
                {
                    await fresh.GetAsync(cancellationToken);
                }

                return HttpStatusCode.OK;
            });
            var healths = (await Load(calls, concurrency, Health)).Latencies;

            // Interleaved rounds so drift on a shared machine hits both sides alike; the workers process the deliveries meanwhile.
            await DrainAsync(app, cancellationToken);
            var (inserts, acks) = (new List<double>(), new List<double>());
            for (var round = 0; round < 4; round++)
            {
                inserts.AddRange((await Load(calls / 4, concurrency, Insert)).Latencies);
                acks.AddRange((await Load(calls / 4, concurrency, i => Deliver(i, Guid.NewGuid().ToString()))).Latencies);
            }

            var backlog = await DrainAsync(app, cancellationToken);


            // Delivery to visible: a signed merged-PR delivery, acknowledged, then GET /api/signals polled (as the dashboard
            // calls it; serve signs the local user in) until the week's merged count shows it. The week's report was read
            // just before, so it sits in the live cache (Signals:LiveCacheSeconds): only the stored row clearing it makes
            // the merge show sooner than the cache's expiry.
            var team = app.Services.GetRequiredService<TechLead.Team.TeamDirectory>().Default;
            var number = 5000;
            var store = app.Services.GetRequiredService<ActivityStore>();
            var payments = ActivityTables.RepositoryKey(RepositoryName.Parse("octo-org/payments-api"));
            // Delivery to stored row (the baseline: what the queue worker alone takes) and delivery to visible.
            async Task<(double Stored, double Visible)> Visible()
            {
                var mergedAt = TimeProvider.System.GetUtcNow();
                var path = $"api/signals?week={team.Calendar.WeekOf(mergedAt)}";
                var before = await MergedAsync(client, path, cancellationToken);
                var payload = Encoding.UTF8.GetBytes(TechLead.Tests.Webhooks.WebhookPayloads.MergedPullRequest(number: number++, repository: "octo-org/payments-api",
                    mergedAt: mergedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
                var started = Stopwatch.GetTimestamp();
                using (await client.SendAsync(TechLead.Tests.Webhooks.WebhookPayloads.SignedDelivery(Secret, payload), cancellationToken))
                {
                }

                var key = KeyCodec.Number(number - 1);
                double? stored = null;
                while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(5))
                {
                    if (stored is null && await store.GetAsync(PullRequestMap.Instance, payments, key, cancellationToken) is not null)
                    {
                        stored = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }

                    if (stored is not null && await MergedAsync(client, path, cancellationToken) > before)
                    {
                        break;
                    }

                    await Task.Delay(50, cancellationToken);
                }

                return (stored ?? double.NaN, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var (stored, visible) = (new List<double>(), new List<double>());
            for (var i = 0; i < 20; i++)
            {
                var (row, shown) = await Visible();
                stored.Add(row);
                visible.Add(shown);
            }

            // The same behind a burst: 200 other merged PRs' deliveries (another repository, merged in an earlier week,
            // so the measured count moves only with the measured PR) acknowledged first, so their messages queue ahead of it.
            const int burst = 200;
            var (storedBehindBurst, behindBurst) = (new List<double>(), new List<double>());
            var other = 20000;
            for (var round = 0; round < 5; round++)
            {
                await Load(burst, concurrency, async _ =>
                {
                    var payload = Encoding.UTF8.GetBytes(TechLead.Tests.Webhooks.WebhookPayloads.MergedPullRequest(number: Interlocked.Increment(ref other), repository: "octo-org/ledger-service"));
                    using var response = await client.SendAsync(TechLead.Tests.Webhooks.WebhookPayloads.SignedDelivery(Secret, payload), cancellationToken);
                    return response.StatusCode;
                });
                var (row, shown) = await Visible();
                storedBehindBurst.Add(row);
                behindBurst.Add(shown);
                await DrainAsync(app, cancellationToken);
            }

            output.WriteLine($"### serve with its scheduler and {new QueueOptions().Workers} queue workers: {calls} calls each, {concurrency} at a time, interleaved in 4 rounds");
            output.WriteLine();
            output.WriteLine("| call | p50 | p99 | max | p99 ratio to its baseline |");
            output.WriteLine("|---|---|---|---|---|");
            output.WriteLine(Row("Table insert of the same body, bare (baseline for the webhook)", inserts, inserts));
            output.WriteLine(Row($"POST /api/github/webhook ({bytes.Length:N0} bytes; verify, store, 202; queue message sent in the background)", acks, inserts));
            output.WriteLine(Row("health read from storage on every call (baseline for health)", fromStorage.Latencies, fromStorage.Latencies));
            output.WriteLine(Row("GET /api/health (from memory, refreshed at most every 5 s)", healths, fromStorage.Latencies));
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The workers finished the {calls} deliveries' queue messages {backlog.TotalSeconds:0.0} s after the last acknowledgement."));
            output.WriteLine();
            output.WriteLine("Then a merged pull request from its signed delivery to its row stored by the queue worker (the baseline) and to its merge counted by GET /api/signals for its week (the week's report read, so cached, just before; ProcessWebhooks timer off):");
            output.WriteLine();
            output.WriteLine("| deliveries | to stored row, p50 / max | to visible in /api/signals, p50 / max | p50 ratio visible / stored |");
            output.WriteLine("|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| 20, one at a time, queue empty | {Percentile(stored, 50):0} / {stored.Max():0} ms | {Percentile(visible, 50):0} / {visible.Max():0} ms | {Percentile(visible, 50) / Percentile(stored, 50):0.00}x |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {behindBurst.Count}, each behind a burst of {burst} other deliveries acknowledged just before it | {Percentile(storedBehindBurst, 50):0} / {storedBehindBurst.Max():0} ms | {Percentile(behindBurst, 50):0} / {behindBurst.Max():0} ms | {Percentile(behindBurst, 50) / Percentile(storedBehindBurst, 50):0.00}x |"));
            output.WriteLine();
        }
    }

    /// <summary>The week's merged pull requests as GET /api/signals reports them (prs_merged).</summary>
    private static async Task<double> MergedAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var merged = json.RootElement.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "prs_merged");
        return merged.TryGetProperty("value", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : 0;
    }

    /// <summary>Waits until the webhook queue is empty (its messages processed); returns how long that took.</summary>
    private static async Task<TimeSpan> DrainAsync(ServedApp app, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var queue = await app.Services.GetRequiredService<WorkQueues>().GetQueueAsync(QueueNames.Webhook, cancellationToken);
        while ((await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static string Row(string name, List<double> latencies, List<double> baseline)
    {
        var p99 = Percentile(latencies, 99);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(latencies, 50):0.0} ms | {p99:0.0} ms | {latencies.Max():0.0} ms | {p99 / Percentile(baseline, 99):0.00}x |");
    }

    private static double Percentile(List<double> values, double p) => TechLead.Signals.Statistics.Percentile(values, p) ?? double.NaN;

    private static async Task<(List<double> Latencies, List<HttpStatusCode> Statuses)> Load(int count, int concurrency, Func<int, Task<HttpStatusCode>> send)
    {
        var latencies = new double[count];
        var statuses = new HttpStatusCode[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                statuses[i] = await send(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return (latencies.ToList(), statuses.ToList());
    }
}
