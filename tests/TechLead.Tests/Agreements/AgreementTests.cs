using TechLead.Agreements;
using TechLead.Signals;
using TechLead.Team;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Agreements;

/// <summary>Working agreements: checked at start-up against the signal catalogue, and kept or broken per closed week.</summary>
public sealed class AgreementTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] agreement)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Team:Name"] = "Payments",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Digest:Recipients:0"] = "lead@example.com",
            ["Smtp:Host"] = "127.0.0.1",
        };
        foreach (var (key, value) in agreement)
        {
            settings[$"Team:Agreements:0:{key}"] = value;
        }

        return settings;
    }

    [Fact]
    public void An_unknown_signal_stops_start_up_naming_the_setting_and_the_signals_there_are()
    {
        var problem = Assert.Single(TestHost.StartupProblems(Settings(("Signal", "time_to_first_reviw"), ("Max", "24"), ("Unit", "hours"))));

        Assert.StartsWith("Setting 'Team:Agreements:0:Signal' is 'time_to_first_reviw', which is not a signal", problem, StringComparison.Ordinal);
        Assert.Contains("time_to_first_review", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_that_does_not_fit_the_signal_names_the_units_that_do()
    {
        var problem = Assert.Single(TestHost.StartupProblems(Settings(("Signal", "ci_failure_rate"), ("Max", "10"), ("Unit", "hours"))));

        Assert.StartsWith("Setting 'Team:Agreements:0:Unit' is 'hours', which does not fit ci_failure_rate (measured in ratio); it is one of percent, ratio", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agreement_without_min_or_max_and_one_per_team_of_several_are_both_reported()
    {
        var settings = Settings(("Signal", "pr_size_lines"), ("Statistic", "p90"), ("Unit", "lines"));
        settings.Remove("Team:Name");
        settings["Teams:0:Name"] = "Search";
        settings["Teams:0:Repositories:0"] = "octo-org/search";
        settings["Teams:0:Agreements:0:Signal"] = "deployment_frequency";
        settings["Teams:0:Agreements:0:Statistic"] = "p90";
        settings["Teams:0:Agreements:0:Min"] = "x";
        settings["Teams:0:Agreements:0:Unit"] = "deployments/week";

        var problems = TestHost.StartupProblems(settings);

        // Team:* is ignored when Teams lists teams, so only the several-teams agreement is checked.
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Setting 'Teams:0:Agreements:0:Statistic' is 'p90'; deployment_frequency has no p90", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting 'Teams:0:Agreements:0:Min' is 'x', which is not a number", StringComparison.Ordinal));
        Assert.Single(TestHost.StartupProblems(Settings(("Signal", "pr_size_lines"), ("Statistic", "p90"), ("Unit", "lines"))),
            p => p.StartsWith("Setting 'Team:Agreements:0:Max' and Min are both missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Percent_agreements_compare_with_the_ratio_the_report_holds_and_say_how_far_off_in_points()
    {
        var agreement = Agreement("debt_investment_share", min: "20", unit: "percent");

        // 2 of 10 merged PRs were debt work: exactly the 20% agreed, which keeps it.
        Assert.True(agreement.Keeps(2.0 / 10));
        Assert.False(agreement.Keeps(1.0 / 9));
        Assert.Equal("8.89 percentage points under", agreement.Gap(1.0 / 9)); // 20 - 11.11 = 8.89
        Assert.Equal("Tech-debt investment share at least 20%", agreement.Description);
    }

    [Fact]
    public void A_status_says_since_when_weeks_without_data_neither_break_nor_end_a_run_and_what_it_was_before()
    {
        var agreement = Agreement("pr_size_lines", max: "400", unit: "lines", statistic: "p90");
        // p90 per week, W40..W46: kept, kept, broken, no data, broken, broken.
        var reports = Reports((40, 380), (41, 400), (42, 401), (43, null), (44, 779.2), (45, 539.4));

        var status = AgreementEvaluator.Evaluate(agreement, reports);

        Assert.Equal(AgreementState.Broken, status.State);
        Assert.Equal("2026-W42", status.Since);
        Assert.False(status.SinceAtLeast);
        Assert.Equal(3, status.WeeksInState);
        Assert.Equal(AgreementState.Kept, status.PreviousState);
        Assert.Equal("p90 539.4 lines, 139.4 lines over", status.Detail);
        Assert.Equal("broken since 2026-W42", status.SinceText);
    }

    [Fact]
    public void A_run_that_reaches_back_past_the_weeks_looked_at_is_since_at_least_the_first_of_them()
    {
        var agreement = Agreement("time_to_first_review", max: "1", unit: "days");
        var reports = Reports((44, 30), (45, 25), (46, 24.5));

        var status = AgreementEvaluator.Evaluate(agreement, reports);

        Assert.Equal(AgreementState.Broken, status.State);
        Assert.True(status.SinceAtLeast);
        Assert.Equal("broken since at least 2026-W44", status.SinceText);
        Assert.Null(status.PreviousState);
        Assert.Equal("1.02 days, 0.02 days over", status.Detail); // 24.5 h = 1.0208 days; 0.5 h over = 0.0208 days
        Assert.Equal("Time to first review at most 1 day", agreement.Description);
    }

    private static Agreement Agreement(string signal, string? min = null, string? max = null, string unit = "", string? statistic = null)
    {
        var problems = new TechLead.Hosting.SettingProblems();
        var agreement = TechLead.Agreements.Agreement.TryCreate("Payments", "Team:Agreements:0", new AgreementSettings { Signal = signal, Min = min, Max = max, Unit = unit, Statistic = statistic }, problems);
        Assert.True(problems.ToResult().Succeeded, string.Join("\n", problems.ToResult().Failures ?? []));
        return agreement!;
    }

    /// <summary>Weekly reports of 2026 holding the one signal the agreements in this file read, as p90 and value alike.</summary>
    private static List<SignalReport> Reports(params (int Week, double? Value)[] weeks) => weeks.Select(w => new SignalReport
    {
        Team = "Payments",
        Week = new IsoWeek(2026, w.Week).ToString(),
        Start = DateTimeOffset.UnixEpoch,
        End = DateTimeOffset.UnixEpoch,
        TimeZone = "UTC",
        Repositories = [],
        IsSampleData = false,
        Signals = SignalCatalog.All.Select(s => new SignalValue
        {
            Id = s.Id, Name = s.Name, Category = s.Category, Unit = s.Unit, Value = w.Value, P90 = w.Value, Display = "", SampleSize = 5, Definition = "", Source = "",
        }).ToList(),
    }).ToList();
}
