using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TechLead.Chat;
using TechLead.Sample;
using TechLead.Team;
using TechLead.Tests.Digest;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Chat;

/// <summary>
/// The Teams cards rendered by Microsoft's own Adaptive Cards renderer (the <c>adaptivecards</c> npm package, pinned in
/// package-lock.json) in headless Chromium at 400 px, a narrow Teams channel: no parse or validation error or warning,
/// and no text cut off. Every run writes .artifacts/chat-teams-*.png; with TECHLEAD_WRITE_SCREENSHOTS=1 also
/// docs/images/chat-teams-summary.png and chat-teams-agreement.png.
/// </summary>
[Collection(DigestCollection.Name)]
public sealed class TeamsCardRenderingTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private const int Width = 400;

    /// <summary>Parses, validates and renders a card; answers the renderer's events and the elements whose content is cut off.</summary>
    private const string Render = """
        text => {
          const json = JSON.parse(text);
          const context = new AdaptiveCards.SerializationContext();
          const card = new AdaptiveCards.AdaptiveCard();
          card.parse(json, context);
          const events = [];
          for (let i = 0; i < context.eventCount; i++) { const e = context.getEventAt(i); events.push(`parse: ${e.message}`); }
          const validation = card.validateProperties();
          for (const e of validation.validationEvents) events.push(`validate: ${e.message}`);
          const element = card.render();
          if (!element) return { events: [...events, 'render: nothing rendered'], cut: [], version: '', width: 0 };
          document.getElementById('card').appendChild(element);
          const cut = [...element.querySelectorAll('*')]
            .filter(e => e.clientWidth > 0 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) && getComputedStyle(e).overflow !== 'visible')
            .map(e => `${e.tagName}.${e.className}: ${(e.textContent || '').slice(0, 60)}`);
          return { events, cut, version: card.version.toString(), width: document.documentElement.scrollWidth };
        }
        """;

    [Fact]
    public async Task Each_teams_card_renders_in_microsofts_renderer_at_400_px_without_errors_warnings_or_cut_off_text()
    {
        var settings = TestHost.Settings(azurite);
        settings["Jira:Projects:0"] = "SHOP";
        settings["Digest:DashboardUrl"] = "https://techlead.example/";
        (string Key, string Value)[] agreements =
        [
            ("0:Signal", "time_to_first_review"), ("0:Max", "24"), ("0:Unit", "hours"),
            ("1:Signal", "pr_size_lines"), ("1:Statistic", "p90"), ("1:Max", "400"), ("1:Unit", "lines"),
            ("2:Signal", "debt_investment_share"), ("2:Min", "20"), ("2:Unit", "percent"),
        ];
        foreach (var (key, value) in agreements)
        {
            settings[$"Team:Agreements:{key}"] = value;
        }

        using var host = TestHost.Build(settings, DigestSampleWeek.Time());
        await host.Services.GetRequiredService<SampleSyncJob>().SyncAsync(CancellationToken.None);
        await TechLead.Local.Commands.DemoCommand.DraftSampleAsync(host.Services, CancellationToken.None);
        var team = host.Services.GetRequiredService<TeamDirectory>().Default;
        await TechLead.Tests.Agreements.AgreementsShownTests.MarkDigestSentAsync(host.Services, team.Name, "2026-W46");
        var messages = (await host.Services.GetRequiredService<NotifyJob>().ComposeAsync(team, IsoWeek.Parse("2026-W46"), dryRun: true, CancellationToken.None))
            .Where(m => m.Channel.Kind == ChatChannelKind.Teams).ToList();
        Assert.Contains(messages, m => m.Kind == ChatKinds.WeeklySummary);
        Assert.Contains(messages, m => m.Kind == ChatKinds.AgreementBroken);

        var artifacts = Path.Combine(RepoPaths.Root, ".artifacts");
        Directory.CreateDirectory(artifacts);
        var written = new HashSet<string>();
        foreach (var message in messages)
        {
            var page = await browser.NewPageAsync(Width, 800);
            await page.SetContentAsync("<!doctype html><html><head><meta charset=\"utf-8\"><style>body{margin:0;font-family:'Segoe UI',system-ui,sans-serif}#card{padding:8px}</style></head><body><div id=\"card\"></div></body></html>");
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(RepoPaths.Root, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js") });
            var card = message.Payload["attachments"]![0]!["content"]!.ToJsonString();

            var result = await page.EvaluateAsync<JsonElement>(Render, card);

            var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(events.Count == 0, $"{message.Kind}: {string.Join("\n", events)}");
            var cut = result.GetProperty("cut").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(cut.Count == 0, $"{message.Kind}: cut off: {string.Join("\n", cut)}");
            Assert.Equal("1.5", result.GetProperty("version").GetString());
            Assert.True(result.GetProperty("width").GetInt32() <= Width, $"{message.Kind} is wider than {Width} px");

            var name = $"chat-teams-{message.Kind}.png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, name), FullPage = true });
            var docs = message.Kind switch { ChatKinds.WeeklySummary => "chat-teams-summary.png", ChatKinds.AgreementBroken => "chat-teams-agreement.png", _ => null };
            if (docs is not null && written.Add(docs) && Environment.GetEnvironmentVariable("TECHLEAD_WRITE_SCREENSHOTS") == "1")
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "docs", "images", docs), FullPage = true });
            }

            await page.Context.CloseAsync();
        }
    }
}
