using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TechLead.Activity;
using TechLead.GitHub;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

/// <summary>GitHub sync tests share one Azurite and run in parallel with other collections.</summary>
[CollectionDefinition(Name)]
public sealed class GitHubCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "GitHub";
}

/// <summary>
/// A fake clock that jumps forward whenever code waits on it: a 60-second rate-limit wait takes no real time,
/// and <see cref="Waits"/> shows what was waited.
/// </summary>
public sealed class AutoAdvancingTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_waits)
            {
                _waits.Add(dueTime);
            }

            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}

/// <summary>A host with the product's real composition, pointed at a fake GitHub and a fresh set of tables.</summary>
public sealed class GitHubTestHost : IDisposable
{
    /// <summary>"Now" in every GitHub test: a Monday noon, UTC.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;

    public GitHubTestHost(AzuriteFixture azurite, FakeGitHub github, string[] repositories, IDictionary<string, string?>? extra = null, string? tablePrefix = null)
    {
        Time = new AutoAdvancingTime(Now);
        TablePrefix = tablePrefix ?? AzuriteFixture.NewTablePrefix();
        var settings = TestHost.Settings(azurite, TablePrefix);
        foreach (var (key, value) in github.Settings(repositories))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        _host = TestHost.Build(settings, Time, services => services.AddFakeLogging());
    }

    public AutoAdvancingTime Time { get; }

    public string TablePrefix { get; }

    public IServiceProvider Services => _host.Services;

    public GitHubSyncJob Job => Services.GetRequiredService<GitHubSyncJob>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public Task<GitHubSyncResult> SyncAsync(CancellationToken cancellationToken = default) => Job.SyncAsync(null, cancellationToken);

    public Task<IReadOnlyList<T>> StoredAsync<T>(IRecordMap<T> map, string repository) =>
        Services.GetRequiredService<ActivityStore>().QueryAsync(map, ActivityTables.RepositoryKey(RepositoryName.Parse(repository)), null, CancellationToken.None);

    public void Dispose() => _host.Dispose();
}

/// <summary>Builders for realistic fake repositories.</summary>
public static class FakeData
{
    /// <summary><paramref name="count"/> merged pull requests, newest updated first at <paramref name="newest"/>, an hour apart.</summary>
    internal static void AddMergedPullRequests(FakeRepository repository, int count, DateTimeOffset newest, int firstNumber = 1, TimeSpan? spacing = null)
    {
        var step = spacing ?? TimeSpan.FromHours(1);
        for (var i = 0; i < count; i++)
        {
            var number = firstNumber + i;
            var merged = newest - (step * (count - 1 - i));
            repository.PullRequests.Add(new FakePullRequest
            {
                Number = number,
                Title = $"Change {number}",
                HeadBranch = $"feature/change-{number}",
                CreatedAt = merged.AddHours(-30),
                FirstCommitAt = merged.AddHours(-32),
                Reviews = [new FakeReview("bao", "APPROVED", merged.AddHours(-5))],
            }.Merged(merged));
        }
    }
}
