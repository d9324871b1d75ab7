using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Digest;
using TechLead.Digest.Charts;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Signals.Trends;
using static TechLead.Tests.Signals.Timeline;

namespace TechLead.Tests.Jira;

/// <summary>The sample workspace's SHOP project goes through the real Jira mapper, and the digest shows it.</summary>
public sealed class SampleJiraTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly ActivityBatch Batch = new SampleWorkspaceGenerator().Generate(seed: 42, weeks: 12, End);

    [Fact]
    public void Sample_work_items_carry_what_only_the_mapper_derives_from_Jira_JSON()
    {
        var items = Batch.WorkItems;

        Assert.All(items, w => Assert.Equal(TimeSpan.Zero, w.CreatedAt.Offset)); // "+0100" times stored in UTC
        Assert.Contains(items, w => w.Kind == WorkItemKinds.Incident && w.ResolvedAt is not null);
        Assert.Contains(items, w => w.Kind == WorkItemKinds.Debt);
        Assert.Contains(items, w => w.ReopenedCount > 0);
        Assert.Contains(items, w => w.StatusCategory == WorkItemStatus.InProgress && w.InProgressAt is not null);
        Assert.Contains(items, w => w.StatusCategory == WorkItemStatus.ToDo && !w.HasOwner);
        Assert.Contains(items, w => w.LinkedPullRequests.Count == 1 && w.LinkedPullRequests[0].StartsWith("sample-org/", StringComparison.Ordinal));
        Assert.All(items.Where(w => w.InProgressAt is not null && w.ResolvedAt is not null), w => Assert.True(w.InProgressAt <= w.ResolvedAt));
    }

    [Fact]
    public void The_digest_of_a_sample_week_shows_the_work_item_signals_and_a_Jira_incident()
    {
        var snapshot = new ActivitySnapshot
        {
            PullRequests = Batch.PullRequests,
            Deployments = Batch.Deployments,
            Releases = Batch.Releases,
            Issues = Batch.Issues,
            WorkflowRuns = Batch.WorkflowRuns,
            WorkItems = Batch.WorkItems,
        };
        // The sample raises a Jira incident on the Wednesday three weeks before its end: 2026-W45.
        var report = Compute("2026-W45", snapshot, new SignalsOptions { JiraProjects = [SampleJiraIssues.Project] }, "UTC", [.. SampleWorkspaceGenerator.Repositories]);

        var digest = new DigestComposer(new DigestCharts(NullLogger<DigestCharts>.Instance), new DigestLinks(Options.Create(new DigestOptions())))
            .Compose(report, SignalTrendService.From([report]));

        Assert.Contains(">Work items (Jira)</h3>", digest.Html, StringComparison.Ordinal);
        foreach (var id in (string[])["work_item_cycle_time", "work_item_throughput", "flow_distribution"])
        {
            var signal = report.Signal(id);
            Assert.NotNull(signal.Value);
            Assert.Contains($"- {signal.Name}: {signal.Display}", digest.Text, StringComparison.Ordinal);
        }

        Assert.Contains(report.Signal("change_fail_rate").Attributions, a => a.Sources.Contains("jira_incident"));
    }
}
