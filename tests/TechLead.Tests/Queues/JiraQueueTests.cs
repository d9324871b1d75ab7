using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Jira;
using TechLead.Queues;
using TechLead.Storage;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Jira;

namespace TechLead.Tests.Queues;

/// <summary>The Jira fan-out: the SyncJira job enqueues one message per project, the queue workers sync each against the fake Jira.</summary>
[Collection(StorageCollection.Name)]
public sealed class JiraQueueTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FakeJira _jira = FakeJira.Start();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task The_timer_enqueues_each_project_and_the_workers_store_each_projects_work_items()
    {
        var created = TimeProvider.System.GetUtcNow().AddDays(-3);
        foreach (var project in new[] { "SHOP", "OPS" })
        {
            _jira.AddProject(project);
            for (var i = 1; i <= 3; i++)
            {
                _jira.Add($"{project}-{i}", created.AddHours(i));
            }
        }

        var settings = TestHost.Settings(azurite);
        foreach (var (key, value) in _jira.Settings("SHOP", "OPS"))
        {
            settings[key] = value;
        }

        settings["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix();
        settings["Queues:PollInterval"] = "00:00:00.050";
        using var host = TestHost.Build(settings);

        Assert.Equal(2, await host.Services.GetRequiredService<JiraSyncJob>().EnqueueAsync(CancellationToken.None));
        Assert.DoesNotContain(_jira.Requests, r => r.Path.Contains("/search", StringComparison.Ordinal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.Services.GetRequiredService<QueuePump>().RunUntilEmptyAsync(2, timeout.Token);

        var store = host.Services.GetRequiredService<ActivityStore>();
        foreach (var project in new[] { "SHOP", "OPS" })
        {
            var items = await store.QueryAsync(WorkItemMap.Instance, KeyCodec.Encode(project), null, CancellationToken.None);
            Assert.Equal([$"{project}-1", $"{project}-2", $"{project}-3"], items.Select(w => w.Key).Order(StringComparer.Ordinal));
        }
    }
}
