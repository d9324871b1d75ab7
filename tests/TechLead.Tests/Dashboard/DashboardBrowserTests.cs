using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TechLead.Review;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Dashboard;

/// <summary>The dashboard in headless Chromium against <c>serve</c> with Azurite and the sample workspace.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    internal sealed record Visit(IPage Page, List<string> ConsoleErrors, List<string> OtherHosts);

    internal static async Task<Visit> OpenAsync(BrowserFixture browser, ServedApp app, int width, int height = 900, string address = "")
    {
        var page = await browser.NewPageAsync(width, height);
        var errors = new List<string>();
        var otherHosts = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != app.Client.BaseAddress!.Authority)
            {
                otherHosts.Add(request.Url);
            }
        };
        await page.GotoAsync(app.Client.BaseAddress + address);
        await page.WaitForSelectorAsync("body[data-ready='true']");
        return new Visit(page, errors, otherHosts);
    }

    /// <summary>Waits until the page has drawn the view its address names.</summary>
    internal static Task ViewReadyAsync(IPage page, string view) => page.WaitForSelectorAsync($"body[data-view-ready='{view}']", new() { State = WaitForSelectorState.Attached });

    private static ILocator Card(IPage page, string id) => page.Locator($"article.draft[data-draft='{id}']");

    private static ILocator Row(IPage page, string id) => page.Locator($"li.queue-row[data-draft='{id}']");

    /// <summary>From the queue to one draft's own view, as a person clicks it.</summary>
    private static async Task<ILocator> OpenDraftAsync(IPage page, string id)
    {
        await Row(page, id).GetByRole(AriaRole.Link).ClickAsync();
        await ViewReadyAsync(page, "draft");
        return Card(page, id);
    }

    [Fact]
    public async Task Signals_and_charts_render_and_three_decisions_change_the_queue()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var waiting = await SampleServe.WaitingAsync(app);
        Assert.True(waiting.Count >= 3, $"the sample should leave at least three drafts waiting, not {waiting.Count}");
        var visit = await OpenAsync(browser, app, 1280, address: "#/signals/delivery");
        var page = visit.Page;

        Assert.True(await page.Locator("#sample-banner").IsVisibleAsync());
        await Assertions.Expect(page.Locator("article.signal[data-signal='deployment_frequency'] .value")).Not.ToBeEmptyAsync();
        // The week reads Monday to Sunday, as in the digest (the API's end is the exclusive midnight after it).
        var period = System.Text.RegularExpressions.Regex.Match(await page.Locator("#week-meta").InnerTextAsync(), @"(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)");
        Assert.True(period.Success);
        var (monday, sunday) = (DateOnly.Parse(period.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(period.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DayOfWeek.Monday, DayOfWeek.Sunday, 6), (monday.DayOfWeek, sunday.DayOfWeek, sunday.DayNumber - monday.DayNumber));
        Assert.True(await page.Locator("article.signal svg.chart polyline").CountAsync() > 2);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Views" }).GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
        await ViewReadyAsync(page, "review");
        await Assertions.Expect(page.Locator("li.queue-row")).ToHaveCountAsync(waiting.Count);

        await (await OpenDraftAsync(page, waiting[0].Id)).GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await ViewReadyAsync(page, "review");
        await Assertions.Expect(Row(page, waiting[0].Id)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#review-status")).ToContainTextAsync("approved");

        var second = await OpenDraftAsync(page, waiting[1].Id);
        await second.GetByRole(AriaRole.Button, new() { Name = "Edit, then approve" }).ClickAsync();
        await second.GetByLabel("Edited text").FillAsync("## Release notes, tightened by the lead");
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve edited text" }).ClickAsync();
        await ViewReadyAsync(page, "review");
        await Assertions.Expect(Row(page, waiting[1].Id)).ToHaveCountAsync(0);

        var third = await OpenDraftAsync(page, waiting[2].Id);
        await third.GetByRole(AriaRole.Button, new() { Name = "Reject…" }).ClickAsync();
        await third.GetByLabel("Reason for rejecting").FillAsync("Says nothing the PR titles do not");
        await third.GetByRole(AriaRole.Button, new() { Name = "Reject draft" }).ClickAsync();
        await ViewReadyAsync(page, "review");
        await Assertions.Expect(Row(page, waiting[2].Id)).ToHaveCountAsync(0);

        await Assertions.Expect(page.Locator("li.queue-row")).ToHaveCountAsync(waiting.Count - 3);
        var decided = page.Locator("table.decided tbody tr");
        await Assertions.Expect(decided).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator($"table.decided tr[data-draft='{waiting[2].Id}']")).ToContainTextAsync("Says nothing the PR titles do not");
        await Assertions.Expect(page.Locator($"table.decided tr[data-draft='{waiting[1].Id}']")).ToContainTextAsync("edited");
        await Assertions.Expect(page.Locator($"table.decided tr[data-draft='{waiting[0].Id}']")).ToContainTextAsync($"{Environment.UserName} (local)");
        var queue = app.Services.GetRequiredService<ReviewQueue>();
        Assert.Equal("## Release notes, tightened by the lead", (await queue.GetAsync(waiting[1].Id, CancellationToken.None))!.EditedText);

        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherHosts);
    }

    [Fact]
    public async Task A_judgemental_behaviour_is_highlighted_on_its_words_and_nothing_is_sent()
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));
        var visit = await OpenAsync(browser, app, 390, address: "#/feedback");
        var page = visit.Page;

        await page.GetByLabel("Situation").FillAsync("In Tuesday's sprint planning with the whole team");
        await page.GetByLabel("Behaviour").FillAsync("You were lazy and interrupted Sam three times");
        await page.GetByLabel("Impact").FillAsync("I felt we lost the thread and ran 20 minutes over");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and draft" }).ClickAsync();

        var mark = page.Locator("mark.finding");
        await Assertions.Expect(mark.First).ToHaveTextAsync("lazy");
        // The finding names its source by title and author, not "the book".
        await Assertions.Expect(page.Locator("article.checked ul.findings li").Filter(new() { HasText = "personality-label" }))
            .ToContainTextAsync("Source: Leveling Up as a Tech Lead (A. Fiser), ch. 5.");
        await page.Locator("#view-feedback").ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, ".artifacts", "dashboard-390-sbi-result.png") });
        await Assertions.Expect(page.Locator(".sent-note")).ToContainTextAsync("Nothing was sent");
        Assert.True(await page.Locator(".drafts article").CountAsync() >= 2);
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherHosts);
    }

    [Fact]
    public async Task With_zero_width_characters_and_doubled_spaces_the_highlight_is_exactly_the_flagged_word()
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));
        var visit = await OpenAsync(browser, app, 1280, address: "#/feedback");
        var page = visit.Page;

        // Pasted text: zero-width spaces and joiners, a word joiner and doubled spaces, all removed or tidied before checking.
        await page.GetByLabel("Situation").FillAsync("In\u200b  Tuesday's sprint\u2060 planning  with the whole team");
        await page.GetByLabel("Behaviour").FillAsync("You\u200b\u200b  were\u200d   lazy and  interrupted Sam three times");
        await page.GetByLabel("Impact").FillAsync("I felt we lost the thread and ran 20 minutes over");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and draft" }).ClickAsync();

        var label = page.Locator("mark.finding[data-code='personality-label']");
        await label.WaitForAsync();
        Assert.Equal("lazy", await label.TextContentAsync());
        var marks = page.Locator("article.checked mark.finding");
        var findings = page.Locator("article.checked ul.findings li strong");
        Assert.Equal(await findings.CountAsync(), await marks.CountAsync());
        // Every highlighted element holds exactly the words its finding quotes.
        Assert.Equal(
            (await findings.AllTextContentsAsync()).Select(t => t.Trim('“', '”')).Order(StringComparer.Ordinal),
            (await marks.AllTextContentsAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task Approving_a_draft_someone_else_decided_shows_the_412_message_and_changes_nothing()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        var visit = await OpenAsync(browser, app, 1280, address: $"#/review/{draft.Id}");
        await ViewReadyAsync(visit.Page, "draft");
        var queue = app.Services.GetRequiredService<ReviewQueue>();
        await queue.RejectAsync(draft.Id, "someone else", "decided in the terminal", CancellationToken.None);

        await Card(visit.Page, draft.Id).GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

        await Assertions.Expect(Card(visit.Page, draft.Id).GetByRole(AriaRole.Alert)).ToContainTextAsync("changed since you loaded it");
        Assert.Equal(DraftStatus.Rejected, (await queue.GetAsync(draft.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task With_two_teams_a_picker_switches_the_views_to_the_other_team_s_repositories()
    {
        await using var app = await SampleServe.StartAsync(azurite,
            ("Teams:0:Name", "Shop"), ("Teams:0:Repositories:0", "sample-org/checkout-api"), ("Teams:0:Repositories:1", "sample-org/storefront-web"),
            ("Teams:1:Name", "Infra"), ("Teams:1:TimeZone", "America/New_York"), ("Teams:1:Repositories:0", "sample-org/platform-infra"));
        var visit = await OpenAsync(browser, app, 390, address: "#/signals/delivery");
        var page = visit.Page;

        await Assertions.Expect(page.Locator("#team")).ToContainTextAsync("Shop");
        await Assertions.Expect(page.Locator("#week-meta")).ToContainTextAsync("2 repositories");
        var picker = page.GetByLabel("Team", new() { Exact = true });
        await picker.SelectOptionAsync("Infra");

        // The choice is in the address, so a reload or a shared link shows the same team and the same view.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/signals/delivery[?]team=Infra$"));
        await Assertions.Expect(page.Locator("#team")).ToContainTextAsync("Infra");
        await Assertions.Expect(page.Locator("#week-meta")).ToContainTextAsync("(America/New_York) · 1 repository");
        await Assertions.Expect(picker).ToHaveValueAsync("Infra");
        // The review queue is the shown team's: drafts of Shop's repositories are not in Infra's.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Views" }).GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/review[?]team=Infra$"));
        await ViewReadyAsync(page, "review");
        var waiting = await SampleServe.WaitingAsync(app);
        var infraWaiting = waiting.Count(d => d.Repository is null or "sample-org/platform-infra");
        Assert.True(infraWaiting < waiting.Count, "the sample should leave drafts waiting for Shop's repositories too");
        await Assertions.Expect(page.Locator("li.queue-row")).ToHaveCountAsync(infraWaiting);
        await SaveScreenshotAsync(page, "dashboard-teams-390.png", fullPage: false, clipHeight: 420);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.Empty(serious);

        // A digest's link to a signal (?team=...#signal-ID) opens that card's definition once the cards have loaded.
        await page.GotoAsync(app.Client.BaseAddress + "?team=infra#signal-change_lead_time");
        await Assertions.Expect(page.Locator("#signal-change_lead_time details.definition")).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.Locator("#signal-change_lead_time")).ToBeInViewportAsync();
        Assert.Empty(visit.ConsoleErrors);
    }

    /// <summary>The README's screenshot comes from these tests: always to .artifacts, and to docs/images when asked.</summary>
    internal static async Task SaveScreenshotAsync(IPage page, string name, bool fullPage, int? clipHeight)
    {
        var artifacts = Path.Combine(RepoPaths.Root, ".artifacts");
        Directory.CreateDirectory(artifacts);
        var file = Path.Combine(artifacts, name);
        var clip = clipHeight is { } height ? new Clip { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = height } : null;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage, Clip = clip });
        if (Environment.GetEnvironmentVariable("TECHLEAD_WRITE_SCREENSHOTS") == "1")
        {
            File.Copy(file, Path.Combine(RepoPaths.Root, "docs", "images", name), overwrite: true);
        }
    }
}
