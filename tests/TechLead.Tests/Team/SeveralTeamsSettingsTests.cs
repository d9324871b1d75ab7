using TechLead.Hosting;
using TechLead.Team;
using TechLead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Tests.Team;

/// <summary>Teams:N:* in one deployment: each team's settings checked at start-up, Team:* still one team.</summary>
public sealed class SeveralTeamsSettingsTests
{
    [Fact]
    public void Two_teams_start_without_Team_Name_and_keep_their_own_zones_repositories_and_recipients()
    {
        using var host = TestHost.Build(TwoTeams());
        var teams = host.Services.GetRequiredService<TeamDirectory>();

        Assert.Equal(["Payments", "Search"], teams.All.Select(t => t.Name));
        var search = teams.Find("search")!;
        Assert.Equal("America/New_York", search.Calendar.TimeZone.Id);
        Assert.True(search.Includes(Activity.RepositoryName.Parse("octo-org/search-api")));
        Assert.False(search.Includes(Activity.RepositoryName.Parse("octo-org/payments-api")));
        Assert.Equal(["SRCH"], search.JiraProjects);
        Assert.Equal(["search-lead@example.com"], search.Recipients);
        Assert.Null(teams.Find("Billing"));
        // Where no team is named (SBI's "today", the sample), the first team's calendar applies.
        Assert.Equal("Payments", host.Services.GetRequiredService<TeamCalendar>().TeamName);
    }

    [Fact]
    public void Without_Teams_the_single_team_reads_every_repository_and_Digest_Recipients()
    {
        using var host = TestHost.Build(new Dictionary<string, string?>(Base) { ["Team:Name"] = "Payments", ["Digest:Recipients:0"] = "lead@example.com" });
        var team = Assert.Single(host.Services.GetRequiredService<TeamDirectory>().All);

        Assert.Equal("Payments", team.Name);
        Assert.True(team.Includes(Activity.RepositoryName.Parse("any-org/any-repo")));
        Assert.Null(team.JiraProjects);
        Assert.Empty(team.Recipients);
    }

    [Fact]
    public void The_single_team_takes_the_same_settings_as_one_of_several_and_they_are_checked_the_same_way()
    {
        var settings = new Dictionary<string, string?>(Base)
        {
            ["Team:Name"] = "Payments",
            ["Team:Repositories:0"] = "octo-org/payments-api",
            ["Team:JiraProjects:0"] = "pay",
            ["Team:Recipients:0"] = "payments-lead@example.com",
        };
        using (var host = TestHost.Build(settings))
        {
            var team = Assert.Single(host.Services.GetRequiredService<TeamDirectory>().All);
            Assert.False(team.Includes(Activity.RepositoryName.Parse("octo-org/search-api")));
            Assert.True(team.Includes(Activity.RepositoryName.Parse("octo-org/payments-api")));
            Assert.Equal(["PAY"], team.JiraProjects);
            Assert.Equal(["payments-lead@example.com"], team.Recipients);
        }

        settings["GitHub:Token"] = "test-token";
        settings["GitHub:Repositories:0"] = "octo-org/checkout-api";
        settings["Team:Recipients:0"] = "payments-lead";

        var problems = Problems(settings);

        Assert.Contains(problems, p => p.StartsWith("Setting 'Team:Repositories:0' is 'octo-org/payments-api', which GitHub:Repositories does not list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting 'Team:Recipients:0' is 'payments-lead', which is not an e-mail address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Teams:1:Name", "payments", "Setting 'Teams:1:Name' is 'payments', which an earlier team already uses")]
    [InlineData("Teams:1:TimeZone", "America/New_Yrok", "Setting 'Teams:1:TimeZone' is 'America/New_Yrok', which is not an IANA time zone")]
    [InlineData("Teams:1:Repositories:0", "search-api", "Setting 'Teams:1:Repositories:0' is 'search-api', which is not owner/name")]
    [InlineData("Teams:1:Recipients:0", "search-lead", "Setting 'Teams:1:Recipients:0' is 'search-lead', which is not an e-mail address")]
    [InlineData("Teams:0:Name", "", "Setting 'Teams:0:Name' is required")]
    public void A_bad_team_setting_stops_start_up_naming_it(string key, string value, string expected)
    {
        var settings = TwoTeams();
        settings[key] = value;

        var problem = Assert.Single(Problems(settings));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Contains("Example: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_team_without_repositories_is_refused()
    {
        var settings = TwoTeams();
        settings.Remove("Teams:1:Repositories:0");

        Assert.StartsWith("Setting 'Teams:1:Repositories' is empty", Assert.Single(Problems(settings)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_team_without_recipients_needs_Digest_Recipients()
    {
        var settings = TwoTeams();
        settings.Remove("Teams:0:Recipients:0");

        var problem = Assert.Single(Problems(settings));
        Assert.StartsWith("Setting 'Digest:Recipients' is empty and team 'Payments' has no Teams:0:Recipients", problem, StringComparison.Ordinal);

        settings["Digest:Recipients:0"] = "everyone@example.com";
        using var host = TestHost.Build(settings);
    }

    [Fact]
    public void A_team_repository_or_project_that_nothing_syncs_is_refused_with_the_line_to_add()
    {
        var settings = TwoTeams();
        settings["GitHub:Token"] = "test-token";
        settings["GitHub:Repositories:0"] = "octo-org/payments-api";
        settings["Jira:BaseUrl"] = "https://example.atlassian.net";
        settings["Jira:Email"] = "bot@example.com";
        settings["Jira:ApiToken"] = "test-token";
        settings["Jira:Projects:0"] = "PAY";

        var problems = Problems(settings);

        Assert.Contains(problems, p => p.StartsWith("Setting 'Teams:1:Repositories:0' is 'octo-org/search-api', which GitHub:Repositories does not list", StringComparison.Ordinal)
            && p.Contains("Example: GitHub:Repositories:1=octo-org/search-api", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting 'Teams:1:JiraProjects:0' is 'srch', which Jira:Projects does not list", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    private static readonly Dictionary<string, string?> Base = new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Smtp:Host"] = "smtp.example.com",
        ["Smtp:Port"] = "587",
    };

    private static Dictionary<string, string?> TwoTeams() => new(Base)
    {
        ["Teams:0:Name"] = "Payments",
        ["Teams:0:TimeZone"] = "Europe/Amsterdam",
        ["Teams:0:Repositories:0"] = "octo-org/payments-api",
        ["Teams:0:JiraProjects:0"] = "PAY",
        ["Teams:0:Recipients:0"] = "payments-lead@example.com",
        ["Teams:1:Name"] = "Search",
        ["Teams:1:TimeZone"] = "America/New_York",
        ["Teams:1:Repositories:0"] = "octo-org/search-api",
        ["Teams:1:JiraProjects:0"] = "srch",
        ["Teams:1:Recipients:0"] = "search-lead@example.com",
    };

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings) => TestHost.StartupProblems(settings);
}
