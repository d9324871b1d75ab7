using System.Globalization;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Local;

/// <summary>Names people type (a team called "Ops [blue]") reach the console as text, never as console markup.</summary>
[Collection(MainJobCollection.Name)]
public sealed class ConsoleTextTests(AzuriteFixture azurite, MailDevFixture maildev) : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("techlead-console-").FullName;
    private readonly string _team = "Ops [blue] team] " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_team_name_with_brackets_is_printed_as_written_by_signals_and_digest()
    {
        var environment = new Dictionary<string, string>
        {
            ["Team__Name"] = _team,
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["Smtp__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        };
        Assert.Equal(0, (await LocalRunner.RunAsync(environment, _workingDirectory, "sync", "sample")).ExitCode);

        var signals = await LocalRunner.RunAsync(environment, _workingDirectory, "signals");
        var digest = await LocalRunner.RunAsync(environment, _workingDirectory, "digest");

        Assert.True(signals.ExitCode == 0, signals.ToString());
        Assert.Contains($"Signals for {_team}", signals.StdOut, StringComparison.Ordinal);
        Assert.True(digest.ExitCode == 0, digest.ToString());
        Assert.Contains(": sent.", digest.StdOut, StringComparison.Ordinal);
        Assert.Contains(await maildev.MailsAsync(), m => m.Subject.Contains(_team, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
