using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TechLead.Chat;

namespace TechLead.Doctor;

/// <summary>
/// Each team's Teams and Slack webhooks: configured and well formed (the addresses are secrets: only their hosts are
/// shown). A test message is posted only when the run asks for one (the CLI's --send-test).
/// </summary>
internal sealed class ChatConnection(IOptions<ChatOptions> options, ChatSender sender) : IDoctorCheck
{
    public string Name => "Chat";

    public bool IsConfigured => Channels().Any();

    public string NotConfigured => "no channel configured (Team:Chat:TeamsWebhookUrl, Team:Chat:SlackWebhookUrl, or Teams:N:Chat:*)";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var results = new List<DoctorResult>();
        foreach (var (team, kind, setting, url) in Channels())
        {
            var subject = $"{team}, {kind.ToStoredString()}";
            // As the settings check reads them: https, or http to this machine (a local test receiver).
            if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || !(address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback)))
            {
                // Never echo the value: the whole address is the secret.
                results.Add(DoctorResult.Failed(Name, subject, "not an https URL", setting, "Paste the webhook address the platform showed when it was created."));
                continue;
            }

            var channel = new ChatChannel(team, kind, setting, address);
            if (!run.SendTest)
            {
                results.Add(DoctorResult.Ok(Name, subject, $"{channel.Redacted} well formed (a test post: doctor --send-test)"));
                continue;
            }

            var sent = await sender.SendAsync(channel, "doctor-test", Payload(kind), cancellationToken);
            results.Add(sent.State == ChatState.Sent
                ? DoctorResult.Ok(Name, subject, $"{channel.Redacted}: test message posted")
                : DoctorResult.Failed(Name, subject, $"{channel.Redacted}: the test message was not taken ({sent.Reason})", setting,
                    "Create the webhook again in the channel and set the new address."));
        }

        return results;
    }

    private IEnumerable<(string Team, ChatChannelKind Kind, string Setting, string Url)> Channels()
    {
        foreach (var team in options.Value.Teams)
        {
            if (team.TeamsWebhookUrl is { } teams)
            {
                yield return (team.Team, ChatChannelKind.Teams, $"{team.Prefix}:{ChatChannelKinds.TeamsSetting}", teams);
            }

            if (team.SlackWebhookUrl is { } slack)
            {
                yield return (team.Team, ChatChannelKind.Slack, $"{team.Prefix}:{ChatChannelKinds.SlackSetting}", slack);
            }
        }
    }

    private const string TestText = "TechLead doctor: test message. The weekly summary will arrive here.";

    private static JsonObject Payload(ChatChannelKind kind) => kind == ChatChannelKind.Slack
        ? new JsonObject { ["text"] = TestText }
        : TeamsMessage.Envelope(new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = TestText, ["wrap"] = true }),
        });
}
