using TechLead.Activity;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Signals;

/// <summary>Weeks in the team's time zone across a DST change, and the three deployment sources.</summary>
public sealed class CalendarAndSourceTests
{
    private const double Tolerance = 1e-9;

    // Europe/Amsterdam leaves summer time on Sunday 2026-10-25 at 03:00 CEST (UTC+2) -> 02:00 CET (UTC+1).
    // ISO week 2026-W43 is Monday 19 October to Sunday 25 October, local time.
    private const string Amsterdam = "Europe/Amsterdam";

    [Fact]
    public void Weeks_are_bucketed_at_local_midnight_across_the_end_of_summer_time()
    {
        var snapshot = new ActivityBatch
        {
            Deployments =
            [
                Deploy("sunday-before", "2026-10-18T21:30:00Z", "a"),   // Sunday 18th 23:30 CEST: week 42
                Deploy("monday-start", "2026-10-18T22:30:00Z", "b"),    // Monday 19th 00:30 CEST: week 43 (UTC still says Sunday)
                Deploy("sunday-late", "2026-10-25T22:30:00Z", "c"),     // Sunday 25th 23:30 CET: week 43 (a fixed UTC+2 would say Monday)
                Deploy("monday-after", "2026-10-25T23:30:00Z", "d"),    // Monday 26th 00:30 CET: week 44
            ],
        };

        var report = Compute("2026-W43", snapshot, timeZone: Amsterdam);

        Assert.Equal(At("2026-10-18T22:00:00Z"), report.Start);
        Assert.Equal(At("2026-10-25T23:00:00Z"), report.End);
        Assert.Equal(169, (report.End - report.Start).TotalHours);
        var frequency = report.Signal("deployment_frequency");
        Assert.Equal(2, frequency.Value);
        Assert.Equal("2 deployments on 2 days", frequency.Display);
    }

    [Fact]
    public void An_excluded_weekend_across_the_DST_change_is_49_hours_long()
    {
        var snapshot = new ActivityBatch
        {
            // Friday 23 October: first commit 09:00 CEST, merged 17:00 CEST; deployed Monday 26 October 09:00 CET.
            PullRequests = [Pr(1, firstCommit: "2026-10-23T07:00:00Z", opened: "2026-10-23T08:00:00Z", firstReview: "2026-10-23T10:00:00Z", merged: "2026-10-23T15:00:00Z", sha: "f1")],
            Deployments = [Deploy("d0", "2026-10-20T10:00:00Z", "d0", ["d0"]), Deploy("d1", "2026-10-26T08:00:00Z", "f1", ["f1"])],
        };

        var leadTime = Compute("2026-W44", snapshot, new SignalsOptions { ExcludeWeekends = true, MinimumSample = 1 }, Amsterdam).Signal("change_lead_time");

        // Elapsed 07:00Z Friday -> 08:00Z Monday = 73 h; the local weekend (Saturday 24 h + Sunday 25 h) is 49 h: 24 h left.
        Assert.Equal(24, leadTime.Value!.Value, Tolerance);
        // Merge 17:00 Friday -> 09:00 Monday local: 7 h on Friday + 9 h on Monday = 16 h.
        Assert.Equal(16, leadTime.Part("deploy").Value!.Value, Tolerance);
    }

    [Fact]
    public void Deployment_sources_are_chosen_per_repository()
    {
        var options = new SignalsOptions
        {
            MinimumSample = 1,
            Repositories =
            [
                new RepositorySignalOptions { Name = "octo/api", DeploymentSource = "releases" },
                new RepositorySignalOptions { Name = "octo/web", DeploymentSource = "merges", DefaultBranch = "main" },
            ],
        };
        var snapshot = new ActivityBatch
        {
            PullRequests =
            [
                Pr(1, firstCommit: "2026-03-03 08:00", opened: "2026-03-03 09:00", merged: "2026-03-03 10:00", sha: "a1"),
                Pr(7, opened: "2026-03-02 09:00", merged: "2026-03-02 10:00", sha: "w7", repository: Web),
                Pr(8, opened: "2026-03-04 09:00", merged: "2026-03-04 10:00", sha: "w8", repository: Web),
                // Into a release branch: not a deployment of a repository that deploys on merge to main.
                Pr(9, opened: "2026-03-04 09:00", merged: "2026-03-04 11:00", sha: "w9", repository: Web) with { BaseBranch = "release/1.x" },
            ],
            Releases =
            [
                new ReleaseRecord { Repository = Api, Tag = "v1.0.0", PublishedAt = At("2026-02-20 10:00"), TargetSha = "main", Origin = Origins.GitHub },
                new ReleaseRecord { Repository = Api, Tag = "v1.1.0-draft", PublishedAt = At("2026-03-03 12:00"), IsDraft = true, Origin = Origins.GitHub },
                new ReleaseRecord { Repository = Api, Tag = "v1.1.0-rc.1", PublishedAt = At("2026-03-04 10:00"), IsPrerelease = true, Origin = Origins.GitHub },
                new ReleaseRecord { Repository = Api, Tag = "v1.1.0", PublishedAt = At("2026-03-05 10:00"), TargetSha = "main", Origin = Origins.GitHub },
            ],
            // Ignored: octo/api takes its deployments from releases.
            Deployments = [Deploy("api-deploy", "2026-03-03 11:00", "a1", ["a1"])],
        };

        var report = Compute("2026-W10", snapshot, options, "UTC", Api, Web);

        var frequency = report.Signal("deployment_frequency");
        Assert.Equal(3, frequency.Value);
        Assert.Equal(1, frequency.Part("source_releases").Value);
        Assert.Equal(2, frequency.Part("source_merges").Value);
        var leadTime = report.Signal("change_lead_time");
        // api#1: the draft and the prerelease do not count, so it ships with v1.1.0: 08:00 03-03 -> 10:00 03-05 = 50 h, deploy part 48 h.
        // web#7 and web#8 deploy at their merge: lead time 1 h each (no first commit known: from opened), deploy part 0.
        Assert.Equal(3, leadTime.SampleSize);
        Assert.Equal(1, leadTime.Value!.Value, Tolerance);
        Assert.Equal(0, leadTime.Part("deploy").Value!.Value, Tolerance);
        // Deploy parts [0, 0, 48]: p90 rank 1.8 -> 0.8 * 48 = 38.4.
        Assert.Equal(38.4, leadTime.Part("deploy").P90!.Value, Tolerance);
    }
}
