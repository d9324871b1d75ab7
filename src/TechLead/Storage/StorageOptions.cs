using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A connection string (Azurite locally). Leave empty in Azure and set <see cref="TableServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table endpoint for identity-based access (managed identity), e.g. https://acct.table.core.windows.net.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// Queue endpoint for identity-based access, e.g. https://acct.queue.core.windows.net. Optional: without it the
    /// queues live in the tables' account (the table endpoint with <c>.table.</c> read as <c>.queue.</c>).
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The queue endpoint in use with identity-based access: the setting, or the tables' account.</summary>
    public Uri? QueueEndpoint => QueueServiceUri ?? (TableServiceUri is { } table
        ? new UriBuilder(table) { Host = table.Host.Replace(".table.", ".queue.", StringComparison.OrdinalIgnoreCase) }.Uri
        : null);

    /// <summary>Prepended to every table name: lets several teams or test runs share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// How long the reachability probe of each service (serve's start, <c>/api/health</c>) waits for an answer, asking
    /// once: a service that is down is named at once instead of after the working clients' retries.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The setting that chose the table endpoint, for messages.</summary>
    public string TableSetting => string.IsNullOrWhiteSpace(ConnectionString) ? "Storage:TableServiceUri" : "Storage:ConnectionString";

    /// <summary>The setting that chose the queue endpoint, for messages.</summary>
    public string QueueSetting =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? "Storage:ConnectionString (its QueueEndpoint)"
        : QueueServiceUri is not null ? "Storage:QueueServiceUri"
        : "Storage:QueueServiceUri (not set, so the account of Storage:TableServiceUri)";
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new SettingProblems();
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableServiceUri is null)
        {
            problems.Add("Storage:ConnectionString", "is empty and Storage:TableServiceUri is not set", "Storage:ConnectionString=UseDevelopmentStorage=true");
        }
        else if (!string.IsNullOrWhiteSpace(options.ConnectionString) && !Parses(options.ConnectionString))
        {
            problems.Add("Storage:ConnectionString", "is not a connection string (expected Key=Value pairs)",
                "Storage:ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=...;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;");
        }

        foreach (var (setting, uri, example) in new[]
        {
            ("Storage:TableServiceUri", options.TableServiceUri, "https://acct.table.core.windows.net"),
            ("Storage:QueueServiceUri", options.QueueServiceUri, "https://acct.queue.core.windows.net"),
        })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme is not ("https" or "http")))
            {
                problems.Add(setting, $"is '{uri.OriginalString}', which is not an absolute http(s) address", $"{setting}={example}");
            }
        }

        if (options.TablePrefix.Length > 20 || !options.TablePrefix.All(char.IsAsciiLetterOrDigit)
            || (options.TablePrefix.Length > 0 && !char.IsAsciiLetter(options.TablePrefix[0])))
        {
            problems.Add("Storage:TablePrefix", "must be up to 20 letters or digits, starting with a letter", "Storage:TablePrefix=payments");
        }

        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(100) || options.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            problems.Add("Storage:ProbeTimeout", "must be between 00:00:00.100 and 00:01:00", "Storage:ProbeTimeout=00:00:05");
        }

        return problems.ToResult();
    }

    /// <summary>Whether the storage client reads it (it parses here, without a request); the text is a secret, so it is never echoed.</summary>
    private static bool Parses(string connectionString)
    {
        try
        {
            _ = new Azure.Data.Tables.TableServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}
