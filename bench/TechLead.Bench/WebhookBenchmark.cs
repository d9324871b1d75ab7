using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Tests.Infrastructure;
using TechLead.Webhooks;

namespace TechLead.Bench;

/// <summary>
/// Acknowledgement latency of the webhook through serve with Azurite: 1,000 signed deliveries, 50 at a time, then every
/// delivery counted in the inbox and a batch of redeliveries checked. Baseline: GET /api/health under the same load.
/// </summary>
internal sealed class WebhookBenchmark : IBenchmark
{
    private const string Secret = "bench-webhook-secret-0123456789";

    public string Name => "webhook";

    public string Description => "webhook acknowledgement latency p50/p99, 1,000 deliveries 50 at a time; lost/duplicated count";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var deliveries = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 1000;
        var concurrency = arguments.Count > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 50;
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var settings = TestHost.Settings(azurite);
            settings["GitHub:WebhookSecret"] = Secret;
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["Logging:LogLevel:TechLead"] = "Warning";
            await using var app = await ServedApp.StartAsync(settings);
            // Real merged-PR deliveries weigh 20-30 KB, mostly the repository object and the PR body.
            var body = TechLead.Tests.Webhooks.WebhookPayloads.MergedPullRequest(body: string.Concat(Enumerable.Repeat("Adds refunds to checkout. ", 900)));
            var bytes = Encoding.UTF8.GetBytes(body);
            var signature = WebhookSignature.Sign(Secret, bytes);

            // Warm up both paths (JIT, table creation) before measuring.
            await RunLoadAsync(200, concurrency, _ => Health(app));
            await RunLoadAsync(200, concurrency, i => Deliver(app, $"warmup-{i}", bytes, signature));

            var health = await RunLoadAsync(deliveries, concurrency, _ => Health(app));
            var inboxOnly = await RunLoadAsync(deliveries, concurrency, async i =>
            {
                await app.Services.GetRequiredService<WebhookInbox>().TryAddAsync($"direct-{i}", "pull_request", "closed", "octo-org/payments-api", bytes, cancellationToken);
                return HttpStatusCode.Accepted;
            });
            var ids = Enumerable.Range(0, deliveries).Select(_ => Guid.NewGuid().ToString()).ToArray();
            var started = Stopwatch.GetTimestamp();
            var webhook = await RunLoadAsync(deliveries, concurrency, i => Deliver(app, ids[i], bytes, signature));
            var throughput = deliveries / Stopwatch.GetElapsedTime(started).TotalSeconds;
            var redelivered = await RunLoadAsync(100, concurrency, i => Deliver(app, ids[i * (deliveries / 100)], bytes, signature));

            var inbox = app.Services.GetRequiredService<WebhookInbox>();
            var recorded = (await inbox.PendingAsync(cancellationToken)).Select(d => d.DeliveryId).Where(id => !id.StartsWith("warmup-", StringComparison.Ordinal) && !id.StartsWith("direct-", StringComparison.Ordinal)).ToList();
            var lost = ids.Except(recorded).Count();
            var duplicated = recorded.Count - recorded.Distinct().Count();

            output.WriteLine("## Webhook acknowledgement");
            output.WriteLine();
            output.WriteLine($"{deliveries} signed `pull_request` deliveries ({bytes.Length:N0} bytes each), {concurrency} at a time (`scripts/bench webhook {deliveries} {concurrency}`), to `serve` on loopback with Azurite (in memory); the client runs in the same process.");
            output.WriteLine();
            output.WriteLine("| request | p50 | p99 | max | ratio p99 to baseline |");
            output.WriteLine("|---|---|---|---|---|");
            output.WriteLine(Row("GET /api/health (baseline)", health.Latencies, health.Latencies));
            output.WriteLine(Row("inbox write alone, no HTTP (Azurite)", inboxOnly.Latencies, health.Latencies));
            output.WriteLine(Row("POST /api/github/webhook (verify + record)", webhook.Latencies, health.Latencies));
            output.WriteLine(Row("POST /api/github/webhook (redelivery)", redelivered.Latencies, health.Latencies));
            output.WriteLine();
            output.WriteLine($"Statuses: first deliveries {string.Join(", ", webhook.Statuses.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}; " +
                $"redeliveries {string.Join(", ", redelivered.Statuses.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}.");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput: {throughput:0} acknowledged deliveries per second."));
            output.WriteLine($"Inbox: {recorded.Count} recorded of {deliveries} sent; lost {lost}; duplicated {duplicated}.");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static string Row(string name, List<double> latencies, List<double> baseline)
    {
        var p99 = Percentile(latencies, 99);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(latencies, 50):0.0} ms | {p99:0.0} ms | {latencies.Max():0.0} ms | {p99 / Percentile(baseline, 99):0.0}× |");
    }

    private static double Percentile(List<double> values, double p) => TechLead.Signals.Statistics.Percentile(values, p) ?? double.NaN;

    private static async Task<HttpStatusCode> Health(ServedApp app)
    {
        using var response = await app.Client.GetAsync("api/health");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> Deliver(ServedApp app, string id, byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/github/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add("X-Hub-Signature-256", signature);
        using var response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(List<double> Latencies, List<HttpStatusCode> Statuses)> RunLoadAsync(int count, int concurrency, Func<int, Task<HttpStatusCode>> send)
    {
        var latencies = new double[count];
        var statuses = new HttpStatusCode[count];
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                statuses[i] = await send(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        return (latencies.ToList(), statuses.ToList());
    }
}
