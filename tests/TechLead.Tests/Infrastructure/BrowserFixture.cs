using Microsoft.Playwright;

namespace TechLead.Tests.Infrastructure;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> package; Playwright's own browser download does not work
/// offline), shared by a test collection. Each test opens its own context so cookies and storage never leak.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly float SafetyNetMilliseconds = (float)Eventually.SafetyNet.TotalMilliseconds;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: scripts/test installs Debian's chromium package where it can (apt-get install chromium).");
        }

        // Playwright's assertions wait for what they expect, polling: 5 s by default, which a loaded machine's Chromium can
        // exceed; the longer deadline is only a safety net, a passing assertion returns as soon as it holds.
        Assertions.SetDefaultExpectTimeout(SafetyNetMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without these Chromium keeps dialling Google's hosts, which this closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page at the given viewport width (a phone is 390 px wide).</summary>
    public async Task<IPage> NewPageAsync(int width = 1000, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(SafetyNetMilliseconds); // actions and navigations, as for the assertions above
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
