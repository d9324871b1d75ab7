using System.Text.Json.Nodes;
using TechLead.Webhooks;

namespace TechLead.Local.Setup;

/// <summary>
/// The App manifest GitHub registers an App from ("Registering a GitHub App from a manifest"): least privilege, exactly
/// what the product reads, and exactly the webhook events it processes.
/// </summary>
internal static class GitHubAppManifest
{
    /// <summary>GitHub caps an App's name at 34 characters.</summary>
    public const int MaxNameLength = 34;

    /// <summary>
    /// Repository permissions and why each is needed. Every one is read-only, except contents when draft releases are
    /// written (ReleaseNotes:WriteDraftRelease).
    /// </summary>
    public static IReadOnlyList<(string Permission, string Why)> Reasons { get; } =
    [
        ("metadata", "repository names and default branches (every App has it)"),
        ("pull_requests", "pull requests, their reviews and files (lead time, PR flow); the pull_request event"),
        ("contents", "commits, compare ranges, tags, releases and ADR files; the release event"),
        ("issues", "issues (bug and incident signals)"),
        ("deployments", "deployments and their statuses (deployment frequency, change failure rate); the deployment_status event"),
        ("actions", "workflow runs on the default branch (CI health); the workflow_run event"),
    ];

    public static IReadOnlyDictionary<string, string> Permissions(bool writeDraftRelease) =>
        Reasons.ToDictionary(r => r.Permission, r => r.Permission == "contents" && writeDraftRelease ? "write" : "read", StringComparer.Ordinal);

    /// <summary>The events the webhook endpoint records and processes (every other event is dropped, so never asked for).</summary>
    public static IReadOnlyList<string> Events { get; } = GitHubWebhookHandler.ProcessedEvents.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The manifest JSON. Without a webhook address (a local run) the App gets no webhook and no events: GitHub
    /// subscribes an App to events only with an active webhook; add them once the address exists.
    /// </summary>
    public static JsonObject Create(string name, Uri homepage, Uri redirect, Uri? webhook, bool writeDraftRelease)
    {
        var permissions = new JsonObject();
        foreach (var (permission, access) in Permissions(writeDraftRelease))
        {
            permissions[permission] = access;
        }

        var manifest = new JsonObject
        {
            ["name"] = name,
            ["url"] = homepage.ToString(),
            ["description"] = "TechLead: delivery and tech-debt signals, release notes and ADR summaries for a team's repositories.",
            ["redirect_url"] = redirect.ToString(),
            ["public"] = false,
            ["request_oauth_on_install"] = false,
            ["default_permissions"] = permissions,
        };
        if (webhook is not null)
        {
            manifest["hook_attributes"] = new JsonObject { ["url"] = webhook.ToString(), ["active"] = true };
            manifest["default_events"] = new JsonArray(Events.Select(e => (JsonNode)JsonValue.Create(e)).ToArray());
        }

        return manifest;
    }

    /// <summary><c>techlead-ORG</c>, or <c>techlead-USER</c>, in the characters GitHub keeps in an App's slug.</summary>
    public static string DefaultName(string? organization)
    {
        var owner = organization ?? Environment.UserName;
        var cleaned = new string(owner.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var name = "techlead-" + (cleaned.Length == 0 ? "app" : cleaned);
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength].TrimEnd('-');
    }
}
