using TechLead.Activity;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Signals;

/// <summary>Tech-debt signals at the end of week 2026-W10 (Monday 2026-03-09 00:00 UTC).</summary>
public sealed class TechDebtSignalsTests
{
    private const double Tolerance = 1e-9;
    private static readonly string[] Debt = ["tech-debt"];

    private static readonly ActivityBatch DebtTimeline = new()
    {
        Issues =
        [
            Issue(1, "2025-09-01 00:00", Debt, hasOwner: false, title: "Split OrderService"),
            Issue(2, "2026-02-01 00:00", ["tech-debt", "value:3", "effort:3"], title: "Remove old flag"),
            Issue(3, "2026-03-03 00:00", Debt, title: "Added this week"),
            Issue(4, "2026-01-10 00:00", Debt, closed: "2026-03-04 00:00"),
            Issue(5, "2026-01-20 00:00", Debt, closed: "2026-03-05 00:00"),
            Issue(6, "2025-12-01 00:00", ["tech-debt", "accepted"], hasOwner: false, title: "Legacy report generator"),
            Issue(7, "2026-02-16 00:00", Debt, closed: "2026-02-25 00:00"),
            Issue(9, "2026-02-10 00:00", ["tech-debt", "Value: 4", "effort:2"], title: "Retry loop"),
            // Not debt.
            Issue(8, "2026-03-03 00:00", ["incident"]),
            Issue(10, "2025-10-01 00:00", ["bug"]),
        ],
        WorkItems =
        [
            WorkItem("SHOP-1", "Tech Debt", "2026-02-20 00:00", resolved: "2026-03-04 00:00"),
            WorkItem("SHOP-2", "Story", "2026-02-20 00:00", resolved: "2026-03-04 00:00"),
            WorkItem("SHOP-3", "Story", "2026-02-21 00:00", resolved: "2026-03-05 00:00"),
            WorkItem("SHOP-4", "Tech Debt", "2026-03-02 00:00", resolved: "2026-03-06 00:00"),
        ],
        PullRequests =
        [
            Pr(20, opened: "2026-03-02 08:00", merged: "2026-03-02 10:00") with { Labels = Debt, Files = ["src/a.cs", "src/b.cs"] },
            Pr(21, opened: "2026-03-03 08:00", merged: "2026-03-03 10:00") with { Files = ["src/a.cs"] },
            Pr(22, opened: "2026-02-10 08:00", merged: "2026-02-10 10:00") with { Files = ["src/a.cs", "src/c.cs"] },
            Pr(23, opened: "2026-03-04 08:00", merged: "2026-03-04 10:00"),
            Pr(24, opened: "2026-03-05 08:00", merged: "2026-03-05 10:00"),
            Pr(25, opened: "2026-03-06 08:00", merged: "2026-03-06 10:00"),
            // Dependency updates: two open at the week's end, one merged.
            Pr(30, opened: "2026-02-23 00:00", author: "dependabot[bot]", title: "Bump Polly from 8.1 to 8.2") with { AuthorIsBot = true, Files = ["Directory.Packages.props"] },
            Pr(31, opened: "2026-03-06 00:00", author: "renovate[bot]", title: "Update vite") with { AuthorIsBot = true },
            Pr(32, opened: "2026-03-02 00:00", merged: "2026-03-03 00:00", author: "dependabot[bot]") with { AuthorIsBot = true, Files = ["Directory.Packages.props"] },
        ],
    };

    [Fact]
    public void Open_items_leave_out_accepted_ones_and_show_their_age()
    {
        var report = Compute("2026-W10", DebtTimeline);

        // Open at 03-09, not accepted: #1 (189 days), #2 (36 days), #3 (6 days), #9 (27 days).
        var open = report.Signal("debt_open_items");
        Assert.Equal(4, open.Value);
        Assert.Equal(2, open.Part("under_30_days").Value);
        Assert.Equal(1, open.Part("30_to_90_days").Value);
        Assert.Equal(0, open.Part("90_to_180_days").Value);
        Assert.Equal(1, open.Part("over_180_days").Value);
        Assert.Equal("octo/api#1 Split OrderService", open.Items[0].Label);
        Assert.Equal("open 189 days, no owner", open.Items[0].Detail);

        Assert.Equal(1, report.Signal("debt_without_owner").Value);
        var accepted = report.Signal("debt_accepted");
        Assert.Equal(1, accepted.Value);
        Assert.Equal("octo/api#6 Legacy report generator", Assert.Single(accepted.Items).Label);
    }

    [Fact]
    public void Added_minus_resolved_has_a_four_week_net_and_a_trend()
    {
        var net = Compute("2026-W10", DebtTimeline).Signal("debt_net_change");

        // This week: added #3 and SHOP-4; resolved #4, #5, SHOP-1 and SHOP-4: 2 - 4 = -2.
        Assert.Equal(-2, net.Value);
        Assert.Equal("-2 (2 added, 4 resolved)", net.Display);
        // W09: #7 resolved (-1); W08: #7 and SHOP-1 added (+2); W07: #9 added (+1); W06: nothing (0).
        // The last four weeks (W07..W10): 1 + 2 - 1 - 2 = 0. The weeks before W10: [-1, 2, 1, 0] -> median 0.5.
        Assert.Equal(0, net.Part("net_last_4_weeks").Value);
        Assert.Equal(0.5, net.Previous4WeekMedian);
    }

    [Fact]
    public void Investment_share_compares_debt_work_with_the_target()
    {
        var share = Compute("2026-W10", DebtTimeline).Signal("debt_investment_share");

        // People's PRs merged this week: #20 (tech-debt), #21, #23, #24, #25: 1 of 5. Bots' PRs are left out.
        Assert.Equal(0.2, share.Value!.Value, Tolerance);
        Assert.Equal(0.2, share.Target);
        Assert.Equal("20% (1 of 5 merged PRs), target 20%", share.Display);
        // Resolved Jira items this week: SHOP-1 and SHOP-4 are debt, SHOP-2 and SHOP-3 are not: 2 of 4.
        Assert.Equal(0.5, share.Part("jira_items").Value);

        var higherTarget = Compute("2026-W10", DebtTimeline, new SignalsOptions { DebtInvestmentTarget = 0.3 }).Signal("debt_investment_share");
        Assert.Equal(0.3, higherTarget.Target);
    }

    [Fact]
    public void Dependency_updates_open_at_the_end_of_the_week_with_their_age()
    {
        var updates = Compute("2026-W10", DebtTimeline).Signal("dependency_update_prs");

        // #30 open 14 days, #31 open 3 days; #32 was merged.
        Assert.Equal(2, updates.Value);
        Assert.Equal(8.5, updates.Part("median_age_days").Value!.Value, Tolerance);
        Assert.Equal(14, updates.Part("oldest_age_days").Value!.Value, Tolerance);
        Assert.StartsWith("octo/api#30 Bump Polly", updates.Items[0].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_hotspots_count_files_changed_by_peoples_PRs_over_five_weeks()
    {
        var hotspots = Compute("2026-W10", DebtTimeline).Signal("churn_hotspots");

        // src/a.cs in #20, #21 and #22 (W07); src/b.cs and src/c.cs once; bots' Directory.Packages.props left out.
        Assert.Equal(3, hotspots.Value);
        Assert.Equal(3, hotspots.SampleSize);
        Assert.Equal("octo/api: src/a.cs", hotspots.Items[0].Label);
        Assert.Equal(3, hotspots.Items[0].Value);
        Assert.DoesNotContain(hotspots.Items, i => i.Label.Contains("Directory.Packages.props", StringComparison.Ordinal));
    }

    [Fact]
    public void Items_rated_for_value_and_effort_are_ranked_by_value_over_effort()
    {
        var ranked = Compute("2026-W10", DebtTimeline).Signal("debt_value_effort");

        // #9: value 4 / effort 2 = 2; #2: 3 / 3 = 1.
        Assert.Equal(2, ranked.Value);
        Assert.Equal(["octo/api#9 Retry loop", "octo/api#2 Remove old flag"], ranked.Items.Select(i => i.Label));
        Assert.Equal(2, ranked.Items[0].Value);
    }

    [Fact]
    public void Without_debt_labels_in_use_the_backlog_signals_say_not_enough_data_and_name_the_setting()
    {
        var report = Compute("2026-W10", DebtTimeline with { Issues = [], WorkItems = [] });

        var open = report.Signal("debt_open_items");
        Assert.Null(open.Value);
        Assert.Equal("not enough data (0 events)", open.Display);
        Assert.Contains("Signals:DebtLabels", open.Note, StringComparison.Ordinal);
    }
}
