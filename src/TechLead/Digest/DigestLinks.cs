using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TechLead.Overview;

namespace TechLead.Digest;

/// <summary>Addresses for what the digest lists: only the configured GitHub, Jira and dashboard, never another host.</summary>
internal sealed partial class DigestLinks(IOptions<DigestOptions> options) : ISummaryLinks
{
    private string GitHub => options.Value.GitHubUrl.TrimEnd('/');

    public string? Dashboard => options.Value.DashboardUrl?.TrimEnd('/');

    /// <summary>A signal item's page: <c>owner/repo#12 Title</c> is a GitHub PR or issue (GitHub redirects one to the other), <c>KEY-12 Title</c> a Jira issue.</summary>
    public string? Item(string label)
    {
        if (GitHubReference().Match(label) is { Success: true } github)
        {
            return $"{GitHub}/{github.Groups["repo"].Value}/issues/{github.Groups["number"].Value}";
        }

        return options.Value.JiraUrl is { } jira && JiraKey().Match(label) is { Success: true } key
            ? $"{jira.TrimEnd('/')}/browse/{key.Groups["key"].Value}"
            : null;
    }

    public string Repository(string repository) => $"{GitHub}/{repository}";

    /// <summary>The dashboard showing <paramref name="team"/> (at one of its sections), when a dashboard is configured.</summary>
    public string? DashboardFor(string team, string? section = null) =>
        Dashboard is { } dashboard ? $"{dashboard}?team={Uri.EscapeDataString(team)}{(section is null ? "" : "#" + section)}" : null;

    /// <summary>The dashboard's card for a signal, with its full definition and source, when a dashboard is configured.</summary>
    public string? Signal(string id, string team) => DashboardFor(team, $"signal-{id}");

    [GeneratedRegex(@"^(?<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(?<number>[0-9]+)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex GitHubReference();

    [GeneratedRegex(@"^(?<key>[A-Z][A-Z0-9_]+-[0-9]+)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex JiraKey();
}
