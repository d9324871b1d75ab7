using System.Text.Json;
using TechLead.Activity;
using TechLead.Sample;

namespace TechLead.Tests.Sample;

public sealed class SampleWorkspaceGeneratorTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly ActivityBatch _batch = new SampleWorkspaceGenerator().Generate(seed: 42, weeks: 12, End);

    [Fact]
    public void The_same_seed_gives_the_same_workspace_row_for_row()
    {
        var again = new SampleWorkspaceGenerator().Generate(seed: 42, weeks: 12, End);

        Assert.Equal(JsonSerializer.Serialize(_batch), JsonSerializer.Serialize(again));
    }

    [Fact]
    public void Another_seed_gives_another_workspace()
    {
        var other = new SampleWorkspaceGenerator().Generate(seed: 7, weeks: 12, End);

        Assert.NotEqual(JsonSerializer.Serialize(_batch), JsonSerializer.Serialize(other));
    }

    [Fact]
    public void It_covers_three_repositories_and_twelve_weeks_and_is_all_labelled_sample()
    {
        Assert.Equal(3, _batch.PullRequests.Select(p => p.Repository).Distinct().Count());
        Assert.True(_batch.PullRequests.Min(p => p.CreatedAt) < End.AddDays(-7 * 12 + 3));
        Assert.True(_batch.PullRequests.Max(p => p.CreatedAt) > End.AddDays(-7));
        Assert.All(_batch.PullRequests, p => Assert.Equal(Origins.Sample, p.Origin));
        Assert.All(_batch.Deployments, d => Assert.Equal(Origins.Sample, d.Origin));
        Assert.All(_batch.WorkItems, w => Assert.Equal(Origins.Sample, w.Origin));
    }

    [Fact]
    public void It_has_the_events_the_signals_need()
    {
        Assert.Contains(_batch.PullRequests, p => p.RevertsNumber is not null && p.Title.StartsWith("Revert \"", StringComparison.Ordinal));
        Assert.Contains(_batch.PullRequests, p => p.Labels.Contains("hotfix") && p.IsMerged);
        Assert.Contains(_batch.Issues, i => i.Labels.Contains("incident"));
        Assert.Contains(_batch.Issues, i => i.Labels.Contains("tech-debt") && i.State == "open");
        Assert.Contains(_batch.Issues, i => i.Labels.Contains("tech-debt") && i.State == "closed");
        Assert.Contains(_batch.PullRequests, p => p.AuthorIsBot && p.Labels.Contains("dependencies"));
        Assert.Contains(_batch.WorkflowRuns, r => r.Attempt == 2);
        Assert.Equal(3, _batch.AdrFiles.Count);
        Assert.NotEmpty(_batch.WorkItems);
        Assert.NotEmpty(_batch.Releases);
        Assert.All(_batch.Deployments, d => Assert.NotEmpty(d.IncludedShas));
    }

    [Fact]
    public void Weekends_are_quiet()
    {
        var human = _batch.PullRequests.Where(p => !p.AuthorIsBot).ToList();
        var weekend = human.Count(p => p.CreatedAt.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        Assert.True(weekend < human.Count * 0.05, $"{weekend} of {human.Count} PRs opened at weekends");
        Assert.DoesNotContain(_batch.Deployments, d => d.DeployedAt.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void Cycle_times_are_skewed_like_real_ones()
    {
        var hours = _batch.PullRequests.Where(p => p.IsMerged && !p.AuthorIsBot)
            .Select(p => (p.MergedAt!.Value - p.CreatedAt).TotalHours).Order().ToArray();
        var median = hours[hours.Length / 2];
        var p90 = hours[(int)(hours.Length * 0.9)];

        Assert.True(hours.Average() > median, "the mean is pulled up by a long tail");
        Assert.True(p90 > 3 * median, $"p90 {p90:0.0} h vs median {median:0.0} h");
    }

    [Fact]
    public void Every_deployment_ships_only_changes_merged_before_it()
    {
        var mergedAt = _batch.PullRequests.Where(p => p.MergeCommitSha is not null).ToDictionary(p => p.MergeCommitSha!, p => p.MergedAt!.Value);

        Assert.All(_batch.Deployments, d => Assert.All(d.IncludedShas, sha => Assert.True(mergedAt[sha] < d.DeployedAt)));
        Assert.All(_batch.Deployments, d => Assert.True(d.DeployedAt < End));
    }
}
