using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Doctor;

namespace TechLead.Local.Commands;

/// <summary>
/// <c>doctor</c>: tries every configured connection live, at once (GitHub, Jira, mail, the model, chat, storage), and
/// prints what works and, for what does not, the setting to change and how. Exit 0 when everything configured works, 1
/// otherwise, 2 for bad settings as everywhere.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var sendTest = new Option<bool>("--send-test") { Description = "Also send one test e-mail to Digest:Recipients and post one test message to each chat channel." };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object (as GET /api/health?checks=deep answers)." };
        var command = new Command("doctor", "Try every configured connection (GitHub, Jira, mail, the model, chat, storage) and say what to fix.") { sendTest, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var report = await services.GetRequiredService<DoctorRun>().RunAsync(new DoctorOptions(parse.GetValue(sendTest)), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, DoctorJson.Options));
            }
            else
            {
                Print(report, Console.Out);
            }

            return report.Healthy ? CommandRunner.Ok : CommandRunner.Failed;
        }, cancellationToken));
        return command;
    }

    internal static void Print(DoctorReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // Wide enough that a setting name is never broken across lines when the output is a file or a pipe.
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        var table = new Table().Title("[bold]TechLead doctor[/]")
            .AddColumn("Connection").AddColumn("Checked").AddColumn("Status").AddColumn("What it found").AddColumn("Setting to change");
        foreach (var result in report.Results)
        {
            var status = result.Status switch
            {
                DoctorStatus.Ok => "[green]ok[/]",
                DoctorStatus.Failed => "[red]FAILED[/]",
                _ => "[grey]skipped[/]",
            };
            var change = result.Setting is null && result.Fix is null
                ? ""
                : $"{(result.Setting is { } setting ? $"[bold]{Markup.Escape(setting)}[/]" : "")}{(result.Setting is not null && result.Fix is not null ? "\n" : "")}{Markup.Escape(result.Fix ?? "")}";
            table.AddRow(new Markup(Markup.Escape(result.Connection)), new Markup(Markup.Escape(result.Subject)), new Markup(status),
                new Markup(Markup.Escape(result.Detail)), new Markup(change));
        }

        console.Write(table);
        var failed = report.Results.Count(r => r.Status == DoctorStatus.Failed);
        console.MarkupLine(failed == 0
            ? "[green]Everything configured works.[/]"
            : $"[red]{failed} check{(failed == 1 ? "" : "s")} failed[/]: change the settings named above, then run doctor again.");
    }
}
