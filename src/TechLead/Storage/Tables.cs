using System.Globalization;
using Azure.Data.Tables;

namespace TechLead.Storage;

/// <summary>Table names, and the OData filters on time columns every table's queries share.</summary>
public static class Tables
{
    public const string PullRequests = "PullRequests";
    public const string Deployments = "Deployments";
    public const string Releases = "Releases";
    public const string Issues = "Issues";
    public const string WorkflowRuns = "WorkflowRuns";
    public const string WorkItems = "WorkItems";
    public const string AdrFiles = "AdrFiles";
    public const string SyncCursors = "SyncCursors";
    public const string Digests = "Digests";
    public const string Drafts = "Drafts";
    public const string WebhookInbox = "WebhookInbox";
    public const string Leases = "Leases";
    public const string QueueFailures = "QueueFailures";

    /// <summary>An OData filter on a time column: <c>Column ge start and Column lt end</c>.</summary>
    public static string Between(string column, DateTimeOffset start, DateTimeOffset end) =>
        $"{column} ge {Time(start)} and {column} lt {Time(end)}";

    /// <summary>An instant as an OData datetime literal, for filters that combine time columns.</summary>
    public static string Time(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"datetime'{instant.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'");

    internal static void AddTime(TableEntity entity, string column, DateTimeOffset? value)
    {
        if (value is not null)
        {
            entity[column] = value.Value.ToUniversalTime();
        }
    }
}
