using Azure;
using Azure.Core;

namespace TechLead.Storage;

/// <summary>
/// Whether one storage service answered a short probe: which service, the endpoint asked, the setting that chose it
/// and, when it did not answer, why. serve logs it at start and <c>/api/health</c> shows it, tables and queues apart.
/// </summary>
public sealed record StorageCheck(string Service, string Endpoint, string Setting, bool Reachable, string? Problem)
{
    public const string Tables = "Table Storage";
    public const string Queues = "Queue Storage";

    /// <summary>The service key of the clients that probe: they ask once, within Storage:ProbeTimeout.</summary>
    public const string ProbeClient = "probe";

    public string Describe() => Reachable
        ? $"{Service} at {Endpoint} answered."
        : $"{Service} at {Endpoint} did not answer ({Problem}). Its address comes from {Setting}.";

    /// <summary>
    /// Runs <paramref name="probe"/> against <paramref name="endpoint"/>. Any answer from the service counts as reachable
    /// (a missing table or queue is a 404 and is created on first use), except a refusal of the credentials.
    /// </summary>
    public static async Task<StorageCheck> RunAsync(string service, Uri endpoint, string setting, TimeSpan timeout, TimeProvider time,
        Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(probe);
        StorageCheck Result(string? problem) => new(service, Display(endpoint), setting, problem is null, problem);
        // The network timeout bounds each request; this bounds what it does not cover (a credential, a DNS lookup).
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await probe(linked.Token);
            return Result(null);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            return Result($"it refused the credentials: {e.Status} {e.ErrorCode}");
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            return Result(null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return Result(Reason(e));
        }
    }

    /// <summary>The working clients retry a failed request twice; a probe asks once, within <paramref name="probeTimeout"/>.</summary>
    public static void Configure(RetryOptions retry, TimeSpan? probeTimeout)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = probeTimeout is null ? 2 : 0;
        retry.NetworkTimeout = probeTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>An endpoint as shown in messages and in the anonymous health answer: no user info, query or fragment.</summary>
    public static string Display(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsAbsoluteUri ? $"{endpoint.Scheme}://{endpoint.Authority}{endpoint.AbsolutePath}" : endpoint.ToString();
    }

    /// <summary>The innermost cause's first line ("Connection refused"): the rest is the SDK's request dump.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.Split('\n')[0].Trim();
    }
}
