using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TechLead.Digest;
using TechLead.Team;

namespace TechLead.Local.Commands;

/// <summary><c>digest</c>: compute the week's signals, write the HTML digest and send it (once per week unless --force).</summary>
internal static class DigestCommand
{
    public static Command Create()
    {
        var week = CommonOptions.Week();
        var force = new Option<bool>("--force") { Description = "Send again even if this week's digest was already sent." };
        var team = CommonOptions.Team("Send only this team's digest (default: every configured team's).");
        var command = new Command("digest", "Compose and send the weekly digest email, and write it as an HTML file.") { week, force, team };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var teams = services.GetRequiredService<TeamDirectory>();
            var chosen = CommonOptions.Chosen(teams, parse.GetValue(team));
            if (chosen.Count == 0)
            {
                return CommandRunner.BadSettings;
            }

            foreach (var scope in chosen)
            {
                Print(await SendAsync(services, scope, parse.GetValue(week), parse.GetValue(force), ct), teams.IsSingleTeam);
            }

            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    internal static async Task<DigestOutcome> SendAsync(IServiceProvider services, TeamScope team, IsoWeek? week, bool force, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<WeeklyDigestJob>();
        return await CommandRunner.Progress.Status().StartAsync($"Computing signals and sending {Markup.Escape(team.Name)}'s digest…",
            _ => job.SendAsync(team, week ?? team.Calendar.LastCompleteWeek, force, cancellationToken));
    }

    internal static void Print(DigestOutcome outcome, bool singleTeam = true)
    {
        var what = singleTeam ? $"digest {outcome.Week}" : $"digest for {outcome.Team}, {outcome.Week}";
        Console.WriteLine(outcome switch
        {
            { Sent: true } => $"{what}: sent.",
            { PreviouslySentAt: { } at } => $"{what}: already sent at {at:u}; not sent again (use --force to resend).",
            _ => $"{what}: not sent by this run: {outcome.Refusal}.",
        });
        Console.WriteLine($"html: {outcome.HtmlPath}");
    }
}
