using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Local.Commands;

/// <summary><c>signals</c>: the week's signals as a table, or as one JSON object on stdout (<c>--json</c>).</summary>
internal static class SignalsCommand
{
    public static Command Create()
    {
        var week = CommonOptions.Week();
        var team = CommonOptions.Team("The team to report on (default: the first configured team).");
        var json = new Option<bool>("--json") { Description = "Write one JSON object to stdout (field names in docs/signals.md); progress and logs go to stderr." };
        var command = new Command("signals", "Compute the week's delivery, flow, CI, tech-debt and team-health signals.") { week, team, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(
            (services, ct) => RunAsync(services, parse.GetValue(week), parse.GetValue(team), parse.GetValue(json), Console.Out, ct),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(IServiceProvider services, IsoWeek? week, string? team, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        if (CommonOptions.FindTeam(services.GetRequiredService<TeamDirectory>(), team) is not { } scope)
        {
            return CommandRunner.BadSettings;
        }

        var signals = services.GetRequiredService<SignalReports>();
        var target = week ?? scope.Calendar.LastCompleteWeek;
        var report = await CommandRunner.Progress.Status().StartAsync($"Computing signals for {Markup.Escape(scope.Name)}, {target}…", _ => signals.ComputeFromRowsAsync(scope, target, cancellationToken));
        if (json)
        {
            await output.WriteLineAsync(SignalJson.Serialize(report));
        }
        else
        {
            Print(report, output);
        }

        return CommandRunner.Ok;
    }

    /// <summary>The published tables the category's tiers come from, one row per signal.</summary>
    private static void WriteTierTables(IAnsiConsole console, List<SignalValue> signals)
    {
        if (SignalFormat.TierGrid(signals) is not { } grid)
        {
            return;
        }

        var table = new Table().Expand().Caption($"[grey]{Markup.Escape(grid.Source)}[/]").AddColumn("Performance levels");
        foreach (var tier in grid.Tiers)
        {
            table.AddColumn(Markup.Escape(tier));
        }

        foreach (var (signal, ranges) in grid.Rows)
        {
            table.AddRow([Markup.Escape(signal), .. ranges.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    private static void Print(SignalReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var sample = report.IsSampleData ? " [yellow](sample data)[/]" : "";
        console.MarkupLine($"[bold]Signals for {Markup.Escape(report.Team)}, {Markup.Escape(report.Week)}[/]{sample}");
        console.MarkupLine($"[grey]{report.Start:yyyy-MM-dd HH:mm} to {report.End:yyyy-MM-dd HH:mm} UTC, weeks in {Markup.Escape(report.TimeZone)}{(report.WeekendsExcluded ? ", weekends excluded from durations" : "")}[/]");
        foreach (var (id, title) in SignalCategories.All)
        {
            var signals = report.InCategory(id).ToList();
            if (signals.Count == 0)
            {
                continue;
            }

            var table = new Table().Title(Markup.Escape(title)).Expand()
                .AddColumn("Signal").AddColumn("This week").AddColumn("Previous 4-week median").AddColumn(new TableColumn("n").RightAligned());
            foreach (var signal in signals)
            {
                var details = SignalFormat.Details(signal).Select(line => $"\n[grey]{Markup.Escape(line)}[/]");
                table.AddRow(
                    new Markup(Markup.Escape(signal.Name)),
                    new Markup(Markup.Escape(signal.Display) + string.Concat(details)),
                    new Markup(Markup.Escape(SignalFormat.Trend(signal))),
                    new Markup(signal.SampleSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            console.Write(table);
            WriteTierTables(console, signals);
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        console.MarkupLine("[grey]Team-level conversation starters, not ratings of people. Definitions and sources: signals --json or docs/signals.md.[/]");
    }
}
