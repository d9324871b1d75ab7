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
    public void Sample_items_exercise_reading_each_week_as_it_ended()
    {
        var items = Batch.WorkItems;
        var backlog = items.Single(w => w.Summary.StartsWith("Spike: one-click reorder", StringComparison.Ordinal));
        var reopened = items.Single(w => w.Summary.StartsWith("Gift card balance", StringComparison.Ordinal));
        var epic = items.Single(w => w.Type == "Epic");
        var stories = items.Where(w => w.ParentKey == epic.Key).ToList();

        // The sample ends Monday 2026-11-23. Started Tuesday 10-27 and back in To Do on Thursday 10-29 (2026-W44).
        Assert.Equal(WorkItemStatus.ToDo, backlog.StatusCategory);
        Assert.Equal(0, Differs("2026-W44", "work_in_progress", backlog));
        // Done Thursday 10-15 (2026-W42), reopened Tuesday 11-03 (2026-W45) and in progress since.
        Assert.Equal((WorkItemStatus.InProgress, 1), (reopened.StatusCategory, reopened.ReopenedCount));
        Assert.Equal(1, Differs("2026-W42", "work_item_throughput", reopened));
        Assert.Equal(0, Differs("2026-W42", "work_in_progress", reopened));
        Assert.Equal(1, Differs("2026-W45", "work_in_progress", reopened));
        // The epic and its second story were both done on Wednesday 11-11 (2026-W46): only the story counts.
        Assert.True(epic.IsContainer);
        Assert.Equal(2, stories.Count);
        Assert.Equal(0, Differs("2026-W46", "work_item_throughput", epic));
        Assert.Equal(1, Differs("2026-W46", "work_item_throughput", stories.Single(s => s.ResolvedAt > At("2026-11-09 00:00"))));
    }

    /// <summary>How much one item moves a week's figure: the figure with the whole sample minus the figure without the item.</summary>
    private static double Differs(string week, string id, WorkItemRecord item)
    {
        double Value(IReadOnlyList<WorkItemRecord> workItems) =>
            Compute(week, new ActivityBatch { WorkItems = workItems }, new SignalsOptions { JiraProjects = [SampleJiraIssues.Project] }).Signal(id).Value ?? 0;

        return Value(Batch.WorkItems) - Value([.. Batch.WorkItems.Where(w => w != item)]);
    }

    [Fact]
    public void The_digest_of_a_sample_week_shows_the_work_item_signals_and_a_Jira_incident()
    {
        var snapshot = new ActivityBatch
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
            .Compose(report, SignalTrend.From([report]));

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
