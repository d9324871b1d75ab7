namespace TechLead.Queues;

/// <summary>The work queues (logical names; <see cref="QueueOptions.Prefix"/> is prepended). Messages are plain text.</summary>
public static class QueueNames
{
    /// <summary>One message per repository: <c>owner/name</c>.</summary>
    public const string SyncGitHub = "sync-github";

    /// <summary>One message per Jira project: its key.</summary>
    public const string SyncJira = "sync-jira";

    /// <summary>One message per team: its name.</summary>
    public const string Digest = "digest-team";

    /// <summary>One message per stored webhook delivery: its X-GitHub-Delivery id.</summary>
    public const string Webhook = "webhook-delivery";

    /// <summary>Where the Functions host (and <c>serve</c>) moves a message after its last failed attempt.</summary>
    public static string Poison(string queue) => queue + "-poison";
}
