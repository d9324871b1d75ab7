using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Hosting;

/// <summary>
/// A setting the binder cannot convert, or a schedule no timer can read, stops every command with exit 2 and one line
/// naming the setting and an example, never a stack trace.
/// </summary>
public sealed class SettingsParsingTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("techlead-settings-").FullName;

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Smtp__Port", "abc", "Setting 'Smtp:Port' is 'abc', which is not a whole number" },
        { "Queues__Workers", "1.5", "Setting 'Queues:Workers' is '1.5', which is not a whole number" },
        { "Dashboard__Enabled", "maybe", "Setting 'Dashboard:Enabled' is 'maybe', which is not true or false" },
        { "Smtp__Security", "Bogus", "Setting 'Smtp:Security' is 'Bogus', which is not one of None, " },
        { "Storage__ConnectionString", "AccountName=devstoreaccount1;Garbage", "Setting 'Storage:ConnectionString' is not a connection string" },
        { "Storage__TableServiceUri", "acct.table.core.windows.net", "Setting 'Storage:TableServiceUri' is 'acct.table.core.windows.net', which is not an absolute http(s) address" },
        { "Logging__LogLevel__Default", "Loud", "Setting 'Logging:LogLevel:Default' is 'Loud', which is not one of Trace, " },
        { "Logging__Console__LogLevel__TechLead", "Chatty", "Setting 'Logging:Console:LogLevel:TechLead' is 'Chatty'" },
        { "Schedules__WeeklyDigest", "every monday", "Setting 'Schedules:WeeklyDigest' is 'every monday'" },
        { "Schedules__ProcessWebhooks", "*/2 * * * *", "Setting 'Schedules:ProcessWebhooks' is '*/2 * * * *'" },
        { "Schedules__ProcessDrafts", "0 */15 * * * * *", "Setting 'Schedules:ProcessDrafts'" },
        { "Schedules__SyncGitHub", "0 75 * * * *", "Setting 'Schedules:SyncGitHub'" },
        { "Schedules__ReconcileWebhooks", "00:05:00", "Setting 'Schedules:ReconcileWebhooks'" },
        { "Schedules__SyncJira", "0 45 * * * Funday", "Setting 'Schedules:SyncJira'" },
        { "Schedules__ExpireFeedback", "0 45 4 32 * *", "Setting 'Schedules:ExpireFeedback'" },
        { "Schedules__Notify", "hourly", "Setting 'Schedules:Notify'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_value_of_the_wrong_form_exits_2_naming_the_setting_without_a_stack_trace(string variable, string value, string expected)
    {
        var result = await LocalRunner.RunAsync(new Dictionary<string, string> { [variable] = value }, _workingDirectory, "drafts", "list");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Example: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_of_the_wrong_form_is_named_but_never_echoed()
    {
        var result = await LocalRunner.RunAsync(new Dictionary<string, string> { ["Storage__ConnectionString"] = "AccountName=x;AccountKey=Zm9vc2VjcmV0;Oops" }, _workingDirectory, "drafts", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Setting 'Storage:ConnectionString'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Zm9vc2VjcmV0", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_outside_2000_to_2100_exits_2_with_the_range()
    {
        var result = await LocalRunner.RunAsync(new Dictionary<string, string>(), _workingDirectory, "signals", "--week", "0001-W01");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("between 2000-W01 and 2100-W52", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr + result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unconvertible_value_is_reported_at_once_beside_the_other_problems()
    {
        var problems = TestHost.StartupProblems(new Dictionary<string, string?>
        {
            ["Team:Name"] = "Payments",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Digest:Recipients:0"] = "lead@example.com",
            ["Smtp:Host"] = "",
            ["Smtp:Port"] = "abc",
            ["Queues:Workers"] = "x",
        });

        Assert.Contains(problems, p => p.StartsWith("Setting 'Smtp:Port' is 'abc'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting 'Queues:Workers' is 'x'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting 'Smtp:Host' is required", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
