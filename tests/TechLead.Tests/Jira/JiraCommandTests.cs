using System.Globalization;
using System.Text.Json;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Jira;

/// <summary><c>TechLead.Local sync jira</c> and <c>signals --json</c> as a person runs them, against the fake Jira.</summary>
[Collection(StorageCollection.Name)]
public sealed class JiraCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FakeJira _jira = FakeJira.Start();
    private readonly string _prefix = AzuriteFixture.NewTablePrefix();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task Sync_jira_stores_work_items_and_signals_json_shows_them()
    {
        // Last ISO week, in UTC: three stories and a bug done on its Tuesday, a day after they started; an incident.
        var today = DateTime.UtcNow.Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        var tuesday = new DateTimeOffset(monday.AddDays(1).AddHours(9), TimeSpan.Zero);
        foreach (var (key, type) in new[] { ("SHOP-1", "Story"), ("SHOP-2", "Story"), ("SHOP-3", "Story"), ("SHOP-4", "Bug"), ("SHOP-5", "Incident") })
        {
            _jira.Add(key, tuesday.AddDays(-2), i =>
            {
                i.Type = type;
                i.Moves.AddRange([(tuesday.AddDays(-1), "To Do", "In Progress"), (tuesday, "In Progress", "Done")]);
                i.ResolutionDate = tuesday;
            });
        }

        var sync = await RunAsync(_jira.Settings("SHOP"), "sync", "jira");

        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Contains("SHOP: synced; read 5 issues, stored 5 work items", sync.StdOut, StringComparison.Ordinal);
        Assert.Contains("jira (cloud, user time zone Europe/Amsterdam): 1 of 1 projects synced", sync.StdOut, StringComparison.Ordinal);

        var week = $"{ISOWeek.GetYear(monday)}-W{ISOWeek.GetWeekOfYear(monday):00}";
        var signals = await RunAsync(_jira.Settings("SHOP"), "signals", "--week", week, "--json");

        Assert.True(signals.ExitCode == 0, signals.ToString());
        using var json = JsonDocument.Parse(signals.StdOut);
        var byId = json.RootElement.GetProperty("signals").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s);
        Assert.Equal(5, byId["work_item_throughput"].GetProperty("value").GetDouble());
        Assert.Equal(24, byId["work_item_cycle_time"].GetProperty("value").GetDouble(), 6);
        Assert.Equal(0.6, byId["flow_distribution"].GetProperty("value").GetDouble(), 6);
        Assert.Equal("work_items", byId["flow_distribution"].GetProperty("category").GetString());
    }

    [Fact]
    public async Task Rejected_credentials_fail_the_command_with_a_message_naming_the_settings()
    {
        _jira.Add("SHOP-1", DateTimeOffset.UtcNow.AddDays(-1));
        var settings = _jira.Settings("SHOP");
        settings["Jira:ApiToken"] = "Xq7-not-the-token";

        var result = await RunAsync(settings, "sync", "jira");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SHOP: FAILED", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Jira rejected the credentials (401 Unauthorized): check Jira:Email and Jira:ApiToken", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Xq7-not-the-token", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_site_the_command_says_which_settings_it_needs()
    {
        var result = await RunAsync(new Dictionary<string, string?>(), "sync", "jira");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Jira:BaseUrl", result.StdErr, StringComparison.Ordinal);
    }

    private Task<LocalRunResult> RunAsync(Dictionary<string, string?> settings, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = _prefix,
            ["Team__Name"] = "Jira team",
            ["Team__TimeZone"] = "UTC",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        return LocalRunner.RunAsync(environment, Path.GetTempPath(), arguments);
    }
}
