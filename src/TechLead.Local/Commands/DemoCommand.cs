using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Digest;
using TechLead.Sample;
using TechLead.Signals;

namespace TechLead.Local.Commands;

/// <summary><c>demo</c>: the main job end to end on the sample workspace: sync, signals, digest email and HTML file.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Send the digest again even if this week's was already sent." };
        var mailUi = new Option<string?>("--mail-ui") { Description = "Address of the mail catcher's web UI, printed in the summary." };
        var command = new Command("demo", "Run the main job on sample data: sync -> signals -> digest email and HTML file.") { force, mailUi };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var counts = await CommandRunner.Progress.Status().StartAsync("Storing the sample workspace…",
                _ => services.GetRequiredService<SampleSyncJob>().SyncAsync(ct));
            Console.WriteLine($"sample: stored {counts} (same keys every run: a rerun adds no rows).");

            var outcome = await DigestCommand.SendAsync(services, week: null, parse.GetValue(force), ct);
            PrintSummary(outcome, parse.GetValue(mailUi));
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    private static void PrintSummary(DigestOutcome outcome, string? mailUi)
    {
        var table = new Table().Title($"Signals for {Markup.Escape(outcome.Report.Team)}, {outcome.Week}{(outcome.Report.IsSampleData ? " (sample data)" : "")}")
            .AddColumn("Signal").AddColumn("This week").AddColumn("Previous 4-week median");
        foreach (var signal in outcome.Report.Signals)
        {
            table.AddRow(Markup.Escape(signal.Name), Markup.Escape(signal.Display), Markup.Escape(SignalFormat.Trend(signal)));
        }

        AnsiConsole.Write(table);
        DigestCommand.Print(outcome);
        if (!string.IsNullOrEmpty(mailUi))
        {
            Console.WriteLine($"mail: open {mailUi} to read the digest email.");
        }
    }
}
