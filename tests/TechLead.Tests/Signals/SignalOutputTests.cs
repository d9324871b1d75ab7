using TechLead.Activity;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechLead.Digest;
using TechLead.Digest.Charts;
using TechLead.Signals.Trends;
using TechLead.Signals;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Signals;

/// <summary>What other tools and people read: the JSON interface and the digest.</summary>
public sealed class SignalOutputTests
{
    // The documented interface (docs/signals.md). A change here is a breaking change for scripts.
    internal static readonly string[] ReportFields =
        ["schema_version", "team", "week", "start", "end", "time_zone", "repositories", "is_sample_data", "weekends_excluded", "notes", "signals"];

    internal static readonly string[] SignalFields =
        ["id", "name", "category", "value", "unit", "display", "p90", "previous_4_week_median", "sample_size", "definition", "source", "note",
         "tier", "tier_table", "target", "breakdown", "attributions", "items", "value_text", "unit_text", "baseline_text"];

    internal static readonly string[] AttributionFields =
        ["repository", "deployment_id", "deployed_at", "source", "sources", "evidence", "detected_at", "restored_at", "recovery_hours"];

    internal static readonly string[] SignalIds =
    [
        "deployment_frequency", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time", "deployment_rework_rate",
        "prs_merged", "pr_size_lines", "pr_size_files", "time_to_first_review", "review_rounds", "open_prs", "stale_prs", "merged_without_review",
        "ci_duration", "ci_failure_rate", "ci_flaky_reruns",
        "debt_open_items", "debt_net_change", "debt_without_owner", "debt_accepted", "debt_investment_share", "dependency_update_prs",
        "deployments_failing_ci", "churn_hotspots", "debt_value_effort",
        "review_load_concentration",
    ];

    /// <summary>The work-item signals, shown (after CI health) when Jira:Projects is set.</summary>
    internal static readonly string[] WorkItemSignalIds =
        ["work_item_cycle_time", "work_item_throughput", "work_in_progress", "flow_distribution", "work_item_reopened_share"];

    internal static readonly string[] SignalIdsWithJira =
        [.. SignalIds.TakeWhile(id => id != "debt_open_items"), .. WorkItemSignalIds, .. SignalIds.SkipWhile(id => id != "debt_open_items")];

    private static SignalReport FailureReport() => Compute("2026-W10", new ActivityBatch
    {
        PullRequests =
        [
            Pr(1, opened: "2026-03-02 08:00", merged: "2026-03-02 09:00", sha: "a1", firstCommit: "2026-03-02 07:00"),
            Pr(2, opened: "2026-03-02 12:00", merged: "2026-03-02 13:00", sha: "a2", title: "hotfix: \"quoted\" <b>title</b>"),
        ],
        Deployments = [Deploy("d0", "2026-02-25 10:00", "a0", ["a0"]), Deploy("d1", "2026-03-02 10:00", "a1", ["a1"]), Deploy("d2", "2026-03-02 14:00", "a2", ["a2"])],
    }, new SignalsOptions { MinimumSample = 1 });

    [Fact]
    public void The_JSON_has_the_documented_fields_for_every_signal()
    {
        using var document = JsonDocument.Parse(SignalJson.Serialize(FailureReport()));
        var root = document.RootElement;

        Assert.Equal(ReportFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("2026-W10", root.GetProperty("week").GetString());
        var signals = root.GetProperty("signals").EnumerateArray().ToList();
        Assert.Equal(SignalIds, signals.Select(s => s.GetProperty("id").GetString()));
        Assert.All(signals, s => Assert.Equal(SignalFields, s.EnumerateObject().Select(p => p.Name)));

        var failRate = signals.Single(s => s.GetProperty("id").GetString() == "change_fail_rate");
        Assert.Equal(0.5, failRate.GetProperty("value").GetDouble());
        Assert.Equal(("50%", JsonValueKind.Null), (failRate.GetProperty("value_text").GetString(), failRate.GetProperty("unit_text").ValueKind));
        var attribution = Assert.Single(failRate.GetProperty("attributions").EnumerateArray());
        Assert.Equal(AttributionFields, attribution.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hotfix", attribution.GetProperty("source").GetString());
        Assert.Equal(4, attribution.GetProperty("recovery_hours").GetDouble());
        Assert.Equal(["tier", "range"], failRate.GetProperty("tier_table").GetProperty("rows")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Not_enough_data_is_a_null_value_in_JSON_never_zero()
    {
        using var document = JsonDocument.Parse(SignalJson.Serialize(Compute("2026-W10", new ActivityBatch())));

        var frequency = document.RootElement.GetProperty("signals").EnumerateArray().First(s => s.GetProperty("id").GetString() == "deployment_frequency");
        Assert.Equal(JsonValueKind.Null, frequency.GetProperty("value").ValueKind);
        Assert.Equal("not enough data (0 events)", frequency.GetProperty("display").GetString());
    }

    [Fact]
    public void The_JSON_reads_back_into_the_same_report()
    {
        var report = FailureReport();

        var roundTrip = SignalJson.Deserialize(SignalJson.Serialize(report))!;

        Assert.Equal(report.Week, roundTrip.Week);
        Assert.Equal(report.Signals.Select(s => (s.Id, s.Value, s.Display)), roundTrip.Signals.Select(s => (s.Id, s.Value, s.Display)));
        Assert.Equal(report.Signal("change_fail_rate").Attributions, roundTrip.Signal("change_fail_rate").Attributions, new AttributionComparer());
    }

    [Fact]
    public void The_digest_groups_every_signal_by_category_and_says_what_numbers_cannot_tell()
    {
        var report = FailureReport();

        var digest = new DigestComposer(new DigestCharts(NullLogger<DigestCharts>.Instance), new DigestLinks(Options.Create(new DigestOptions())))
            .Compose(report, SignalTrend.From([report]));

        // Categories without signals (work items when no Jira project is set) are left out.
        foreach (var (_, title) in SignalCategories.All.Where(c => report.InCategory(c.Id).Any()))
        {
            Assert.Contains($">{title}</h3>", digest.Html, StringComparison.Ordinal);
            Assert.Contains(title, digest.Text, StringComparison.Ordinal);
        }

        Assert.True(digest.Html.IndexOf("Delivery (DORA)", StringComparison.Ordinal) < digest.Html.IndexOf("Tech debt", StringComparison.Ordinal));
        foreach (var signal in report.Signals)
        {
            Assert.Contains($"- {signal.Name}: {signal.Display}", digest.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Deployment frequency", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Change lead time", digest.Html, StringComparison.Ordinal);
        Assert.Contains("What these numbers cannot tell", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Performance levels", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Failed: octo/api d1 (hotfix", digest.Text, StringComparison.Ordinal);
        // A PR title is data: it is encoded, never markup.
        Assert.DoesNotContain("<b>title</b>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;title&lt;/b&gt;", digest.Html, StringComparison.Ordinal);
    }

    private sealed class AttributionComparer : IEqualityComparer<FailureAttribution>
    {
        public bool Equals(FailureAttribution? x, FailureAttribution? y) =>
            x is not null && y is not null && x.DeploymentId == y.DeploymentId && x.Source == y.Source && x.Sources.SequenceEqual(y.Sources)
            && x.DeployedAt == y.DeployedAt && x.RecoveryHours == y.RecoveryHours;

        public int GetHashCode(FailureAttribution obj) => obj.DeploymentId.GetHashCode(StringComparison.Ordinal);
    }
}
