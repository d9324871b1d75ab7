using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Jira;
using TechLead.Signals;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Jira;

public sealed class JiraSettingsAndParsingTests
{
    [Theory]
    [InlineData("2026-03-02T14:05:00.000+0100", "2026-03-02T13:05:00Z")]
    [InlineData("2026-03-02T14:05:00.000-0530", "2026-03-02T19:35:00Z")]
    [InlineData("2026-03-02T14:05:00.123+0000", "2026-03-02T14:05:00.123Z")]
    [InlineData("2026-03-02T14:05:00Z", "2026-03-02T14:05:00Z")]
    [InlineData("2026-03-02T14:05:00.000+01:00", "2026-03-02T13:05:00Z")]
    public void Jira_times_are_read_exactly_and_kept_in_UTC(string jira, string utc)
    {
        var parsed = JiraTime.Parse(jira);

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Missing_or_unreadable_times_are_null(string? jira) => Assert.Null(JiraTime.Parse(jira));

    [Fact]
    public void JQL_dates_are_written_in_the_Jira_users_zone_at_minute_precision()
    {
        var instant = new DateTimeOffset(2026, 7, 1, 22, 30, 59, TimeSpan.Zero);

        Assert.Equal("2026-07-02 00:30", JiraTime.ToJql(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
        Assert.Equal("2026-07-01 22:30", JiraTime.ToJql(instant, JiraTime.Zone(null)));
    }

    [Fact]
    public void ADF_becomes_capped_plain_text_and_its_links_are_kept()
    {
        var adf = JsonSerializer.Deserialize<JsonElement>(JiraTestHost.Adf("Long text here.", "a link", "https://example.com/x", "https://github.com/o/r/pull/5").ToJsonString());

        var (text, links) = AdfText.Extract(adf, maxLength: 20);

        Assert.Equal(20, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.Equal(["https://example.com/x", "https://github.com/o/r/pull/5"], links);
    }

    [Fact]
    public void The_old_Signals_JiraProjects_setting_is_still_read_and_the_report_names_the_new_one()
    {
        var settings = Settings();
        settings["Signals:JiraProjects:0"] = "SHOP";

        using var host = TestHost.Build(settings);
        var signalSettings = host.Services.GetRequiredService<SignalSettings>();

        Assert.Equal(["SHOP"], signalSettings.JiraProjects);
        Assert.True(signalSettings.LegacyJiraProjects);
        Assert.Equal(["SHOP"], host.Services.GetRequiredService<IOptions<JiraOptions>>().Value.ProjectKeys);
    }

    [Fact]
    public void Jira_Projects_wins_over_the_old_setting_and_feeds_the_signals()
    {
        var settings = Settings();
        settings["Signals:JiraProjects:0"] = "OLD";
        settings["Jira:Projects:0"] = "shop";

        using var host = TestHost.Build(settings);
        var signalSettings = host.Services.GetRequiredService<SignalSettings>();

        Assert.Equal(["SHOP"], signalSettings.JiraProjects);
        Assert.False(signalSettings.LegacyJiraProjects);
    }

    [Theory]
    [InlineData("Jira:ApiToken", null, "Setting 'Jira:ApiToken' is empty while Jira:BaseUrl is set")]
    [InlineData("Jira:Projects:0", "SHOP-1", "Setting 'Jira:Projects:0' is 'SHOP-1', which is not a Jira project key")]
    [InlineData("Jira:BaseUrl", "acme.atlassian.net", "Setting 'Jira:BaseUrl' is 'acme.atlassian.net', which is not an http(s) URL")]
    [InlineData("Jira:PersonalAccessToken", "pat", "Setting 'Jira:PersonalAccessToken' is set together with Jira:Email/Jira:ApiToken")]
    [InlineData("Jira:EpicLinkField", "Epic Link", "Setting 'Jira:EpicLinkField' is 'Epic Link', which is not a custom field id")]
    [InlineData("Jira:Mappings:SHPO:ContainerTypes:0", "Epic", "Setting 'Jira:Mappings:SHPO' names a project that is not in Jira:Projects (SHOP)")]
    public void A_bad_Jira_setting_stops_start_up_naming_it(string key, string? value, string expected)
    {
        var settings = Settings();
        settings["Jira:BaseUrl"] = "https://acme.atlassian.net";
        settings["Jira:Email"] = "lead@example.com";
        settings["Jira:ApiToken"] = "secret-token-value";
        settings["Jira:Projects:0"] = "SHOP";
        settings[key] = value;
        if (key == "Jira:ApiToken")
        {
            settings["Jira:Email"] = null;
        }

        var error = Assert.Throws<OptionsValidationException>(() => TestHost.Build(settings).Dispose());

        var problem = Assert.Single(error.Failures);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_project_mappings_override_the_defaults_list_by_list()
    {
        var options = new JiraOptions
        {
            Mappings = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Default"] = new JiraKindMapping { DebtTypes = ["Chore"] },
                ["OPS"] = new JiraKindMapping { IncidentTypes = ["Outage"] },
            },
        };

        Assert.Equal("debt", options.MappingFor("OPS").KindOf("Chore", []));
        Assert.Equal("incident", options.MappingFor("OPS").KindOf("Outage", []));
        Assert.Equal("other", options.MappingFor("SHOP").KindOf("Outage", []));
        Assert.Equal("bug", options.MappingFor("SHOP").KindOf("Bug", []));
        Assert.Equal("other", options.MappingFor("SHOP").KindOf("Tech Debt", [])); // the Default entry replaced the debt types
    }

    [Fact]
    public void Epics_are_containers_by_default_and_a_project_can_list_its_own_or_none()
    {
        var options = new JiraOptions
        {
            Mappings = new(StringComparer.OrdinalIgnoreCase)
            {
                ["OPS"] = new JiraKindMapping { ContainerTypes = ["Initiative", "Epic"] },
                ["WEB"] = new JiraKindMapping { ContainerTypes = [""] }, // Jira:Mappings:WEB:ContainerTypes:0= (empty)
            },
        };

        Assert.True(options.MappingFor("SHOP").IsContainer("epic"));
        Assert.False(options.MappingFor("SHOP").IsContainer("Story"));
        Assert.True(options.MappingFor("OPS").IsContainer("Initiative"));
        Assert.False(options.MappingFor("WEB").IsContainer("Epic"));
        Assert.Equal("feature", options.MappingFor("WEB").KindOf("Epic", [])); // an epic that counts is a feature
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Team:Name"] = "Test team",
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Digest:Recipients:0"] = "lead@example.com",
        ["Smtp:Host"] = "127.0.0.1",
    };
}
