using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TechLead.Activity;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;
using static TechLead.Tests.Dashboard.DashboardBrowserTests;

namespace TechLead.Tests.Dashboard;

/// <summary>
/// The overview first, and one view per address behind it, in headless Chromium against <c>serve</c> on the sample
/// workspace: what a lead sees at a glance, at 1280x800 and on a phone.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardGlanceBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    /// <summary>The sample team's agreements, as a team would set them: one of them broken in the sample.</summary>
    private static readonly (string Key, string? Value)[] Agreements =
    [
        ("Team:Agreements:0:Signal", "time_to_first_review"), ("Team:Agreements:0:Max", "24"), ("Team:Agreements:0:Unit", "hours"),
        ("Team:Agreements:1:Signal", "pr_size_lines"), ("Team:Agreements:1:Statistic", "p90"), ("Team:Agreements:1:Max", "400"), ("Team:Agreements:1:Unit", "lines"),
        ("Team:Agreements:2:Signal", "debt_investment_share"), ("Team:Agreements:2:Min", "20"), ("Team:Agreements:2:Unit", "percent"),
    ];

    private const string Hostile = "<img src=x onerror=\"document.body.dataset.pwned='yes'\"> Fix <script>document.body.dataset.pwned='yes'</script> login";

    [Theory]
    [InlineData(1280, 800, 1)]
    [InlineData(390, 844, 2)]
    public async Task The_overview_shows_delivery_agreements_needs_and_a_win_within_one_screen_at_1280_and_two_on_a_phone(int width, int height, int screens)
    {
        await using var app = await SampleServe.StartAsync(azurite, Agreements);
        var visit = await OpenAsync(browser, app, width, height);
        var page = visit.Page;
        await ViewReadyAsync(page, "overview");

        var overview = page.Locator("#overview");
        await Assertions.Expect(overview.Locator("article.tile .value")).ToHaveCountAsync(5);
        await Assertions.Expect(overview.Locator("li.agreement")).ToHaveCountAsync(3);
        await Assertions.Expect(overview.Locator("li.agreement[data-agreement='broken']").First).ToBeVisibleAsync();
        Assert.True(await overview.Locator("li.need").CountAsync() >= 1, "the sample leaves drafts waiting, so something needs the lead");
        await Assertions.Expect(overview.Locator(".win-text")).Not.ToBeEmptyAsync();
        Assert.Equal(5, await overview.Locator("article.tile svg.chart").CountAsync());

        await SaveScreenshotAsync(page, $"overview-{width}.png", fullPage: screens > 1, clipHeight: null);

        // Every value the glance promises is drawn within the first screen at 1280 px, within two on a phone.
        var limit = height * screens;
        var shown = new[] { "article.tile .value", "article.tile .tier, article.tile .direction", "li.agreement", "li.need .count", ".win-text" };
        foreach (var selector in shown)
        {
            foreach (var element in await overview.Locator(selector).AllAsync())
            {
                var box = await element.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.Y + box.Height <= limit, $"{selector} ends at {box.Y + box.Height:0} px, below {limit} px at {width}x{height}");
            }
        }

        // Every element of the overview leads somewhere: its detail view in this page, or the pull request itself.
        foreach (var link in await overview.Locator("a").AllAsync())
        {
            var href = await link.GetAttributeAsync("href");
            Assert.Matches(new Regex("^(#/(signals|review|feedback|teams)|https?://)"), href!);
        }

        Assert.Empty(await SeriousAsync(page));
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the overview is {scrollWidth} px wide at a {width} px viewport");

        // A DORA tile opens its signals' view, focused on its heading.
        await overview.Locator("article.tile").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/signals/delivery$"));
        await ViewReadyAsync(page, "signals");
        await Assertions.Expect(page.Locator("#signals-title")).ToBeFocusedAsync();
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherHosts);
    }

    [Fact]
    public async Task Every_view_has_its_own_address_that_survives_reload_back_and_forward()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        var visit = await OpenAsync(browser, app, 1280, 800);
        var page = visit.Page;
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Views" });
        await ViewReadyAsync(page, "overview");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        // One team: no teams view to offer.
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Teams" })).ToBeHiddenAsync();

        // By keyboard: the link has focus, Enter follows it, and focus lands on the view's heading.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Signals" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ExpectViewAsync(page, "#/signals/delivery", "signals", "#signals-title");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Signals" })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Signal categories" }).GetByRole(AriaRole.Link, new() { Name = "CI health" }).ClickAsync();
        await ExpectViewAsync(page, "#/signals/ci", "signals", "#signals-title");
        await Assertions.Expect(page.Locator("#signals-title")).ToHaveTextAsync("Signals: CI health");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
        await ExpectViewAsync(page, "#/review", "review", "#review-title");
        await page.Locator($"li.queue-row[data-draft='{draft.Id}'] a").ClickAsync();
        await ExpectViewAsync(page, $"#/review/{draft.Id}", "draft", "#draft-title");
        await Assertions.Expect(page.Locator("#draft-title")).ToHaveTextAsync(draft.Subject);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).ClickAsync();
        await ExpectViewAsync(page, "#/feedback", "feedback", "#sbi-title");

        // Reload keeps the view; back and forward walk the same views again.
        await page.ReloadAsync();
        await ExpectViewAsync(page, "#/feedback", "feedback", null);
        await page.GoBackAsync();
        await ExpectViewAsync(page, $"#/review/{draft.Id}", "draft", null);
        await Assertions.Expect(page.Locator("#draft-title")).ToHaveTextAsync(draft.Subject);
        await page.ReloadAsync();
        await ExpectViewAsync(page, $"#/review/{draft.Id}", "draft", null);
        await page.GoBackAsync();
        await ExpectViewAsync(page, "#/review", "review", null);
        await page.GoBackAsync();
        await ExpectViewAsync(page, "#/signals/ci", "signals", null);
        await Assertions.Expect(page.Locator("#signals-title")).ToHaveTextAsync("Signals: CI health");
        await page.GoBackAsync();
        await ExpectViewAsync(page, "#/signals/delivery", "signals", null);
        await page.GoForwardAsync();
        await ExpectViewAsync(page, "#/signals/ci", "signals", null);

        // An address with no view says so and leads back to the overview.
        await page.GotoAsync(app.Client.BaseAddress + "#/nowhere");
        await ExpectViewAsync(page, "#/nowhere", "missing", null);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the overview" }).ClickAsync();
        await ExpectViewAsync(page, "#/overview", "overview", "#overview-title");
        Assert.Empty(visit.ConsoleErrors);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task No_view_has_a_serious_accessibility_problem_or_scrolls_sideways(int width)
    {
        await using var app = await SampleServe.StartAsync(azurite, Agreements);
        var draft = (await SampleServe.WaitingAsync(app))[0];
        var visit = await OpenAsync(browser, app, width);
        var page = visit.Page;
        var problems = new List<string>();
        foreach (var (address, view) in new[] { ("#/overview", "overview"), ("#/signals/delivery", "signals"), ("#/signals/flow", "signals"), ("#/review", "review"), ($"#/review/{draft.Id}", "draft"), ("#/feedback", "feedback"), ("#/teams", "teams") })
        {
            await page.GotoAsync(app.Client.BaseAddress + address);
            await ViewReadyAsync(page, view);
            // Open one of everything a person can open, so axe sees it too.
            if (view == "signals")
            {
                await page.Locator("details.definition summary").First.ClickAsync();
            }

            if (view == "draft")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Edit, then approve" }).ClickAsync();
                await Assertions.Expect(page.Locator(".preview")).ToHaveAttributeAsync("aria-busy", "false");
            }

            problems.AddRange((await SeriousAsync(page)).Select(p => $"{address}: {p}"));
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (scrollWidth > width)
            {
                problems.Add($"{address}: the page is {scrollWidth} px wide at a {width} px viewport");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, ".artifacts", $"view-{address.Replace("#/", "").Replace('/', '-')}-{width}.png"), FullPage = true });
        }

        Assert.Empty(problems);
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task A_draft_reads_rendered_with_its_source_on_request_and_the_edit_shows_its_preview()
    {
        await using var app = await SampleServe.StartAsync(azurite);
        var texts = new List<(string Id, string Text)>();
        foreach (var waiting in await SampleServe.WaitingAsync(app))
        {
            using var answer = System.Text.Json.JsonDocument.Parse(await app.Client.GetStringAsync(new Uri($"/api/drafts/{waiting.Id}", UriKind.Relative)));
            texts.Add((waiting.Id, answer.RootElement.GetProperty("text").GetString()!));
        }

        var (id, text) = texts.FirstOrDefault(d => d.Text.Contains("\n- ", StringComparison.Ordinal) && d.Text.Contains('#', StringComparison.Ordinal) && d.Text.Contains("](", StringComparison.Ordinal));
        Assert.True(id is not null, "the sample should leave a draft with headings, a list and links waiting");
        var visit = await OpenAsync(browser, app, 1280, 800, $"#/review/{id}");
        var page = visit.Page;
        await ViewReadyAsync(page, "draft");

        var rendered = page.Locator("article.draft .md.rendered").Last;
        Assert.True(await rendered.Locator("h1, h2, h3, h4").CountAsync() >= 1, "the draft's headings are rendered as headings");
        Assert.True(await rendered.Locator("li").CountAsync() >= 1, "the draft's list is rendered as a list");
        Assert.True(await rendered.Locator("a[href^='http']").CountAsync() >= 1, "the draft's links are rendered as links");
        await Assertions.Expect(rendered).Not.ToContainTextAsync("## ");
        await SaveScreenshotAsync(page, "draft-rendered.png", fullPage: false, clipHeight: null);

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show source" }).Last;
        await toggle.ClickAsync();
        var source = page.Locator("article.draft pre.source").Last;
        await Assertions.Expect(source).ToBeVisibleAsync();
        await Assertions.Expect(rendered).ToBeHiddenAsync();
        Assert.Equal(text, await source.TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show rendered" }).Last.ClickAsync();
        await Assertions.Expect(rendered).ToBeVisibleAsync();

        // The edited text's preview is rendered by the server as the person types, beside the editor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit, then approve" }).ClickAsync();
        await page.GetByLabel("Edited text").FillAsync("## Tightened by the lead\n\n- one change\n- [the other](https://github.com/sample-org/checkout-api/pull/1)\n");
        var preview = page.Locator("article.draft .preview");
        await Assertions.Expect(preview.Locator("h2", new() { HasText = "Tightened by the lead" })).ToBeVisibleAsync();
        await Assertions.Expect(preview.Locator("h2")).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(preview.Locator("a[href='https://github.com/sample-org/checkout-api/pull/1']")).ToHaveTextAsync("the other");
        var editor = await page.GetByLabel("Edited text").BoundingBoxAsync();
        var beside = await preview.BoundingBoxAsync();
        Assert.True(beside!.X >= editor!.X + editor.Width, "at 1280 px the preview stands beside the editor");
        await page.Locator("article.draft").ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, ".artifacts", "draft-edit-1280.png") });
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task A_hostile_pull_request_title_is_shown_as_text_and_runs_nothing()
    {
        await using var app = await ServedApp.StartAsync(TestHost.Settings(azurite));
        await app.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Open for 60 days without a review: the PR waiting longest, so the overview lists it under "Needs you".
        await app.Services.GetRequiredService<ActivityIngestor>().StoreAsync(new ActivityBatch
        {
            PullRequests =
            [
                new PullRequestRecord
                {
                    Repository = RepositoryName.Parse("sample-org/checkout-api"), Number = 9001, Title = Hostile, Author = "mallory",
                    CreatedAt = now.AddDays(-60), ReadyForReviewAt = now.AddDays(-60), UpdatedAt = now.AddDays(-60), Origin = "sample",
                },
            ],
        }, CancellationToken.None);
        await TechLead.Local.Commands.DemoCommand.DraftSampleAsync(app.Services, CancellationToken.None);
        var visit = await OpenAsync(browser, app, 1280);
        var page = visit.Page;
        await ViewReadyAsync(page, "overview");

        await Assertions.Expect(page.Locator("#overview li.need").GetByText(Hostile, new() { Exact = false }).First).ToBeVisibleAsync();
        foreach (var (address, view) in new[] { ("#/signals/flow", "signals"), ("#/review", "review") })
        {
            await page.GotoAsync(app.Client.BaseAddress + address);
            await ViewReadyAsync(page, view);
        }

        Assert.Equal(0, await page.Locator("main img, main script, main [onerror]").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("document.body.dataset.pwned ?? null"));
        Assert.Empty(visit.ConsoleErrors);
    }

    [Fact]
    public async Task With_several_teams_the_teams_view_has_a_row_per_team_by_name_each_opening_its_overview()
    {
        await using var app = await SampleServe.StartAsync(azurite,
            ("Teams:0:Name", "Shop"), ("Teams:0:Repositories:0", "sample-org/checkout-api"), ("Teams:0:Repositories:1", "sample-org/storefront-web"),
            ("Teams:1:Name", "Infra"), ("Teams:1:TimeZone", "America/New_York"), ("Teams:1:Repositories:0", "sample-org/platform-infra"));
        var visit = await OpenAsync(browser, app, 1280, 800);
        var page = visit.Page;
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Views" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await ExpectViewAsync(page, "#/teams", "teams", "#teams-title");

        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Team" })).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Agreements broken" })).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Needs you" })).ToBeVisibleAsync();
        Assert.Equal(["Infra", "Shop"], await table.GetByRole(AriaRole.Rowheader).AllInnerTextsAsync());
        Assert.True(await table.Locator("tbody tr").First.Locator("td .cell-value").CountAsync() >= 4, "each row shows the team's DORA values");
        Assert.Empty(await SeriousAsync(page));
        await SaveScreenshotAsync(page, "teams-1280.png", fullPage: false, clipHeight: null);

        await table.GetByRole(AriaRole.Link, new() { Name = "Shop" }).ClickAsync();
        await ExpectViewAsync(page, "#/overview?team=Shop", "overview", "#overview-title");
        await Assertions.Expect(page.Locator("#overview-meta")).ToContainTextAsync("Shop");
        await page.ReloadAsync();
        await ViewReadyAsync(page, "overview");
        await Assertions.Expect(page.Locator("#overview-meta")).ToContainTextAsync("Shop");
        Assert.Empty(visit.ConsoleErrors);
    }

    private static async Task ExpectViewAsync(IPage page, string address, string view, string? focused)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(address) + "$"));
        await ViewReadyAsync(page, view);
        await Assertions.Expect(page.Locator($"#view-{view}")).ToBeVisibleAsync();
        Assert.Equal(1, await page.Locator("main > .view:visible").CountAsync());
        if (focused is not null)
        {
            await Assertions.Expect(page.Locator(focused)).ToBeFocusedAsync();
        }
    }

    private static async Task<List<string>> SeriousAsync(IPage page) =>
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})").ToList();
}
