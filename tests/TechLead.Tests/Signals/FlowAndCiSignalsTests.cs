using TechLead.Activity;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Signals;

/// <summary>PR flow, CI health and review load on hand-made timelines in week 2026-W10 (2026-03-02 to 2026-03-09, UTC).</summary>
public sealed class FlowAndCiSignalsTests
{
    private const double Tolerance = 1e-9;

    private static readonly ActivityBatch FlowTimeline = new()
    {
        PullRequests =
        [
            Pr(1, opened: "2026-03-02 09:00", firstReview: "2026-03-02 11:00", merged: "2026-03-02 15:00", author: "carl") with
            {
                Additions = 100, Deletions = 20, ChangedFiles = 3, ReviewRounds = 2, Reviewers = ["ana.kowalski", "ben.okafor"],
            },
            Pr(2, opened: "2026-03-03 09:00", firstReview: "2026-03-03 10:00", merged: "2026-03-03 12:00", author: "ben.okafor") with
            {
                Additions = 10, ChangedFiles = 1, Reviewers = ["ana.kowalski", "ben.okafor"],
            },
            // Merged with no review at all.
            Pr(3, opened: "2026-03-04 09:00", merged: "2026-03-04 12:00", author: "dana") with { Additions = 300, Deletions = 100, ChangedFiles = 12 },
            Pr(4, opened: "2026-03-04 06:00", firstReview: "2026-03-04 12:30", merged: "2026-03-04 13:00", author: "dependabot[bot]", title: "Bump x from 1.0 to 1.1") with
            {
                AuthorIsBot = true, Additions = 2, Deletions = 2, ChangedFiles = 1, Reviewers = ["ana.kowalski"], Labels = ["dependencies"],
            },
            // Open at the end of the week: idle since 02-25, so stale.
            Pr(5, opened: "2026-02-20 00:00", updated: "2026-02-25 00:00", title: "Old idea"),
            // Open, active two days ago.
            Pr(6, opened: "2026-03-06 10:00", updated: "2026-03-08 00:00"),
            // Open; its last update is after the week, the last activity visible at the week's end is its review on 03-05.
            Pr(7, opened: "2026-03-01 00:00", firstReview: "2026-03-05 00:00", updated: "2026-03-12 00:00"),
            // Closed without merging during the week: not open at its end.
            Pr(8, opened: "2026-03-01 00:00", closed: "2026-03-05 00:00"),
        ],
    };

    [Fact]
    public void Throughput_counts_people_and_bots_and_size_leaves_bots_out()
    {
        var report = Compute("2026-W10", FlowTimeline);

        var merged = report.Signal("prs_merged");
        Assert.Equal(4, merged.Value);
        Assert.Equal(1, merged.Part("by_bots").Value);

        // Lines of people's PRs [120, 10, 400]: median 120, p90 120 + 0.8 * 280 = 344.
        var lines = report.Signal("pr_size_lines");
        Assert.Equal(120, lines.Value);
        Assert.Equal(344, lines.P90!.Value, Tolerance);
        // Files [3, 1, 12]: median 3, p90 3 + 0.8 * 9 = 10.2.
        var files = report.Signal("pr_size_files");
        Assert.Equal(3, files.Value);
        Assert.Equal(10.2, files.P90!.Value, Tolerance);
    }

    [Fact]
    public void Review_signals_show_not_enough_data_below_the_minimum_and_count_unreviewed_merges()
    {
        var report = Compute("2026-W10", FlowTimeline);

        // Two of three people's PRs were reviewed (2 h and 1 h): below the default minimum of 3.
        var firstReview = report.Signal("time_to_first_review");
        Assert.Null(firstReview.Value);
        Assert.Equal("not enough data (2 events)", firstReview.Display);
        Assert.Equal(1.0 / 3, report.Signal("merged_without_review").Value!.Value, Tolerance);

        var withOne = Compute("2026-W10", FlowTimeline, new SignalsOptions { MinimumSample = 1 });
        Assert.Equal(1.5, withOne.Signal("time_to_first_review").Value!.Value, Tolerance);
        // Rounds [2, 1]: median 1.5.
        Assert.Equal(1.5, withOne.Signal("review_rounds").Value!.Value, Tolerance);
    }

    [Fact]
    public void Open_and_stale_pull_requests_are_taken_at_the_end_of_the_week()
    {
        var report = Compute("2026-W10", FlowTimeline);

        // Open at 03-09 00:00: #5 (17 days), #6 (2.6 days), #7 (8 days); #8 closed, the rest merged.
        var open = report.Signal("open_prs");
        Assert.Equal(3, open.Value);
        Assert.Equal(0, open.Part("under_1_day").Value);
        Assert.Equal(1, open.Part("1_to_7_days").Value);
        Assert.Equal(2, open.Part("7_to_30_days").Value);

        // Stale (no activity for 7 days): only #5, idle 12 days. #7's visible activity is 4 days old.
        var stale = report.Signal("stale_prs");
        Assert.Equal(1, stale.Value);
        var item = Assert.Single(stale.Items);
        Assert.Equal("octo/api#5 Old idea", item.Label);
        Assert.Equal(12, item.Value);
    }

    [Fact]
    public void Review_load_concentration_is_the_busiest_reviewers_share_and_names_nobody()
    {
        var report = Compute("2026-W10", FlowTimeline);

        // Reviews: #1 ana and ben, #2 ana (ben is its author), #4 ana: ana 3 of 4.
        var load = report.Signal("review_load_concentration");
        Assert.Equal("team_health", load.Category);
        Assert.Equal(0.75, load.Value);
        Assert.Equal(4, load.SampleSize);
        Assert.Equal(2, load.Part("reviewers").Value);

        // Nothing in the whole report names a person: not this signal, not the stale PRs, not the items.
        var json = SignalJson.Serialize(report);
        Assert.DoesNotContain("kowalski", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("okafor", json, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly ActivityBatch CiTimeline = new()
    {
        WorkflowRuns =
        [
            Run(1, "x1", "2026-03-02 10:00", 10, "success"),
            // Failed, then passed on a rerun of the same commit: flaky.
            Run(2, "x2", "2026-03-03 10:00", 12, "failure"),
            Run(2, "x2", "2026-03-03 10:20", 11, "success", attempt: 2),
            Run(3, "x3", "2026-03-04 10:00", 8, "failure"),
            Run(4, "x4", "2026-03-05 10:00", 2, "cancelled"),
            Run(5, "x5", "2026-03-05 11:00", 30, "failure", branch: "feature/x"),
            Run(6, "x6", "2026-02-20 10:00", 50, "success"),
        ],
        Deployments =
        [
            Deploy("d1", "2026-03-02 12:00", "x1", ["x1"]),
            Deploy("d2", "2026-03-03 12:00", "x2", ["x2"]),
            // No CI run stored for this commit: left out of the share.
            Deploy("d3", "2026-03-04 12:00", "x9", ["x9"]),
        ],
    };

    [Fact]
    public void CI_health_measures_default_branch_runs_of_the_week()
    {
        var report = Compute("2026-W10", CiTimeline, new SignalsOptions { DefaultBranch = "main", MinimumSample = 1 });

        // Durations of runs that passed or failed on main: [10, 12, 11, 8] min -> median 10.5 min, p90 11 + 0.7 * 1 = 11.7 min.
        var duration = report.Signal("ci_duration");
        Assert.Equal(4, duration.SampleSize);
        Assert.Equal(10.5 / 60, duration.Value!.Value, Tolerance);
        Assert.Equal(11.7 / 60, duration.P90!.Value, Tolerance);

        // Last attempts: run 1 passed, run 2 passed on its rerun, run 3 failed; run 4 was cancelled: 1 of 3.
        Assert.Equal(1.0 / 3, report.Signal("ci_failure_rate").Value!.Value, Tolerance);

        // Commits x1..x4 on main; x2 failed and then passed unchanged: 1 of 4.
        var flaky = report.Signal("ci_flaky_reruns");
        Assert.Equal(0.25, flaky.Value);
        Assert.Equal(1, flaky.Part("rerun_commits").Value);

        // Deployments with CI runs: d1 (x1, green) and d2 (x2, red before green): 1 of 2.
        var failingCi = report.Signal("deployments_failing_ci");
        Assert.Equal(0.5, failingCi.Value);
        Assert.Equal(2, failingCi.SampleSize);
    }
}
