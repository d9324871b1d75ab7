using System.Text.Json;
using TechLead.Activity;
using TechLead.GitHub;

namespace TechLead.Webhooks.Events;

/// <summary>Reads the parts of a webhook payload every event has; objects go through the sync's own mapping.</summary>
internal static class WebhookPayload
{
    public static string? Action(JsonElement payload) =>
        payload.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String ? action.GetString() : null;

    public static RepositoryName Repository(JsonElement payload) =>
        payload.TryGetProperty("repository", out var repository) && repository.TryGetProperty("full_name", out var name)
            ? RepositoryName.Parse(name.GetString() ?? "")
            : throw new InvalidDataException("The payload has no repository.full_name.");

    public static string? DefaultBranch(JsonElement payload) =>
        payload.TryGetProperty("repository", out var repository) && repository.TryGetProperty("default_branch", out var branch)
            ? branch.GetString()
            : null;

    /// <summary>A payload object (pull_request, release, ...) as the Octokit model the REST sync maps.</summary>
    public static T Object<T>(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? GitHubRecordMapper.Deserialize<T>(value.GetRawText())
            : throw new InvalidDataException($"The payload has no '{name}' object.");
}
