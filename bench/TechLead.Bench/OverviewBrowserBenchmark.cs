using System.Globalization;
using Microsoft.Playwright;
using TechLead.Tests.Dashboard;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// The dashboard's overview in headless Chromium: from navigation start until every value of the overview is drawn
/// (the page's <c>view-ready:overview</c> mark, read with performance.now()'s clock), median of N fresh loads, against the
/// page's shell with no data of its own (the SBI form, <c>#/feedback</c>) in the same run.
/// </summary>
internal sealed class OverviewBrowserBenchmark : IBenchmark
{
    public string Name => "overview-browser";

    public string Description => "Dashboard overview: navigation to all values drawn (Chromium) against the page's shell";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var loads = arguments.Count > 0 ? int.Parse(arguments[0], CultureInfo.InvariantCulture) : 20;
        var azurite = new AzuriteFixture();
        var browser = new BrowserFixture();
        await azurite.InitializeAsync();
        await browser.InitializeAsync();
        try
        {
            await using var app = await SampleServe.StartAsync(azurite, ("Logging:LogLevel:Default", "Warning"),
                ("Team:Agreements:0:Signal", "time_to_first_review"), ("Team:Agreements:0:Max", "24"), ("Team:Agreements:0:Unit", "hours"),
                ("Team:Agreements:1:Signal", "pr_size_lines"), ("Team:Agreements:1:Statistic", "p90"), ("Team:Agreements:1:Max", "400"), ("Team:Agreements:1:Unit", "lines"));
            var address = app.Client.BaseAddress!.ToString();
            var overview = new List<double>();
            var shell = new List<double>();
            var height = 0;
            for (var i = 0; i <= loads; i++)
            {
                // Alternate which is loaded first, so neither always meets a warmer server.
                var (first, second) = i % 2 == 0 ? ("overview", "feedback") : ("feedback", "overview");
                foreach (var view in new[] { first, second })
                {
                    var page = await browser.NewPageAsync(1280, 800);
                    await page.GotoAsync($"{address}#/{view}");
                    await page.WaitForSelectorAsync($"body[data-view-ready='{view}']", new() { State = WaitForSelectorState.Attached });
                    var drawn = await page.EvaluateAsync<double>($"performance.getEntriesByName('view-ready:{view}')[0].startTime");
                    if (view == "overview" && i == 0)
                    {
                        await page.SetViewportSizeAsync(1000, 800);
                        height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
                    }

                    await page.Context.CloseAsync();
                    if (i > 0)
                    {
                        (view == "overview" ? overview : shell).Add(drawn); // the first round warms serve (JIT, caches)
                    }
                }
            }

            output.WriteLine("## Dashboard overview in the browser");
            output.WriteLine();
            output.WriteLine($"`scripts/bench overview-browser {loads}`: `serve` in process on the sample workspace (the demo's drafts waiting, two working");
            output.WriteLine($"agreements) in Azurite; headless Chromium at 1280x800, a fresh browser context per load (nothing cached), {loads} loads of each after one warm-up round.");
            output.WriteLine("Measured in the page: performance.now()'s clock from navigation start until the view has drawn every value (the `view-ready:VIEW` mark).");
            output.WriteLine();
            output.WriteLine("| measurement | median | p90 | max |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(DashboardBenchmark.Row("#/overview: all values drawn (ms)", overview));
            output.WriteLine(DashboardBenchmark.Row("#/feedback: the shell, no data of its own (ms, baseline)", shell));
            output.WriteLine();
            output.WriteLine($"Ratio, overview median over shell median: {DashboardBenchmark.Median(overview) / DashboardBenchmark.Median(shell):F2}x. Target: the overview drawn within 1 s: {(DashboardBenchmark.Median(overview) <= 1000 ? "met" : "not met")}.");
            output.WriteLine($"The overview's height at 1000 px wide: {height} px.");
        }
        finally
        {
            await browser.DisposeAsync();
            await azurite.DisposeAsync();
        }
    }
}
