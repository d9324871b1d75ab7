using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Digest;

/// <summary>The sample digest in a real Chromium: readable at phone and desktop width, accessible, one-minute section first.</summary>
[Collection(DigestCollection.Name)]
public sealed class DigestLayoutTests(AzuriteFixture azurite, BrowserFixture browser)
{
    /// <summary>Set to write docs/images/digest.png (the README's screenshot) from this test.</summary>
    public const string ScreenshotVariable = "TECHLEAD_DIGEST_SCREENSHOT";

    [Theory]
    [InlineData(390)]
    [InlineData(1000)]
    public async Task The_digest_fits_the_width_without_sideways_scrolling_and_has_no_serious_accessibility_problems(int width)
    {
        var document = await DigestSampleWeek.ComposeAsync(azurite);
        var page = await browser.NewPageAsync(width, 844);
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

        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "techlead-digest.html"), document.FileHtml);
        var path = Path.Combine(Path.GetTempPath(), $"techlead-digest-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (width == 390 && Environment.GetEnvironmentVariable(ScreenshotVariable) is "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "docs", "images", "digest.png"), FullPage = false });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_week_in_one_minute_fits_the_first_screen()
    {
        var document = await DigestSampleWeek.ComposeAsync(azurite);
        var page = await browser.NewPageAsync(390, 844);
        await page.SetContentAsync(document.FileHtml);

        var bottom = await page.EvaluateAsync<double>("() => document.getElementById('one-minute').getBoundingClientRect().bottom");
        Assert.True(bottom <= 844, $"the one-minute section ends at {bottom:0} px, below a 844 px phone screen");
        await page.Context.CloseAsync();
    }
}
