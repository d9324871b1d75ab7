using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Team;

namespace TechLead.Chat;

/// <summary>How chat messages are sent (section <c>Chat</c>); the channels themselves are per team.</summary>
internal sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>A draft waiting for review longer than this many days is nudged about, once a day.</summary>
    public int NudgeAfterDays { get; set; } = 2;

    /// <summary>Tries per message and run; a 429 or 5xx is retried, waiting what the platform asks for.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A Retry-After longer than this ends the run's tries at once (the message is recorded failed and the next run retries).</summary>
    public int MaxRetryWaitSeconds { get; set; } = 60;

    /// <summary>When a message's claim still says "sending" after this long, the run that made it crashed and the claim is taken over.</summary>
    public int StaleClaimMinutes { get; set; } = 5;

    /// <summary>Each team's channels: <c>Teams:N:Chat:*</c>, or <c>Team:Chat:*</c> for one team.</summary>
    public List<TeamChatSettings> Teams { get; set; } = [];

    /// <summary>Every team's chat settings as configured (the several teams of <c>Teams:N</c>, else the one of <c>Team</c>).</summary>
    public static List<TeamChatSettings> ReadTeams(IConfiguration configuration)
    {
        return TeamsOptions.ReadEach(configuration, "Chat", team =>
            new TeamChatSettings(team.Team, team.Prefix, Blank(team.Settings[ChatChannelKinds.TeamsSetting]), Blank(team.Settings[ChatChannelKinds.SlackSetting])));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A team's chat channels: a Microsoft Teams Workflows webhook, a Slack incoming webhook, both or neither. The URLs
/// are secrets (they let anyone post); <see cref="ToString"/> never shows them.
/// </summary>
internal sealed record TeamChatSettings(string Team, string Prefix, string? TeamsWebhookUrl, string? SlackWebhookUrl)
{
    public override string ToString() => $"{Team}: Teams {(TeamsWebhookUrl is null ? "off" : "on")}, Slack {(SlackWebhookUrl is null ? "off" : "on")}";
}

internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    private const string S = ChatOptions.Section;

    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var problems = new SettingProblems();
        if (options.NudgeAfterDays is < 1 or > 60)
        {
            problems.Add($"{S}:NudgeAfterDays", $"is {options.NudgeAfterDays}; it is a number of days from 1 to 60", $"{S}:NudgeAfterDays=2");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            problems.Add($"{S}:MaxAttempts", $"is {options.MaxAttempts}; it is from 1 to 10", $"{S}:MaxAttempts=3");
        }

        if (options.MaxRetryWaitSeconds is < 0 or > 600)
        {
            problems.Add($"{S}:MaxRetryWaitSeconds", $"is {options.MaxRetryWaitSeconds}; it is from 0 to 600", $"{S}:MaxRetryWaitSeconds=60");
        }

        if (options.StaleClaimMinutes < 1)
        {
            problems.Add($"{S}:StaleClaimMinutes", $"is {options.StaleClaimMinutes}; it must be at least 1", $"{S}:StaleClaimMinutes=5");
        }

        foreach (var team in options.Teams)
        {
            Check(problems, $"{team.Prefix}:{ChatChannelKinds.TeamsSetting}", team.TeamsWebhookUrl, "https://prod-00.westeurope.logic.azure.com:443/workflows/...");
            Check(problems, $"{team.Prefix}:{ChatChannelKinds.SlackSetting}", team.SlackWebhookUrl, "https://hooks.slack.com/services/T000/B000/XXXX");
        }

        return problems.ToResult();
    }

    /// <summary>An absolute https address (http only to this machine, for local fakes). The value itself is never echoed: it is a secret.</summary>
    private static void Check(SettingProblems problems, string setting, string? url, string example)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            problems.Add(setting, "is not an https:// webhook address (its value is a secret and is not shown)", example);
        }
    }
}
