using Microsoft.Extensions.Logging;

namespace TechLead.Doctor;

/// <summary>
/// Runs every check at once, each within <see cref="CheckTimeout"/>: <c>TechLead.Local doctor</c> and
/// <c>GET /api/health?checks=deep</c> both call it. A check that does not answer in time is a failed result naming
/// the connection, never a hung command.
/// </summary>
public sealed partial class DoctorRun
{
    /// <summary>Long enough for a slow TLS handshake and a cold model deployment, short enough to keep a health probe usable.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyList<IDoctorCheck> _checks;
    private readonly TimeProvider _time;
    private readonly ILogger<DoctorRun> _logger;

    internal DoctorRun(IEnumerable<IDoctorCheck> checks, TimeProvider time, ILogger<DoctorRun> logger) =>
        (_checks, _time, _logger) = ([.. checks], time, logger);

    public async Task<DoctorReport> RunAsync(DoctorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = _time.GetUtcNow();
        var results = await Task.WhenAll(_checks.Select(check => RunOneAsync(check, options, cancellationToken)));
        var report = new DoctorReport(started, [.. results.SelectMany(r => r)]);
        var failed = report.Results.Count(r => r.Status == DoctorStatus.Failed);
        LogRun(failed, report.Results.Count);
        return report;
    }

    private async Task<IReadOnlyList<DoctorResult>> RunOneAsync(IDoctorCheck check, DoctorOptions options, CancellationToken cancellationToken)
    {
        if (!check.IsConfigured)
        {
            return [DoctorResult.Skipped(check.Name, "-", check.NotConfigured)];
        }

        using var limit = new CancellationTokenSource(CheckTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            // Off the caller's thread at once: a check that blocks before its first await must not hold up the others.
            return await Task.Run(() => check.RunAsync(options, linked.Token), linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [DoctorResult.Failed(check.Name, "-", $"no answer within {CheckTimeout.TotalSeconds:0} s", null,
                "Check that the address in its settings is reachable from here (firewall, proxy, DNS).")];
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A defect or an unexpected answer: said, not thrown, so the other checks still show. The type and first
            // line only: exception messages of HTTP clients can carry request URLs.
            LogCheckFailed(check.Name, e);
            return [DoctorResult.Failed(check.Name, "-", $"the check failed unexpectedly ({e.GetType().Name})", null, "See the log for the cause.")];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Doctor: {Failed} of {Total} checks failed.")]
    private partial void LogRun(int failed, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Doctor: the {Check} check failed unexpectedly.")]
    private partial void LogCheckFailed(string check, Exception exception);
}
