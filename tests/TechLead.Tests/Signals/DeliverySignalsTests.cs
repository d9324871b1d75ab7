using TechLead.Activity;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Signals;

/// <summary>DORA's five metrics on hand-made timelines. Week 2026-W10 runs Monday 2026-03-02 to Monday 2026-03-09 (UTC).</summary>
public sealed class DeliverySignalsTests
{
    private const double Tolerance = 1e-9;

    // A deployment before the week shows tracking began earlier.
    private static readonly ActivityBatch LeadTimeTimeline = new()
    {
        PullRequests =
        [
            // Squash merge: its only commit on main is s1, shipped by d1 whose head is s1.
            Pr(1, firstCommit: "2026-03-02 09:00", opened: "2026-03-02 12:00", firstReview: "2026-03-02 14:00", merged: "2026-03-02 16:00", sha: "s1"),
            // Merge commit m2, a draft for an hour, shipped by d2 whose head is another commit (s3).
            Pr(2, firstCommit: "2026-03-01 10:00", opened: "2026-03-02 10:00", ready: "2026-03-02 11:00", firstReview: "2026-03-03 11:00", merged: "2026-03-03 13:00", sha: "m2"),
            Pr(3, firstCommit: "2026-03-03 08:00", opened: "2026-03-03 09:00", firstReview: "2026-03-03 10:00", merged: "2026-03-03 12:00", sha: "s3"),
        ],
        Deployments =
        [
            Deploy("d0", "2026-02-20 10:00", "old", ["old"]),
            Deploy("d1", "2026-03-03 12:30", "s1", ["s1"]),
            // Lists the commits it shipped: m2 is in it although its head is s3.
            Deploy("d2", "2026-03-04 10:00", "s3", ["m2", "s3"]),
        ],
    };

    [Fact]
    public void Lead_time_runs_from_first_commit_to_the_first_deployment_containing_the_merge_commit_for_squash_and_merge_commits()
    {
        var report = Compute("2026-W10", LeadTimeTimeline);
        var leadTime = report.Signal("change_lead_time");

        // PR1: 03-02 09:00 -> d1 03-03 12:30 = 27.5 h; PR2: 03-01 10:00 -> d2 03-04 10:00 = 72 h; PR3: 03-03 08:00 -> d2 = 26 h.
        Assert.Equal(3, leadTime.SampleSize);
        Assert.Equal(27.5, leadTime.Value!.Value, Tolerance);
        // p90 of [26, 27.5, 72]: rank 0.9 * 2 = 1.8, so 27.5 + 0.8 * (72 - 27.5) = 63.1.
        Assert.Equal(63.1, leadTime.P90!.Value, Tolerance);
        Assert.Equal("high", leadTime.Tier);
        Assert.Same(DoraTiers.ChangeLeadTime, leadTime.TierTable);
        Assert.Contains("DORA 2024", leadTime.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Lead_time_splits_into_coding_pickup_review_and_deploy()
    {
        var leadTime = Compute("2026-W10", LeadTimeTimeline).Signal("change_lead_time");

        // Coding (first commit -> ready): PR1 3 h, PR2 25 h (draft time counts as coding), PR3 1 h -> median 3.
        Assert.Equal(3, leadTime.Part("coding").Value!.Value, Tolerance);
        // Pickup (ready -> first review): 2 h, 24 h, 1 h -> median 2.
        Assert.Equal(2, leadTime.Part("pickup").Value!.Value, Tolerance);
        // Review (first review -> merge): 2 h each.
        Assert.Equal(2, leadTime.Part("review").Value!.Value, Tolerance);
        // Deploy (merge -> deployment): 20.5 h, 21 h, 22 h -> median 21.
        Assert.Equal(21, leadTime.Part("deploy").Value!.Value, Tolerance);
        Assert.All(leadTime.Breakdown, p => Assert.Equal(3, p.SampleSize));
    }

    [Fact]
    public void Excluding_weekends_removes_the_Sunday_hours_of_the_change_that_started_on_Sunday()
    {
        var leadTime = Compute("2026-W10", LeadTimeTimeline, new SignalsOptions { ExcludeWeekends = true }).Signal("change_lead_time");

        // PR2 began Sunday 10:00: the 14 Sunday hours leave its lead time (72 -> 58 h) and its coding time (25 -> 11 h).
        // Sorted [26, 27.5, 58]: median 27.5, p90 27.5 + 0.8 * 30.5 = 51.9.
        Assert.Equal(27.5, leadTime.Value!.Value, Tolerance);
        Assert.Equal(51.9, leadTime.P90!.Value, Tolerance);
        // Coding [3, 11, 1]: p90 rank 1.8 -> 3 + 0.8 * 8 = 9.4.
        Assert.Equal(9.4, leadTime.Part("coding").P90!.Value, Tolerance);
    }

    [Fact]
    public void A_first_commit_dated_after_the_PR_was_opened_counts_as_no_coding_time_not_negative_time()
    {
        var snapshot = new ActivityBatch
        {
            // Rebased: the first commit's date is an hour after the PR was opened.
            PullRequests = [Pr(30, firstCommit: "2026-03-02 10:00", opened: "2026-03-02 09:00", firstReview: "2026-03-02 11:00", merged: "2026-03-02 12:00", sha: "r30")],
            Deployments = [Deploy("d0", "2026-02-25 10:00", "x", ["x"]), Deploy("d1", "2026-03-02 13:00", "r30", ["r30"])],
        };

        var leadTime = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 }).Signal("change_lead_time");

        // 10:00 -> 13:00 = 3 h; coding 0 (not -1); pickup 09:00 -> 11:00 = 2 h; review 1 h; deploy 1 h.
        Assert.Equal(3, leadTime.Value!.Value, Tolerance);
        Assert.Equal(0, leadTime.Part("coding").Value!.Value, Tolerance);
        Assert.Equal(2, leadTime.Part("pickup").Value!.Value, Tolerance);
    }

    [Fact]
    public void A_first_deployment_does_not_sweep_up_pull_requests_merged_before_tracking_began()
    {
        var snapshot = new ActivityBatch
        {
            PullRequests =
            [
                // Merged two months before the first deployment ever recorded.
                Pr(10, opened: "2026-01-09 10:00", merged: "2026-01-10 10:00"),
                // Merged two days before the first recorded deployment: it may have shipped in an untracked one.
                Pr(11, opened: "2026-03-01 10:00", merged: "2026-03-02 10:00"),
                // Merged after tracking began: first deployment after its merge is d2.
                Pr(12, firstCommit: "2026-03-04 08:00", opened: "2026-03-04 09:00", merged: "2026-03-04 12:00"),
            ],
            // These deployments do not list their commits: each ships everything merged before it.
            Deployments = [Deploy("d1", "2026-03-04 10:00", "head-1"), Deploy("d2", "2026-03-05 10:00", "head-2")],
        };

        var leadTime = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 }).Signal("change_lead_time");

        // Only PR12 counts: 03-04 08:00 -> d2 03-05 10:00 = 26 h. Without the bound d1 would report PR10 at 54 days.
        Assert.Equal(1, leadTime.SampleSize);
        Assert.Equal(26, leadTime.Value!.Value, Tolerance);
        Assert.Contains("(2 this week)", leadTime.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_that_names_the_commit_ships_it_even_when_merged_before_the_first_tracked_deployment()
    {
        var snapshot = new ActivityBatch
        {
            PullRequests = [Pr(20, firstCommit: "2026-03-01 12:00", opened: "2026-03-02 08:00", merged: "2026-03-02 10:00", sha: "c20")],
            Deployments = [Deploy("d1", "2026-03-03 10:00", "c20", ["c20"])],
        };

        var leadTime = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 }).Signal("change_lead_time");

        // 03-01 12:00 -> 03-03 10:00 = 46 h.
        Assert.Equal(46, leadTime.Value!.Value, Tolerance);
    }

    /// <summary>
    /// d1 is reverted, d2 gets an incident and a hotfix (it fails once), d4 gets an incident with no fix PR,
    /// d3 and d5 are fine; d1b and d2b ship the revert and the hotfix.
    /// </summary>
    internal static readonly ActivityBatch FailureTimeline = new()
    {
        PullRequests =
        [
            Pr(10, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "a10", title: "Add export"),
            Pr(13, opened: "2026-03-02 15:00", merged: "2026-03-02 16:00", sha: "a13", title: "Revert \"Add export\"") with { RevertsNumber = 10 },
            Pr(11, opened: "2026-03-03 08:00", merged: "2026-03-03 09:00", sha: "a11"),
            Pr(14, opened: "2026-03-03 12:00", merged: "2026-03-03 13:00", sha: "a14", title: "hotfix: null check in checkout"),
            Pr(12, opened: "2026-03-04 08:00", merged: "2026-03-04 09:00", sha: "a12"),
            Pr(15, opened: "2026-03-05 08:00", merged: "2026-03-05 09:00", sha: "a15"),
            Pr(16, opened: "2026-03-07 08:00", merged: "2026-03-07 08:30", sha: "a16"),
        ],
        Deployments =
        [
            Deploy("d1", "2026-03-02 10:00", "a10", ["a10"]),
            Deploy("d1b", "2026-03-02 17:00", "a13", ["a13"]),
            Deploy("d2", "2026-03-03 10:00", "a11", ["a11"]),
            Deploy("d2b", "2026-03-03 14:00", "a14", ["a14"]),
            Deploy("d3", "2026-03-04 10:00", "a12", ["a12"]),
            Deploy("d4", "2026-03-05 10:00", "a15", ["a15"]),
            Deploy("d5", "2026-03-07 09:00", "a16", ["a16"]),
            Deploy("failed-rollout", "2026-03-06 10:00", "a16", ["a16"], status: "failure"),
        ],
        Issues =
        [
            Issue(500, "2026-03-03 11:00", ["incident", "sev2"], closed: "2026-03-03 15:00"),
            Issue(502, "2026-03-05 20:00", ["incident"], closed: "2026-03-07 10:00"),
            // Not an incident: a bug report after d3.
            Issue(503, "2026-03-04 11:00", ["bug"]),
        ],
    };

    [Fact]
    public void Change_fail_rate_counts_each_failed_deployment_once_and_names_what_attributed_it()
    {
        var report = Compute("2026-W10", FailureTimeline);
        var failRate = report.Signal("change_fail_rate");

        // 7 successful deployments (the failed rollout is not one); d1, d2 and d4 failed.
        Assert.Equal(7, failRate.SampleSize);
        Assert.Equal(3.0 / 7, failRate.Value!.Value, Tolerance);
        Assert.Equal("42.9% (3 of 7 deployments)", failRate.Display);
        Assert.Null(failRate.Tier);
        Assert.Same(DoraTiers.ChangeFailRate, failRate.TierTable);

        var byDeployment = failRate.Attributions.ToDictionary(a => a.DeploymentId);
        Assert.Equal(["d1", "d2", "d4"], byDeployment.Keys.Order());
        Assert.Equal("revert", byDeployment["d1"].Source);
        Assert.Contains("#13 Revert", byDeployment["d1"].Evidence, StringComparison.Ordinal);
        // The incident (11:00) came before the hotfix PR (12:00): it is the primary source; both are listed.
        Assert.Equal("incident_issue", byDeployment["d2"].Source);
        Assert.Equal(["incident_issue", "hotfix"], byDeployment["d2"].Sources);
        Assert.Equal("incident_issue", byDeployment["d4"].Source);
    }

    [Fact]
    public void Recovery_time_runs_to_the_deployment_that_shipped_the_fix_or_the_next_one_after_the_incident()
    {
        var report = Compute("2026-W10", FailureTimeline);
        var recovery = report.Signal("failed_deployment_recovery_time");
        var attributions = report.Signal("change_fail_rate").Attributions.ToDictionary(a => a.DeploymentId);

        // d1 10:00 -> d1b 17:00 = 7 h; d2 10:00 -> d2b (hotfix) 14:00 = 4 h; d4 03-05 10:00 -> d5 03-07 09:00 = 47 h.
        Assert.Equal(7, attributions["d1"].RecoveryHours!.Value, Tolerance);
        Assert.Equal(4, attributions["d2"].RecoveryHours!.Value, Tolerance);
        Assert.Equal(47, attributions["d4"].RecoveryHours!.Value, Tolerance);
        Assert.Equal(3, recovery.SampleSize);
        Assert.Equal(7, recovery.Value!.Value, Tolerance);
        // p90 of [4, 7, 47]: 7 + 0.8 * 40 = 39.
        Assert.Equal(39, recovery.P90!.Value, Tolerance);
        Assert.Equal("high or medium", recovery.Tier);
    }

    [Fact]
    public void Rework_rate_is_the_share_of_deployments_that_shipped_a_hotfix_or_a_revert()
    {
        var rework = Compute("2026-W10", FailureTimeline).Signal("deployment_rework_rate");

        // d1b shipped the revert, d2b the hotfix: 2 of 7.
        Assert.Equal(2.0 / 7, rework.Value!.Value, Tolerance);
        Assert.Equal(7, rework.SampleSize);
        Assert.Equal(2, rework.Items.Count);
        Assert.Contains("DORA 2024", rework.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_frequency_counts_deployments_and_deployment_days()
    {
        var frequency = Compute("2026-W10", FailureTimeline).Signal("deployment_frequency");

        // Monday (d1, d1b), Tuesday (d2, d2b), Wednesday, Thursday, Saturday: 7 deployments on 5 days.
        Assert.Equal(7, frequency.Value);
        Assert.Equal("7 deployments on 5 days", frequency.Display);
        Assert.Equal(5, frequency.Part("deployment_days").Value);
        Assert.Equal("elite", frequency.Tier);
    }

    [Theory]
    [InlineData("2026-03-04 09:59", true)]
    [InlineData("2026-03-04 10:01", false)]
    public void An_incident_counts_only_within_the_failure_window_after_the_deployment(string openedAt, bool failed)
    {
        var snapshot = new ActivityBatch
        {
            PullRequests = [Pr(1, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "a1")],
            Deployments = [Deploy("d1", "2026-03-02 10:00", "a1", ["a1"])],
            Issues = [Issue(9, openedAt, ["incident"])],
        };

        // The default window is 48 hours: Monday 10:00 to Wednesday 10:00.
        var failRate = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 }).Signal("change_fail_rate");

        Assert.Equal(failed ? 1 : 0, failRate.Value);
        Assert.Equal(failed ? 1 : 0, failRate.Attributions.Count);
    }

    [Fact]
    public void A_revert_of_a_change_that_never_shipped_is_not_a_deployment_failure()
    {
        var snapshot = new ActivityBatch
        {
            PullRequests =
            [
                Pr(1, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "a1"),
                Pr(2, opened: "2026-03-02 09:30", merged: "2026-03-02 09:45", sha: "a2", title: "Revert \"Change\"") with { RevertsNumber = 1 },
            ],
            // The deployment ships both: the change and its revert went out together.
            Deployments = [Deploy("d0", "2026-02-27 10:00", "x", ["x"]), Deploy("d1", "2026-03-02 10:00", "a2", ["a1", "a2"])],
        };

        var report = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 });

        Assert.Equal(0, report.Signal("change_fail_rate").Value);
        Assert.Equal(0, report.Signal("deployment_rework_rate").Value);
    }

    [Fact]
    public void A_Jira_incident_is_charged_to_the_teams_latest_deployment_in_any_repository()
    {
        var snapshot = new ActivityBatch
        {
            PullRequests = [Pr(1, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "a1"), Pr(2, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "w2", repository: Web)],
            Deployments = [Deploy("api-1", "2026-03-02 10:00", "a1", ["a1"]), Deploy("web-1", "2026-03-02 12:00", "w2", ["w2"], repository: Web)],
            WorkItems = [WorkItem("SHOP-7", "Incident", "2026-03-02 13:00")],
        };

        var failRate = Compute("2026-W10", snapshot, new SignalsOptions { MinimumSample = 1 }, "UTC", Api, Web).Signal("change_fail_rate");

        var attribution = Assert.Single(failRate.Attributions);
        Assert.Equal("web-1", attribution.DeploymentId);
        Assert.Equal("jira_incident", attribution.Source);
        Assert.Equal(0.5, failRate.Value);
    }

    [Fact]
    public void A_week_without_deployments_shows_zero_deployments_and_not_enough_data_for_the_rest()
    {
        var snapshot = new ActivityBatch
        {
            PullRequests = [Pr(1, opened: "2026-02-24 08:00", merged: "2026-02-24 09:00", sha: "a1"), Pr(2, opened: "2026-03-10 08:00", merged: "2026-03-10 09:00", sha: "a2")],
            Deployments = [Deploy("d1", "2026-02-25 10:00", "a1", ["a1"]), Deploy("d2", "2026-03-11 10:00", "a2", ["a2"])],
        };

        var report = Compute("2026-W10", snapshot);

        var frequency = report.Signal("deployment_frequency");
        Assert.Equal(0, frequency.Value);
        Assert.Equal("0 deployments on 0 days", frequency.Display);
        // No deployment this week, one in the four weeks before: "between once per week and once per month".
        Assert.Equal("medium", frequency.Tier);
        foreach (var id in new[] { "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time", "deployment_rework_rate" })
        {
            var signal = report.Signal(id);
            Assert.Null(signal.Value);
            Assert.Equal("not enough data (0 events)", signal.Display);
        }
    }

    [Fact]
    public void Without_any_deployment_data_deployment_frequency_says_not_enough_data_instead_of_zero()
    {
        var frequency = Compute("2026-W10", new ActivityBatch()).Signal("deployment_frequency");

        Assert.Null(frequency.Value);
        Assert.Equal("not enough data (0 events)", frequency.Display);
        Assert.Null(frequency.Tier);
    }

    [Fact]
    public void Fewer_changes_than_the_minimum_sample_show_not_enough_data_with_the_count()
    {
        var snapshot = LeadTimeTimeline with { PullRequests = LeadTimeTimeline.PullRequests.Take(2).ToArray() };

        var leadTime = Compute("2026-W10", snapshot).Signal("change_lead_time");

        Assert.Null(leadTime.Value);
        Assert.Null(leadTime.P90);
        Assert.Equal(2, leadTime.SampleSize);
        Assert.Equal("not enough data (2 events)", leadTime.Display);
    }

    [Fact]
    public void The_trend_is_the_median_of_the_four_weeks_before()
    {
        // One deployment in W06, two in W07, none in W08, four in W09; the report's week W10 has one.
        string[] days = ["2026-02-03", "2026-02-10", "2026-02-11", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-03-03"];
        var snapshot = new ActivityBatch
        {
            Deployments = days.Select((d, i) => Deploy($"d{i}", $"{d} 10:00", $"s{i}", [$"s{i}"])).ToArray(),
        };

        var frequency = Compute("2026-W10", snapshot).Signal("deployment_frequency");

        // Weeks before: [4, 0, 2, 1] -> median (1 + 2) / 2 = 1.5.
        Assert.Equal(1, frequency.Value);
        Assert.Equal(1.5, frequency.Previous4WeekMedian);
    }
}
