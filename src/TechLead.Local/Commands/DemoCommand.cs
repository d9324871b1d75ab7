using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Activity;
using TechLead.Digest;
using TechLead.ReleaseNotes;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Team;

namespace TechLead.Local.Commands;

/// <summary><c>demo</c>: the main job end to end on the sample workspace: sync, signals, digest email and HTML file.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Send the digest again even if this week's was already sent." };
        var mailUi = new Option<string?>("--mail-ui") { Description = "Address of the mail catcher's web UI, printed in the summary." };
        var dashboard = new Option<string?>("--dashboard") { Description = "Address of the dashboard (a running serve), printed in the summary." };
        var command = new Command("demo", "Run the main job on sample data: sync -> signals -> drafts -> digest email and HTML file.") { force, mailUi, dashboard };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var counts = await CommandRunner.Progress.Status().StartAsync("Storing the sample workspace…",
                _ => services.GetRequiredService<SampleSyncJob>().SyncAsync(ct));
            Console.WriteLine($"sample: stored {counts} (same keys every run: a rerun adds no rows).");

            var drafts = await CommandRunner.Progress.Status().StartAsync("Drafting release notes and ADR summaries for review…",
                _ => DraftSampleAsync(services, ct));
            Console.WriteLine($"drafts: {drafts.Requested} queued, {drafts.Drafted} drafted for review (list them with 'drafts list'); nothing is published or sent.");

            var outcome = await DigestCommand.SendAsync(services, services.GetRequiredService<TeamDirectory>().Default, week: null, parse.GetValue(force), ct);
            PrintSummary(outcome, parse.GetValue(mailUi), parse.GetValue(dashboard));
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Release notes need an explicitly stored previous release: for the sample repositories the demo stores the last
    /// release published two weeks before the digest's week ends, then runs the ProcessDrafts job once.
    /// </summary>
    internal static async Task<ProcessDraftsResult> DraftSampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var calendar = services.GetRequiredService<TeamCalendar>();
        var store = services.GetRequiredService<ActivityStore>();
        var releaseNotes = services.GetRequiredService<ReleaseNotesService>();
        var cutOff = calendar.Bounds(calendar.LastCompleteWeek.AddWeeks(-1)).Start;
        foreach (var repository in SampleWorkspaceGenerator.Repositories)
        {
            var previous = (await store.QueryAsync(ReleaseMap.Instance, ActivityTables.RepositoryKey(repository), Tables.Between("PublishedAt", cutOff.AddDays(-60), cutOff), cancellationToken))
                .MaxBy(r => r.PublishedAt);
            if (previous is not null)
            {
                await releaseNotes.SetPreviousReleaseAsync(repository, previous.Tag, "demo", cancellationToken);
            }
        }

        return await services.GetRequiredService<ProcessDraftsJob>().ProcessAsync(cancellationToken);
    }

    private static void PrintSummary(DigestOutcome outcome, string? mailUi, string? dashboard)
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

        if (!string.IsNullOrEmpty(dashboard))
        {
            Console.WriteLine($"dashboard: open {dashboard} to see the signals and review the drafts.");
        }
    }
}
