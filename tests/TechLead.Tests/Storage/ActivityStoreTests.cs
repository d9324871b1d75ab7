using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Storage;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class ActivityStoreTests(AzuriteFixture azurite)
{
    private static readonly RepositoryName Repo = RepositoryName.Parse("octo-org/payments-api");
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_pull_request_reads_back_as_it_was_written()
    {
        using var host = TestHost.Build(TestHost.Settings(azurite));
        var store = host.Services.GetRequiredService<ActivityStore>();
        var pr = PullRequest(7) with { Labels = ["bug", "hotfix"], Files = ["src/a.cs"], RevertsNumber = 3, Reviewers = ["bao"] };

        await store.UpsertAsync(PullRequestMap.Instance, [pr], CancellationToken.None);
        var read = await store.GetAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Number(7), CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(pr.Title, read.Title);
        Assert.Equal(pr.MergedAt, read.MergedAt);
        Assert.Equal(pr.Labels, read.Labels);
        Assert.Equal(pr.Files, read.Files);
        Assert.Equal(3, read.RevertsNumber);
        Assert.Equal(Repo, read.Repository);
    }

    [Fact]
    public async Task Writing_the_same_activity_twice_leaves_one_row_each()
    {
        var settings = TestHost.Settings(azurite);
        using var host = TestHost.Build(settings);
        var ingestor = host.Services.GetRequiredService<ActivityIngestor>();
        var batch = new ActivityBatch { PullRequests = Enumerable.Range(1, 30).Select(PullRequest).ToArray() };

        await ingestor.StoreAsync(batch, CancellationToken.None);
        await ingestor.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(30, await CountRowsAsync(settings, Tables.PullRequests));
    }

    [Fact]
    public async Task More_than_a_hundred_rows_in_one_partition_are_split_into_transactions_and_all_stored()
    {
        var settings = TestHost.Settings(azurite);
        using var host = TestHost.Build(settings);
        var store = host.Services.GetRequiredService<ActivityStore>();

        var written = await store.UpsertAsync(PullRequestMap.Instance, Enumerable.Range(1, 250).Select(PullRequest), CancellationToken.None);
        var merged = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), null, CancellationToken.None);

        Assert.Equal(250, written);
        Assert.Equal(250, merged.Count);
        Assert.Equal(Enumerable.Range(1, 250), merged.Select(p => p.Number).Order());
    }

    [Fact]
    public async Task Queries_follow_continuation_tokens_past_one_page_and_filter_on_time_columns()
    {
        var settings = TestHost.Settings(azurite);
        using var host = TestHost.Build(settings);
        var store = host.Services.GetRequiredService<ActivityStore>();
        // 1,200 rows: more than the 1,000 a single Table Storage page returns.
        var prs = Enumerable.Range(1, 1200).Select(n => PullRequest(n) with { MergedAt = Monday.AddHours(n - 1) }).ToList();
        await store.UpsertAsync(PullRequestMap.Instance, prs, CancellationToken.None);

        var all = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo), null, CancellationToken.None);
        var firstDay = await store.QueryAsync(PullRequestMap.Instance, ActivityTables.RepositoryKey(Repo),
            Tables.Between("MergedAt", Monday, Monday.AddDays(1)), CancellationToken.None);

        Assert.Equal(1200, all.Count);
        Assert.Equal(Enumerable.Range(0, 24), firstDay.Select(p => (int)(p.MergedAt!.Value - Monday).TotalHours).Order());
    }

    [Fact]
    public async Task Large_text_is_trimmed_so_no_row_nears_the_64_KiB_string_limit()
    {
        using var host = TestHost.Build(TestHost.Settings(azurite));
        var store = host.Services.GetRequiredService<ActivityStore>();
        var adr = new AdrFileRecord
        {
            Repository = Repo,
            Path = "docs/adr/0001-huge#draft?.md",
            ContentHash = "abc",
            Content = new string('x', 200_000),
            LastChangedAt = Monday,
            Origin = Origins.GitHub,
        };

        await store.UpsertAsync(AdrFileMap.Instance, [adr], CancellationToken.None);
        var read = await store.GetAsync(AdrFileMap.Instance, ActivityTables.RepositoryKey(Repo), KeyCodec.Encode(adr.Path), CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(read.ContentTruncated);
        Assert.True(read.Content.Length <= TextLimits.Document);
        Assert.Equal(adr.Path, read.Path);
    }

    [Fact]
    public async Task Every_source_registers_its_repositories_in_the_catalogue()
    {
        using var host = TestHost.Build(TestHost.Settings(azurite));
        var ingestor = host.Services.GetRequiredService<ActivityIngestor>();
        var other = RepositoryName.Parse("other-org/web");

        await ingestor.StoreAsync(new ActivityBatch
        {
            PullRequests = [PullRequest(1)],
            Deployments = [new DeploymentRecord { Repository = other, Id = "1", Environment = "production", Sha = "abc", DeployedAt = Monday, Origin = Origins.GitHub }],
        }, CancellationToken.None);

        var known = await host.Services.GetRequiredService<RepositoryCatalog>().ListAsync(CancellationToken.None);
        Assert.Equal(["octo-org/payments-api", "other-org/web"], known.Select(k => k.Repository.ToString()).Order());
    }

    [Fact]
    public async Task An_unreachable_storage_endpoint_is_named_in_the_error()
    {
        var settings = TestHost.Settings(azurite);
        settings["Storage:ConnectionString"] = azurite.ConnectionString.Replace($":{azurite.Port}/", ":1/", StringComparison.Ordinal);
        using var host = TestHost.Build(settings);
        var store = host.Services.GetRequiredService<ActivityStore>();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            store.UpsertAsync(PullRequestMap.Instance, [PullRequest(1)], CancellationToken.None));

        Assert.Contains("http://127.0.0.1:1/devstoreaccount1", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<int> CountRowsAsync(IDictionary<string, string?> settings, string table)
    {
        var client = new TableServiceClient(settings["Storage:ConnectionString"]).GetTableClient(settings["Storage:TablePrefix"] + table);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private static PullRequestRecord PullRequest(int number) => new()
    {
        Repository = Repo,
        Number = number,
        Title = $"feat: change {number}",
        Author = "amara",
        CreatedAt = Monday.AddHours(-5),
        FirstCommitAt = Monday.AddHours(-8),
        MergedAt = Monday,
        ClosedAt = Monday,
        UpdatedAt = Monday,
        MergeCommitSha = $"sha{number}",
        Origin = Origins.GitHub,
    };
}
