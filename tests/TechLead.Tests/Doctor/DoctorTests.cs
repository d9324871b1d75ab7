using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Doctor;
using TechLead.Local.Commands;
using TechLead.Queues;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using TechLead.Tests.Jira;

namespace TechLead.Tests.Doctor;

/// <summary>
/// <c>doctor</c> against the real components: Azurite, maildev, the fake GitHub (real Octokit), the fake Jira, the fake
/// Azure OpenAI (real Azure.AI.OpenAI client). Each failure is checked for the setting the table names.
/// </summary>
[Collection(MainJobCollection.Name)]
public sealed class DoctorTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private const string Repository = "octo-org/payments-api";
    private const string SlackSecretPart = "T0DOCTOR/B0DOCTOR/s3cr3tSl4ckP4rt";
    private const string SmtpPassword = "smtp-p4ssw0rd-never-printed";

    private readonly FakeGitHub _github = WithRepository(FakeGitHub.Start());
    private readonly FakeJira _jira = WithProject(FakeJira.Start());
    private readonly FakeAzureOpenAi _model = new();
    private readonly string _tablePrefix = AzuriteFixture.NewTablePrefix();
    private readonly string _queuePrefix = AzuriteFixture.NewQueuePrefix();

    public void Dispose()
    {
        _github.Dispose();
        _jira.Dispose();
        _model.Dispose();
    }

    [Fact]
    public async Task Everything_configured_works_and_the_command_exits_0()
    {
        var result = await RunAsync(Settings(), "doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Everything configured works.", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"model {FakeAzureOpenAi.Model}", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("rate limit", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("no poison message waiting", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("hooks.slack.com", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_secret_is_printed_in_the_table_the_json_or_the_log()
    {
        var settings = Settings();
        // Wrong secrets too: a refusal must not echo what was sent.
        settings["GitHub:Token"] = "ghp_wrongTokenNeverPrinted0123456789abcd";
        settings["Jira:ApiToken"] = "ATATT-wrong-jira-token-never-printed";
        settings["Drafting:ApiKey"] = "azure-openai-key-never-printed";

        var table = await RunAsync(settings, "doctor");
        var json = await RunAsync(settings, "doctor", "--json");

        Assert.Equal(1, table.ExitCode);
        Assert.Equal(1, json.ExitCode);
        using var parsed = JsonDocument.Parse(json.StdOut);
        Assert.False(parsed.RootElement.GetProperty("healthy").GetBoolean());
        foreach (var secret in new[] { "ghp_wrongTokenNeverPrinted0123456789abcd", "ATATT-wrong-jira-token-never-printed", "azure-openai-key-never-printed", SlackSecretPart, "s3cr3t", SmtpPassword })
        {
            Assert.DoesNotContain(secret, table.StdOut + table.StdErr + json.StdOut + json.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_GitHub_token_names_GitHub_Token()
    {
        var settings = Settings();
        settings["GitHub:Token"] = "ghp_revoked0123456789abcdefABCDEF012345";

        var (report, output) = await DoctorAsync(settings);

        var failed = Failed(report, "GitHub");
        Assert.Equal("GitHub:Token", failed.Setting);
        Assert.Contains("401", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("GitHub:Token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permission_the_token_lacks_is_named_from_GitHubs_403()
    {
        // A fine-grained token without Actions: GitHub answers 403 and names the permission the endpoint accepts.
        using var _ = _github.Intercept(r => r.Path.EndsWith("/actions/runs", StringComparison.Ordinal)
            ? new FakeResponse(403, """{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository","status":"403"}""",
                new Dictionary<string, string> { ["X-Accepted-GitHub-Permissions"] = "actions=read" })
            : null);

        var (report, output) = await DoctorAsync(Settings());

        var failed = Failed(report, "GitHub");
        Assert.Equal(Repository, failed.Subject);
        Assert.Equal("GitHub:Token", failed.Setting);
        Assert.Contains("actions=read", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("actions=read", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Epic_Link_field_the_site_does_not_have_names_Jira_EpicLinkField()
    {
        using var dataCenter = FakeJira.Start(cloud: false);
        dataCenter.AddProject("SHOP");
        var settings = Settings();
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Jira:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        foreach (var (key, value) in dataCenter.Settings("SHOP"))
        {
            settings[key] = value;
        }

        settings["Jira:EpicLinkField"] = "customfield_20202";

        var (report, output) = await DoctorAsync(settings);

        var failed = Failed(report, "Jira");
        Assert.Equal("Jira:EpicLinkField", failed.Setting);
        Assert.Contains("customfield_20202", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("Jira:EpicLinkField", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_refuses_the_credentials_names_the_SMTP_user_name_and_password()
    {
        await using var relay = await RefusingSmtpRelay.StartRefusingAuthenticationAsync();
        var settings = Settings();
        settings["Smtp:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture);
        settings["Smtp:UserName"] = "digest";
        settings["Smtp:Password"] = SmtpPassword;
        settings["Smtp:AllowPlainTextAuth"] = "true";

        var (report, output) = await DoctorAsync(settings);

        var failed = Failed(report, "Mail");
        Assert.Equal("Smtp:UserName, Smtp:Password", failed.Setting);
        Assert.Contains("refused the credentials", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("Smtp:UserName, Smtp:Password", output, StringComparison.Ordinal);
        Assert.DoesNotContain(SmtpPassword, output, StringComparison.Ordinal);
        Assert.Empty(relay.Messages);
    }

    [Fact]
    public async Task A_model_deployment_that_does_not_exist_names_Drafting_Deployment()
    {
        var settings = Settings();
        settings["Drafting:Deployment"] = "gpt-4o-missing";

        var (report, output) = await DoctorAsync(settings);

        var failed = Failed(report, "Model");
        Assert.Equal("Drafting:Deployment", failed.Setting);
        Assert.Contains("404", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("Drafting:Deployment", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poison_message_waiting_is_named_with_its_queue_and_reason()
    {
        var settings = Settings();
        using (var host = TestHost.Build(settings))
        {
            var queues = host.Services.GetRequiredService<WorkQueues>();
            await queues.SendAsync(QueueNames.Poison(QueueNames.SyncGitHub), Repository, null, CancellationToken.None);
            await host.Services.GetRequiredService<QueueFailures>().RecordAsync(QueueNames.SyncGitHub, Repository, "GitHub answered 502 five times", 5, CancellationToken.None);
        }

        var (report, output) = await DoctorAsync(settings);

        var failed = Failed(report, "Storage");
        Assert.Equal("sync-github-poison", failed.Setting);
        Assert.Contains(Repository, failed.Detail, StringComparison.Ordinal);
        Assert.Contains("GitHub answered 502 five times", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("sync-github-poison", output, StringComparison.Ordinal);
    }

    private static FakeGitHub WithRepository(FakeGitHub github)
    {
        github.AddRepository(Repository);
        return github;
    }

    private static FakeJira WithProject(FakeJira jira)
    {
        jira.AddProject("SHOP");
        return jira;
    }

    private static DoctorResult Failed(DoctorReport report, string connection)
    {
        Assert.False(report.Healthy);
        var failed = report.Results.Where(r => r.Status == DoctorStatus.Failed).ToList();
        // Only the connection the test broke fails: the others stay green.
        Assert.True(failed.Count == 1 && failed[0].Connection == connection,
            "Expected one failure, of " + connection + ":\n" + string.Join("\n", failed.Select(f => $"{f.Connection} {f.Subject}: {f.Detail} [{f.Setting}]")));
        return failed[0];
    }

    /// <summary>The run in process, and the table the command prints for it.</summary>
    private static async Task<(DoctorReport Report, string Output)> DoctorAsync(Dictionary<string, string?> settings)
    {
        using var host = TestHost.Build(settings);
        var report = await host.Services.GetRequiredService<DoctorRun>().RunAsync(new DoctorOptions(SendTest: false), CancellationToken.None);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        DoctorCommand.Print(report, output);
        return (report, output.ToString());
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = TestHost.Settings(azurite, _tablePrefix);
        settings["Queues:Prefix"] = _queuePrefix;
        settings["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Team:Chat:SlackWebhookUrl"] = $"https://hooks.slack.com/services/{SlackSecretPart}";
        foreach (var (key, value) in _github.Settings(Repository).Concat(_jira.Settings("SHOP")).Concat(_model.Settings))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Task<LocalRunResult> RunAsync(Dictionary<string, string?> settings, params string[] arguments)
    {
        var environment = settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value ?? "");
        return LocalRunner.RunAsync(environment, Path.GetTempPath(), arguments);
    }
}
