using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TechLead.Chat;
using TechLead.Team;

namespace TechLead.Local.Commands;

/// <summary><c>notify</c>: send what is due in chat (as the Notify timer does), or print it with --dry-run.</summary>
internal static class NotifyCommand
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var week = CommonOptions.Week();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the Teams and Slack payloads as JSON (one object per message) and send nothing." };
        var team = CommonOptions.Team("Only this team's messages (default: every configured team's).");
        var command = new Command("notify", "Send the chat messages that are due: the weekly summary after its digest, and working agreements broken or kept again.") { week, dryRun, team };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async (services, ct) =>
        {
            var teams = services.GetRequiredService<TeamDirectory>();
            var chosen = CommonOptions.Chosen(teams, parse.GetValue(team));
            if (chosen.Count == 0)
            {
                return CommandRunner.BadSettings;
            }

            var job = services.GetRequiredService<NotifyJob>();
            if (parse.GetValue(dryRun))
            {
                var all = new JsonArray();
                foreach (var scope in chosen)
                {
                    await SayIfSummaryWaitsAsync(job, scope, parse.GetValue(week), Console.Error, ct);
                    foreach (var message in await job.ComposeAsync(scope, parse.GetValue(week), dryRun: true, ct))
                    {
                        all.Add(new JsonObject
                        {
                            ["channel"] = message.Channel.Kind.ToStoredString(),
                            ["kind"] = message.Kind,
                            ["team"] = message.Team,
                            ["week"] = message.Week,
                            // Where it would go: the host only, the address is a secret.
                            ["destination"] = message.Channel.Redacted,
                            // What the run would do with it, decided as the run decides.
                            ["outcome"] = await job.PreviewAsync(message, ct),
                            ["payload"] = message.Payload,
                        });
                    }
                }

                Console.WriteLine(all.ToJsonString(Pretty));
                return CommandRunner.Ok;
            }

            var failed = 0;
            foreach (var scope in chosen)
            {
                await SayIfSummaryWaitsAsync(job, scope, parse.GetValue(week), Console.Out, ct);
                var deliveries = await job.SendAsync(scope, parse.GetValue(week), ct);
                if (deliveries.Count == 0)
                {
                    Console.WriteLine($"{scope.Name}: nothing due in chat (channels: Team:Chat:TeamsWebhookUrl, Team:Chat:SlackWebhookUrl, or Teams:N:Chat:*).");
                }

                foreach (var delivery in deliveries)
                {
                    Console.WriteLine($"{scope.Name}: {delivery.Message.Kind} {delivery.Message.Week} to {delivery.Message.Channel.Kind.ToStoredString()} ({delivery.Message.Channel.Redacted}): {delivery.Outcome}{(delivery.Outcome == delivery.Detail ? "" : $" ({delivery.Detail})")}.");
                    failed += delivery.Failed ? 1 : 0;
                }
            }

            return failed == 0 ? CommandRunner.Ok : CommandRunner.Failed;
        }, cancellationToken));
        return command;
    }

    /// <summary>A held summary is said in words by both a run and a dry run (whose standard output is the JSON).</summary>
    private static async Task SayIfSummaryWaitsAsync(NotifyJob job, TeamScope scope, IsoWeek? week, TextWriter output, CancellationToken cancellationToken)
    {
        var closed = week ?? scope.Calendar.LastCompleteWeek;
        if (!await job.SummaryDueAsync(scope, closed, cancellationToken))
        {
            await output.WriteLineAsync($"{scope.Name}: the weekly summary of {closed} is not sent until that week's digest is (run 'digest' first).");
        }
    }
}
