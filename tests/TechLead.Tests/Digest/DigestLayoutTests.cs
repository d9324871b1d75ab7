using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>
/// The demo's digest in a real Chromium: readable at phone and desktop width, accessible, one-minute section first.
/// Every run writes .artifacts/digest-390.png and digest-1000.png (whole email); with TECHLEAD_WRITE_SCREENSHOTS=1 it
/// also writes docs/images/digest.png (a phone's first screen; README.md and docs/digest.md) and digest-wide.png (desktop,
/// top part; docs/digest.md).
/// </summary>
[Collection(DigestCollection.Name)]
public sealed class DigestLayoutTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private const int PhoneHeight = 844;

    [Theory]
    [InlineData(390)]
    [InlineData(1000)]
    public async Task The_digest_fits_the_width_without_sideways_scrolling_and_has_no_serious_accessibility_problems(int width)
    {
        var document = await DigestSampleWeek.ComposeDemoAsync(azurite);
        var page = await browser.NewPageAsync(width, PhoneHeight);
        await page.SetContentAsync(document.FileHtml);

        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"at {width} px the digest is {scrollWidth} px wide: sideways scrolling");
        var images = await page.EvaluateAsync<int[]>("() => [...document.images].map(i => i.naturalWidth)");
        Assert.NotEmpty(images);
        Assert.All(images, w => Assert.True(w > 0, "an image did not load"));

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        var artifacts = Path.Combine(RepoPaths.Root, ".artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "digest.html"), document.FileHtml);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, $"digest-{width}.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("TECHLEAD_WRITE_SCREENSHOTS") == "1")
        {
            // The phone's first screen as it opens; on a desktop, the week in one minute and the charts.
            var (name, clip) = width == 390 ? ("digest.png", null) : ("digest-wide.png", new Clip { X = 0, Y = 0, Width = width, Height = 960 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "docs", "images", name), Clip = clip, FullPage = clip is not null });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_week_in_one_minute_fits_the_first_screen()
    {
        var document = await DigestSampleWeek.ComposeDemoAsync(azurite);
        var page = await browser.NewPageAsync(390, PhoneHeight);
        await page.SetContentAsync(document.FileHtml);

        Assert.Equal("The week in one minute", await page.Locator("h2").First.InnerTextAsync());
        var bottom = await page.EvaluateAsync<double>("() => document.getElementById('one-minute').getBoundingClientRect().bottom");
        Assert.True(bottom <= PhoneHeight, $"the one-minute section ends at {bottom:0} px, below a {PhoneHeight} px phone screen");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390, 1)]
    [InlineData(1000, 2)]
    public async Task Charts_sit_two_to_a_row_on_a_desktop_and_one_to_a_row_on_a_phone(int width, int perRow)
    {
        var document = await DigestSampleWeek.ComposeDemoAsync(azurite);
        var page = await browser.NewPageAsync(width, PhoneHeight);
        await page.SetContentAsync(document.FileHtml);

        var tops = await page.EvaluateAsync<double[]>("() => [...document.images].map(i => Math.round(i.getBoundingClientRect().top))");
        Assert.Equal(6, tops.Length);
        Assert.Equal(6 / perRow, tops.Distinct().Count());
        var widths = await page.EvaluateAsync<double[]>("() => [...document.images].map(i => i.getBoundingClientRect().width)");
        Assert.All(widths, w => Assert.InRange(w, 250, 300));
        await page.Context.CloseAsync();
    }
}
