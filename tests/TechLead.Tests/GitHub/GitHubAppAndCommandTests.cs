using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TechLead.Activity;
using TechLead.GitHub;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Queues;
using TechLead.Local;
using TechLead.Local.Commands;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.GitHub;

[Collection(GitHubCollection.Name)]
public sealed class GitHubAppAndCommandTests(AzuriteFixture azurite) : IDisposable
{
    private const string Payments = "octo-org/payments-api";
    private readonly FakeGitHub _github = FakeGitHub.Start();

    public void Dispose() => _github.Dispose();

    [Fact]
    public void The_App_JWT_is_signed_RS256_by_the_App_key_and_short_lived()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

        var parts = GitHubAppJwt.Create(123456, key, now).Split('.');

        Assert.Equal("RS256", JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.GetProperty("alg").GetString());
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("123456", claims.GetProperty("iss").GetString());
        Assert.Equal(now.AddSeconds(-60).ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.True(claims.GetProperty("exp").GetInt64() - now.ToUnixTimeSeconds() <= 600);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_GitHub_App_exchanges_its_JWT_once_through_Octokit_and_syncs_with_the_installation_token()
    {
        FakeData.AddMergedPullRequests(_github.AddRepository(Payments), 5, GitHubTestHost.Now.AddHours(-1));
        using var key = RSA.Create(2048);
        _github.AcceptApp(123456, 78901, key);
        _github.RevokeTokens(); // only the installation token the App obtains is accepted
        using var host = new GitHubTestHost(azurite, _github, [Payments], new Dictionary<string, string?>
        {
            ["GitHub:Token"] = null,
            ["GitHub:AppId"] = "123456",
            ["GitHub:InstallationId"] = "78901",
            ["GitHub:PrivateKey"] = key.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal), // one-line app setting
        });

        var result = await host.SyncAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Repositories.SelectMany(r => r.Problems)));
        Assert.Equal(5, result.Repositories[0].Stored.PullRequests);
        Assert.Single(_github.Requests, r => r.Path.EndsWith("/access_tokens", StringComparison.Ordinal));
        Assert.All(_github.Requests.Where(r => !r.Path.EndsWith("/access_tokens", StringComparison.Ordinal)),
            r => Assert.StartsWith("Bearer ghs_", r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_github_prints_what_each_repository_stored_and_exits_0_when_all_synced()
    {
        FakeData.AddMergedPullRequests(_github.AddRepository(Payments), 3, GitHubTestHost.Now.AddHours(-1));
        _github.AddRepository(Payments).Releases.Add(new FakeRelease { Id = 1, Tag = "v1.0.0", CreatedAt = GitHubTestHost.Now.AddDays(-1), PublishedAt = GitHubTestHost.Now.AddDays(-1) });
        using var host = new GitHubTestHost(azurite, _github, [Payments]);
        using var output = new StringWriter();

        var exit = await SyncCommand.SyncGitHubAsync(host.Services, output, CancellationToken.None);

        Assert.Equal(CommandRunner.Ok, exit);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("octo-org/payments-api: synced; stored 3 pull requests, 1 releases.", lines[0]);
        Assert.StartsWith("github: 1 of 1 repositories synced; ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_github_exits_non_zero_and_names_the_repository_that_failed_and_why()
    {
        _github.AddRepository(Payments);
        using var host = new GitHubTestHost(azurite, _github, [Payments, "octo-org/ghost"]);
        using var output = new StringWriter();

        var exit = await SyncCommand.SyncGitHubAsync(host.Services, output, CancellationToken.None);

        Assert.Equal(CommandRunner.Failed, exit);
        var text = output.ToString();
        Assert.Contains("octo-org/payments-api: synced; stored nothing new.", text, StringComparison.Ordinal);
        Assert.Contains("octo-org/ghost: FAILED; stored nothing new.", text, StringComparison.Ordinal);
        Assert.Contains("  problem: repository: GitHub answered 404 Not Found", text, StringComparison.Ordinal);
        Assert.Contains("github: 1 of 2 repositories synced", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_github_without_repositories_is_a_settings_error()
    {
        using var host = TestHost.Build(TestHost.Settings(azurite));
        using var output = new StringWriter();

        var exit = await SyncCommand.SyncGitHubAsync(host.Services, output, CancellationToken.None);

        Assert.Equal(CommandRunner.BadSettings, exit);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task The_timer_job_does_nothing_without_repositories_and_a_failing_repository_fails_only_its_own_queued_sync()
    {
        using (var unconfigured = TestHost.Build(TestHost.Settings(azurite)))
        {
            await ((TechLead.Hosting.IJob)unconfigured.Services.GetService(typeof(GitHubSyncJob))!).RunAsync(CancellationToken.None);
        }

        using var host = new GitHubTestHost(azurite, _github, ["octo-org/ghost"], new Dictionary<string, string?> { ["Queues:Prefix"] = AzuriteFixture.NewQueuePrefix() });
        await host.Job.RunAsync(CancellationToken.None);
        var queue = await host.Services.GetRequiredService<WorkQueues>().GetQueueAsync(QueueNames.SyncGitHub, CancellationToken.None);
        var message = (await queue.ReceiveMessageAsync()).Value;
        Assert.Equal("octo-org/ghost", message.MessageText);

        // The queue worker's attempt fails with GitHub's answer (so the host retries, then poisons); the timer never threw.
        var failure = await Assert.ThrowsAsync<QueueWorkFailedException>(() =>
            host.Services.GetRequiredService<QueueDispatcher>().HandleAsync(QueueNames.SyncGitHub, message.MessageText, message.DequeueCount, CancellationToken.None));
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("octo-org/ghost", StringComparison.Ordinal) && l.Message.Contains("404", StringComparison.Ordinal));
        Assert.Empty(await host.StoredAsync(PullRequestMap.Instance, "octo-org/ghost"));
    }
}
