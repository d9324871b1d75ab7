using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Chat;

/// <summary>The two platforms.</summary>
public enum ChatChannelKind
{
    [StoredAs("teams")]
    Teams,

    [StoredAs("slack")]
    Slack,
}

/// <summary>
/// The one place a <see cref="ChatChannelKind"/> meets its name (in the message keys the chat ledger stores, dry runs
/// and logs), and the platforms' setting names.
/// </summary>
public static class ChatChannelKinds
{
    public const string TeamsSetting = "TeamsWebhookUrl";
    public const string SlackSetting = "SlackWebhookUrl";

    public static IReadOnlyList<ChatChannelKind> All { get; } = [ChatChannelKind.Teams, ChatChannelKind.Slack];

    public static string ToStoredString(this ChatChannelKind kind) => StoredStrings<ChatChannelKind>.Of(kind);

    /// <summary>A platform's name, or null for an unknown one.</summary>
    public static ChatChannelKind? Parse(string? stored) => StoredStrings<ChatChannelKind>.Parse(stored);
}

/// <summary>
/// Where one team's messages go on one platform. <see cref="Address"/> is a secret: only <see cref="Redacted"/>
/// (scheme and host) may appear in logs, errors and dry runs.
/// </summary>
public sealed record ChatChannel(string Team, ChatChannelKind Kind, string Setting, Uri? Address)
{
    public bool IsConfigured => Address is not null;

    /// <summary>"https://hooks.slack.com/…", or "not configured (Team:Chat:SlackWebhookUrl)".</summary>
    public string Redacted => Address is { } uri ? Redact(uri) : $"not configured ({Setting})";

    public static string Redact(Uri uri) => $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}/…";

    /// <summary>Never the address: records are printed by debuggers and string interpolation.</summary>
    public override string ToString() => $"{Kind.ToStoredString()} for {Team} ({Redacted})";
}

/// <summary>Each team's configured channels.</summary>
internal sealed class ChatChannels(IOptions<ChatOptions> options)
{
    /// <summary>Both platforms for <paramref name="team"/>, configured or not (a dry run shows where each would go).</summary>
    public IReadOnlyList<ChatChannel> For(string team)
    {
        var settings = options.Value.Teams.FirstOrDefault(t => string.Equals(t.Team, team, StringComparison.OrdinalIgnoreCase))
            ?? new TeamChatSettings(team, "Team:Chat", null, null);
        return
        [
            new ChatChannel(team, ChatChannelKind.Teams, $"{settings.Prefix}:{ChatChannelKinds.TeamsSetting}", settings.TeamsWebhookUrl is { } teams ? new Uri(teams) : null),
            new ChatChannel(team, ChatChannelKind.Slack, $"{settings.Prefix}:{ChatChannelKinds.SlackSetting}", settings.SlackWebhookUrl is { } slack ? new Uri(slack) : null),
        ];
    }
}
