using System.Globalization;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Local;

/// <summary>The real TechLead.Local program in its own process, as a tech lead runs it.</summary>
[Collection(MainJobCollection.Name)]
public sealed class CliTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("techlead-cli-").FullName;
    private readonly string _team = "Cli team " + Guid.NewGuid().ToString("N")[..6];
    private readonly string _tablePrefix = AzuriteFixture.NewTablePrefix();

    [Fact]
    public async Task Demo_stores_sample_data_sends_the_digest_once_and_writes_the_html_file()
    {
        var first = await RunAsync(Environment(), "demo", "--mail-ui", "http://127.0.0.1:1080");
        var second = await RunAsync(Environment(), "demo");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"digest \d{4}-W\d{2}: sent\.", first.StdOut);
        Assert.Matches(@"drafts: [1-9]\d* queued, [1-9]\d* drafted for review", first.StdOut);
        Assert.Contains("drafts: 0 queued", second.StdOut, StringComparison.Ordinal);
        var mail = Assert.Single(await maildev.MailsAsync(), m => m.Subject.Contains(_team, StringComparison.Ordinal));
        Assert.Contains("Drafts waiting for your review", mail.Html, StringComparison.Ordinal);
        // The digest lists the first two drafts (release notes first) and counts the rest.
        Assert.Contains("Release notes: [sample] sample-org/", mail.Html, StringComparison.Ordinal);
        Assert.Contains("drafted without a language model", mail.Html, StringComparison.Ordinal);
        Assert.Contains("mail: open http://127.0.0.1:1080", first.StdOut, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_workingDirectory, "out", "digests"), "*.html"));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.StdOut.Contains("already sent", StringComparison.Ordinal), second.ToString());
        Assert.Single(await maildev.MailsAsync(), m => m.Subject.Contains(_team, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_setting_exits_2_naming_the_setting_and_an_example()
    {
        var environment = Environment();
        environment["Team__TimeZone"] = "Mars/Olympus";
        environment["Digest__Recipients__0"] = "bob";

        var result = await RunAsync(environment, "digest");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Setting 'Team:TimeZone' is 'Mars/Olympus'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Setting 'Digest:Recipients:0' is 'bob'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Example: Team:TimeZone=Europe/Paris", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_exits_3_naming_the_endpoint()
    {
        var environment = Environment();
        environment["Storage__ConnectionString"] = azurite.ConnectionString.Replace($":{azurite.Port}/", ":1/", StringComparison.Ordinal);

        var result = await RunAsync(environment, "sync");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Table Storage at http://127.0.0.1:1/devstoreaccount1 is unreachable", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_week_is_refused_with_the_expected_form()
    {
        var result = await RunAsync(Environment(), "digest", "--week", "2026-47");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("expected the form 2026-W47", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_teams_digest_sends_each_team_s_once_and_team_names_one()
    {
        var environment = Environment();
        environment["Teams__0__Name"] = $"{_team} shop";
        environment["Teams__0__Repositories__0"] = "sample-org/checkout-api";
        environment["Teams__1__Name"] = $"{_team} infra";
        environment["Teams__1__TimeZone"] = "America/New_York";
        environment["Teams__1__Repositories__0"] = "sample-org/platform-infra";
        environment["Teams__1__Recipients__0"] = "infra-lead@example.com";
        Assert.Equal(0, (await RunAsync(environment, "sync", "sample")).ExitCode);

        var unknown = await RunAsync(environment, "digest", "--team", "Billing");
        var one = await RunAsync(environment, "digest", "--team", $"{_team} INFRA", "--week", "2026-W47");
        var all = await RunAsync(environment, "digest", "--week", "2026-W47");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"--team 'Billing' is not a configured team; the teams are '{_team} shop', '{_team} infra'", unknown.StdErr, StringComparison.Ordinal);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains($"digest for {_team} infra, 2026-W47: sent.", one.StdOut, StringComparison.Ordinal);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains($"digest for {_team} shop, 2026-W47: sent.", all.StdOut, StringComparison.Ordinal);
        Assert.Contains($"digest for {_team} infra, 2026-W47: already sent", all.StdOut, StringComparison.Ordinal);
        var mails = (await maildev.MailsAsync()).Where(m => m.Subject.Contains(_team, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Equal("infra-lead@example.com", Assert.Single(mails, m => m.Subject.Contains("infra", StringComparison.Ordinal)).To.Single().Address);
    }

    [Fact]
    public async Task A_mail_relay_that_refuses_the_connection_ends_demo_and_digest_with_a_clear_error_and_a_rerun_sends_the_digest()
    {
        var down = Environment();
        var closedPort = NodeService.FreePort();
        down["Smtp__Port"] = closedPort.ToString(CultureInfo.InvariantCulture);

        var demo = await RunAsync(down, "demo");
        var digest = await RunAsync(down, "digest");
        var rerun = await RunAsync(Environment(), "digest");

        foreach (var failed in new[] { demo, digest })
        {
            Assert.True(failed.ExitCode == 3, failed.ToString());
            Assert.Contains($"error: The mail relay 127.0.0.1:{closedPort} (Smtp:Host, Smtp:Port) could not be reached", failed.StdErr, StringComparison.Ordinal);
            Assert.Contains("The digest was not sent", failed.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", failed.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", failed.StdErr, StringComparison.Ordinal);
        }

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Matches(@"\d{4}-W\d{2}: sent\.", rerun.StdOut);
        Assert.Single(await maildev.MailsAsync(), m => m.Subject.Contains(_team, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    private Dictionary<string, string> Environment() => new()
    {
        ["Team__Name"] = _team,
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Storage__TablePrefix"] = _tablePrefix,
        ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
    };

    private Task<LocalRunResult> RunAsync(Dictionary<string, string> environment, params string[] arguments) =>
        LocalRunner.RunAsync(environment, _workingDirectory, arguments);
}
