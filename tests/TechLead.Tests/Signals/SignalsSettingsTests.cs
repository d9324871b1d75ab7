using TechLead.Activity;
using TechLead.Signals;

namespace TechLead.Tests.Signals;

public sealed class SignalsSettingsTests
{
    [Fact]
    public void Every_bad_setting_is_reported_by_its_name_with_an_example()
    {
        var options = new SignalsOptions
        {
            DefaultDeploymentSource = "ftp",
            Repositories =
            [
                new RepositorySignalOptions { Name = "not-a-repository" },
                new RepositorySignalOptions { Name = "octo/api", DeploymentSource = "tags" },
                new RepositorySignalOptions { Name = "Octo/API" },
            ],
            HotfixPattern = "(unclosed",
            FailureWindowHours = 0,
            MinimumSample = 0,
            DebtInvestmentTarget = 20,
        };

        var result = new SignalsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        string[] settings =
        [
            "Signals:DefaultDeploymentSource", "Signals:Repositories:0:Name", "Signals:Repositories:1:DeploymentSource",
            "Signals:Repositories:2:Name", "Signals:HotfixPattern", "Signals:FailureWindowHours", "Signals:MinimumSample",
            "Signals:DebtInvestmentTarget",
        ];
        Assert.Equal(settings.Length, failures.Count);
        foreach (var setting in settings)
        {
            Assert.Contains(failures, f => f.Contains($"'{setting}'", StringComparison.Ordinal) && f.Contains("Example:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_defaults_are_valid_and_match_the_documentation()
    {
        Assert.True(new SignalsOptionsValidator().Validate(null, new SignalsOptions()).Succeeded);

        var settings = SignalSettings.Default;
        var repository = RepositoryName.Parse("octo/api");
        Assert.Equal("deployments", settings.DeploymentSource(repository));
        Assert.Equal(TimeSpan.FromHours(48), settings.FailureWindow);
        Assert.Equal(TimeSpan.FromDays(30), settings.MaxShippingDelay);
        Assert.Equal(3, settings.MinimumSample);
        Assert.Equal(0.2, settings.DebtInvestmentTarget);
        Assert.Contains("incident", settings.IncidentLabels);
        Assert.Contains("tech-debt", settings.DebtLabels);
        Assert.Contains("accepted", settings.AcceptedDebtLabels);
    }

    [Theory]
    [InlineData("hotfix: null check", "fix/card", true)]
    [InlineData("Fix rounding", "hotfix/rounding", true)]
    [InlineData("HOTFIX totals", "x", true)]
    [InlineData("Add hotfixes page", "feature/hotfixes-page", false)]
    [InlineData("Fix rounding", "fix/rounding", false)]
    public void The_default_hotfix_pattern_matches_the_word_hotfix_in_title_or_branch(string title, string branch, bool expected)
    {
        var pr = new PullRequestRecord
        {
            Repository = RepositoryName.Parse("octo/api"),
            Number = 1,
            Title = title,
            HeadBranch = branch,
            Author = "dev",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Origin = Origins.GitHub,
        };

        Assert.Equal(expected, SignalSettings.Default.IsHotfix(pr));
    }

    [Fact]
    public void Configured_lists_replace_the_defaults()
    {
        var settings = SignalSettings.From(new SignalsOptions { IncidentLabels = ["outage"], DebtLabels = ["debt", "cleanup"] });

        Assert.Equal(["outage"], settings.IncidentLabels);
        Assert.True(settings.IsDebt(["Cleanup"]));
        Assert.False(settings.IsDebt(["tech-debt"]));
    }

    [Fact]
    public void A_hotfix_pattern_that_backtracks_without_end_still_classifies_pull_requests_on_a_busy_machine()
    {
        // Nested quantifiers: a backtracking engine tries every split of the long run of h's before it gives up, and
        // a time-out (a busy machine reaches it even on harmless patterns) would fail the whole signal computation.
        var settings = SignalSettings.From(new SignalsOptions { HotfixPattern = "^(h|hh)+$" });

        Assert.False(settings.IsHotfix(PullRequest(new string('h', 64) + "!")));
        Assert.True(settings.IsHotfix(PullRequest("hhh")));
    }

    private static PullRequestRecord PullRequest(string title) => new()
    {
        Repository = RepositoryName.Parse("octo/api"),
        Number = 1,
        Title = title,
        HeadBranch = "main",
        Author = "dev",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Origin = Origins.GitHub,
    };
}
