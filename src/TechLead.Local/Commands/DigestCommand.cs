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
        var command = new Command("digest", "Compose and send the weekly digest email, and write it as an HTML file.") { week, force };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var outcome = await SendAsync(services, parse.GetValue(week), parse.GetValue(force), ct);
            Print(outcome);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    internal static async Task<DigestOutcome> SendAsync(IServiceProvider services, IsoWeek? week, bool force, CancellationToken cancellationToken)
    {
        var job = services.GetRequiredService<WeeklyDigestJob>();
        var calendar = services.GetRequiredService<TeamCalendar>();
        return await CommandRunner.Progress.Status().StartAsync("Computing signals and sending the digest…",
            _ => job.SendAsync(week ?? calendar.LastCompleteWeek, force, cancellationToken));
    }

    internal static void Print(DigestOutcome outcome)
    {
        Console.WriteLine(outcome switch
        {
            { Sent: true } => $"digest {outcome.Week}: sent.",
            { PreviouslySentAt: { } at } => $"digest {outcome.Week}: already sent at {at:u}; not sent again (use --force to resend).",
            _ => $"digest {outcome.Week}: not sent by this run: {outcome.Refusal}.",
        });
        Console.WriteLine($"html: {outcome.HtmlPath}");
    }
}
