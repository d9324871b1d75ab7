using System.Diagnostics;
using System.Diagnostics.Metrics;
using TechLead.Hosting;

namespace TechLead.Telemetry;

/// <summary>
/// The app's own traces and metrics (OpenTelemetry picks them up by <see cref="Name"/>). Tags carry names, counts and
/// outcomes only: never a secret, a token, feedback text or any other text a user or GitHub wrote.
/// </summary>
public static class TechLeadTelemetry
{
    public const string Name = "TechLead";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<int> SyncRequests = Meter.CreateHistogram<int>(
        "techlead.sync.requests", "{request}", "Requests one sync run made to its source (GitHub, Jira).");

    private static readonly Counter<long> RowsStored = Meter.CreateCounter<long>(
        "techlead.storage.rows_stored", "{row}", "Activity rows written to Table Storage, by table.");

    private static readonly Counter<long> DraftsCreated = Meter.CreateCounter<long>(
        "techlead.drafts.created", "{draft}", "Drafts written for a person to review, by kind and drafter.");

    private static readonly Counter<long> TokensUsed = Meter.CreateCounter<long>(
        "techlead.llm.tokens", "{token}", "Language model tokens used, by direction (input, output) and deployment.");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "techlead.webhook.deliveries", "{delivery}", "GitHub webhook deliveries, by outcome (accepted, rejected) and reason.");

    /// <summary>A span for one run of a job, failed when the job throws; timers, serve's scheduler and the CLI use it.</summary>
    public static async Task RunTracedAsync(this IJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var activity = Source.StartActivity($"job {job.Name}");
        activity?.SetTag("techlead.job", job.Name);
        try
        {
            await job.RunAsync(cancellationToken);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>A span for one HTTP request's handling (the host adds its own request span around it).</summary>
    public static System.Diagnostics.Activity? StartRequest(string endpoint)
    {
        var activity = Source.StartActivity($"request {endpoint}");
        activity?.SetTag("techlead.endpoint", endpoint);
        return activity;
    }

    public static void SyncRun(string source, int requests) =>
        SyncRequests.Record(requests, new KeyValuePair<string, object?>("techlead.source", source));

    public static void Stored(string table, int rows)
    {
        if (rows > 0)
        {
            RowsStored.Add(rows, new KeyValuePair<string, object?>("techlead.table", table));
        }
    }

    public static void Drafted(string kind, string drafter, int count = 1) =>
        DraftsCreated.Add(count, new("techlead.draft.kind", kind), new("techlead.drafter", drafter));

    public static void Tokens(string deployment, int input, int output)
    {
        TokensUsed.Add(input, new("techlead.direction", "input"), new("techlead.deployment", deployment));
        TokensUsed.Add(output, new("techlead.direction", "output"), new("techlead.deployment", deployment));
    }

    /// <summary><paramref name="reason"/> is one of a fixed set of words chosen by the handler, never request text.</summary>
    public static void Webhook(bool accepted, string reason)
    {
        WebhookDeliveries.Add(1, new("techlead.outcome", accepted ? "accepted" : "rejected"), new("techlead.reason", reason));
        System.Diagnostics.Activity.Current?.SetTag("techlead.webhook.outcome", accepted ? "accepted" : "rejected");
    }
}
