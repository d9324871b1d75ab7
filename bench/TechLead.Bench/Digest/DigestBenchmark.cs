using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using TechLead.Digest;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Signals.Trends;
using TechLead.Team;
using TechLead.Tests.Digest;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench.Digest;

/// <summary>
/// The sample week's digest as a reader meets it: rendered height in headless Chromium at phone (390 px) and desktop
/// (1000 px) width, size in bytes with its images, and the time to compose it once the signals are computed.
/// </summary>
internal sealed class DigestBenchmark : IBenchmark
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    public string Name => "digest";

    public string Description => "Sample digest: rendered height at 390/1000 px, bytes with images, compose time.";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        using var host = TestHost.Build(TestHost.Settings(azurite), time);
        var services = host.Services;
        await services.GetRequiredService<SampleSyncJob>().SyncAsync(cancellationToken);
        var job = services.GetRequiredService<WeeklyDigestJob>();
        var signals = services.GetRequiredService<SignalReports>();
        var reports = await signals.WeeksAsync(services.GetRequiredService<TeamDirectory>().Default, Week, SignalReports.DefaultWeeks, cancellationToken);
        var trend = SignalTrend.From(reports);
        var waiting = await services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, cancellationToken);
        var composer = services.GetRequiredService<DigestComposer>();

        // Compose time once the 12 weekly reports are computed: summary, six charts, three template renders.
        var document = composer.Compose(reports[^1], trend, waiting);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            document = composer.Compose(reports[^1], trend, waiting);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var signalsWatch = Stopwatch.StartNew();
        _ = await job.ComposeAsync(Week, cancellationToken);
        var withSignals = signalsWatch.Elapsed.TotalMilliseconds;

        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        var (heights, oneMinute) = await MeasureAsync(browser, document, "digest-bench", cancellationToken);

        times.Sort();
        var bytes = Encoding.UTF8.GetByteCount(document.Html) + Encoding.UTF8.GetByteCount(document.Text) + document.Images.Sum(i => i.Png.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| sample week {Week} | {heights[390]:N0} px (one minute ends at {oneMinute[390]:N0}) | {heights[1000]:N0} px (one minute ends at {oneMinute[1000]:N0}) | {bytes:N0} B ({document.Images.Count} PNGs, {document.Images.Sum(i => i.Png.Length):N0} B) | {times[times.Count / 2]:0.0} ms; {withSignals:0} ms with the 12 weekly reports |"));

        // The email scripts/demo sends (its team name, Jira project and drafts waiting): not comparable with the
        // baseline above, which had neither, but the one a new user reads first.
        var demo = await DigestSampleWeek.ComposeDemoAsync(azurite);
        var (demoHeights, demoOneMinute) = await MeasureAsync(browser, demo, "digest-bench-demo", cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| demo email (Jira SHOP, drafts waiting) | {demoHeights[390]:N0} px (one minute ends at {demoOneMinute[390]:N0}) | {demoHeights[1000]:N0} px (one minute ends at {demoOneMinute[1000]:N0}) | | |"));
    }

    /// <summary>Height and where the one-minute section ends at 390 and 1000 px; writes .artifacts/NAME.html and full-page NAME-WIDTH.png to look at.</summary>
    private static async Task<(Dictionary<int, int> Heights, Dictionary<int, int> OneMinute)> MeasureAsync(
        BrowserFixture browser, DigestDocument document, string name, CancellationToken cancellationToken)
    {
        var artifacts = Path.Combine(RepoPaths.Root, ".artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, $"{name}.html"), document.FileHtml, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(artifacts, $"{name}.txt"), document.Text, cancellationToken);
        var heights = new Dictionary<int, int>();
        var oneMinute = new Dictionary<int, int>();
        foreach (var width in new[] { 390, 1000 })
        {
            var page = await browser.NewPageAsync(width, 800);
            await page.SetContentAsync(document.FileHtml);
            heights[width] = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            oneMinute[width] = await page.EvaluateAsync<int>("() => Math.round(document.getElementById('one-minute').getBoundingClientRect().bottom)");
            // Where each section starts, to see what the height is made of (stderr: not part of the result table).
            var sections = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('h2')].map(h => h.textContent + ' @ ' + Math.round(h.getBoundingClientRect().top))");
            await Console.Error.WriteLineAsync($"{name} at {width} px: {string.Join("; ", sections)}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, $"{name}-{width}.png"), FullPage = true });
            await page.Context.CloseAsync();
        }

        return (heights, oneMinute);
    }
}
