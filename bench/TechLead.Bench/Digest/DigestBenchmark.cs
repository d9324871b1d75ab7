using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TechLead.Digest;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Team;
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
        var report = await services.GetRequiredService<SignalEngine>().ComputeAsync(Week, cancellationToken);
        var waiting = await services.GetRequiredService<ReviewQueue>().ListAsync(DraftStatus.PendingReview, cancellationToken);
        var composer = services.GetRequiredService<DigestComposer>();

        var document = composer.Compose(report, waiting);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            document = composer.Compose(report, waiting);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        var heights = new Dictionary<int, int>();
        foreach (var width in new[] { 390, 1000 })
        {
            var page = await browser.NewPageAsync(width, 800);
            await page.SetContentAsync(document.Html);
            heights[width] = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            await page.Context.CloseAsync();
        }

        times.Sort();
        var bytes = Encoding.UTF8.GetByteCount(document.Html) + Encoding.UTF8.GetByteCount(document.Text);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| sample week {Week} | {heights[390]:N0} px | {heights[1000]:N0} px | {bytes:N0} B | {times[times.Count / 2]:0.0} ms |"));
    }
}
