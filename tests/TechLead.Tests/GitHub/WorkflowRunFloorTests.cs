using TechLead.Activity;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

[Collection(GitHubCollection.Name)]
public sealed class WorkflowRunFloorTests(AzuriteFixture azurite) : IDisposable
{
    private const string Quiet = "octo-org/quiet-lib";
    private readonly FakeGitHub _github = FakeGitHub.Start();

    public void Dispose() => _github.Dispose();

    [Fact]
    public async Task A_repository_without_runs_in_the_backfill_window_gets_only_304s_hours_later_until_a_run_arrives()
    {
        var repository = _github.AddRepository(Quiet);
        using var host = new GitHubTestHost(azurite, _github, [Quiet]);
        await host.SyncAsync();

        foreach (var hour in Enumerable.Range(1, 3))
        {
            host.Time.Advance(TimeSpan.FromHours(1));
            _github.ResetRequests();
            var idle = await host.SyncAsync();
            Assert.True(idle.Succeeded);
            // Each resource was asked again (repository, pulls, open pulls, issues, releases, deployments, runs) and each was a free 304.
            Assert.Equal(7, _github.Requests.Count);
            Assert.All(_github.Requests, r => Assert.Equal(304, r.Status));
            Assert.Equal(304, _github.Requests.Single(r => r.Path.EndsWith("/actions/runs", StringComparison.Ordinal)).Status);
        }

        var created = host.Time.GetUtcNow().AddMinutes(-5);
        repository.WorkflowRuns.Add(new FakeWorkflowRun { Id = 77, CreatedAt = created, UpdatedAt = created.AddMinutes(4) });
        _github.ResetRequests();
        await host.SyncAsync();
        Assert.Equal([77L], (await host.StoredAsync(WorkflowRunMap.Instance, Quiet)).Select(r => r.Id));

        host.Time.Advance(TimeSpan.FromHours(1));
        _github.ResetRequests();
        await host.SyncAsync();
        Assert.Equal(304, _github.Requests.Single(r => r.Path.EndsWith("/actions/runs", StringComparison.Ordinal)).Status);
    }
}
