using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using TechLead.Tests.Dashboard;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// The dashboard on the sample workspace: page load to interactive in headless Chromium (median of N loads, fresh
/// context each, so no cache) with the bytes transferred, and GET /api/signals against GET /api/health in the same run.
/// </summary>
internal sealed class DashboardBenchmark : IBenchmark
{
    public string Name => "dashboard";

    public string Description => "Dashboard: page load to interactive and bytes (Chromium), /api/signals against /api/health";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var loads = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 20;
        var azurite = new AzuriteFixture();
        var browser = new BrowserFixture();
        await azurite.InitializeAsync();
        await browser.InitializeAsync();
        try
        {
            await using var app = await SampleServe.StartAsync(azurite, ("Logging:LogLevel:Default", "Warning"));
            var address = app.Client.BaseAddress!.ToString();
            var interactive = new List<double>();
            var bytes = new List<long>();
            var requests = 0;
            for (var i = 0; i <= loads; i++)
            {
                var page = await browser.NewPageAsync(1280, 900);
                var sizes = new List<Task<RequestSizesResult>>();
                page.RequestFinished += (_, request) => sizes.Add(request.SizesAsync());
                var watch = Stopwatch.StartNew();
                // The signals' view (signals, trend, the queue's count): what this measured before the page opened on the overview.
                await page.GotoAsync(address + "#/signals/delivery");
                await page.WaitForSelectorAsync("body[data-view-ready='signals']", new() { State = WaitForSelectorState.Attached });
                var elapsed = watch.Elapsed.TotalMilliseconds;
                var all = await Task.WhenAll(sizes);
                await page.Context.CloseAsync();
                if (i == 0)
                {
                    continue; // the first load warms serve (JIT, table creation): reported apart
                }

                interactive.Add(elapsed);
                bytes.Add(all.Sum(s => (long)s.ResponseBodySize + s.ResponseHeadersSize + s.RequestHeadersSize + s.RequestBodySize));
                requests = all.Length;
            }

            var signals = new List<double>();
            var health = new List<double>();
            for (var i = 0; i < loads; i++)
            {
                health.Add(await TimeAsync(app.Client, "/api/health", cancellationToken));
                signals.Add(await TimeAsync(app.Client, "/api/signals", cancellationToken));
            }

            output.WriteLine("## Dashboard");
            output.WriteLine();
            output.WriteLine($"`scripts/bench dashboard {loads}`: `serve` in process on the sample workspace (seed 42, 12 weeks, drafts waiting) in Azurite;");
            output.WriteLine($"headless Chromium at 1280 px, a fresh browser context per load (nothing cached), {loads} loads after one warm-up.");
            output.WriteLine("Interactive: navigation start until the signals view (#/signals/delivery) has rendered its cards and 12-week charts.");
            output.WriteLine();
            output.WriteLine("| measurement | median | p90 | max |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(Row("page load to interactive (ms)", interactive));
            output.WriteLine(Row($"bytes transferred per load ({requests} requests)", bytes.Select(b => (double)b).ToList(), "F0"));
            output.WriteLine(Row("GET /api/signals (ms)", signals));
            output.WriteLine(Row("GET /api/health (ms, baseline)", health));
            output.WriteLine();
            output.WriteLine($"Ratio, signals median over health median: {Median(signals) / Median(health):F1}x.");
        }
        finally
        {
            await browser.DisposeAsync();
            await azurite.DisposeAsync();
        }
    }

    /// <summary>One GET read to its last byte, in milliseconds.</summary>
    internal static async Task<double> TimeAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        response.EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>A table row of median, p90 and max; the overview's browser benchmark prints the same table.</summary>
    internal static string Row(string name, List<double> values, string format = "F1")
    {
        var sorted = values.Order().ToList();
        var p90 = sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.9))];
        return $"| {name} | {Median(values).ToString(format, CultureInfo.InvariantCulture)} | {p90.ToString(format, CultureInfo.InvariantCulture)} | {sorted[^1].ToString(format, CultureInfo.InvariantCulture)} |";
    }
}
