using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Queues;

/// <summary>What became of a message.</summary>
public enum DispatchOutcome
{
    /// <summary>The work is done (or there was nothing to do): delete the message.</summary>
    Done,

    /// <summary>Another worker holds the subject's lease: a copy comes back when the lease runs out; delete this one.</summary>
    Deferred,
}

/// <summary>
/// Runs one message the same way under the Functions queue trigger and <c>serve</c>'s <see cref="QueuePump"/>: takes
/// the subject's lease (a repository is never synced by two workers at once), renews it while the work runs, records
/// why a failed attempt failed (health names it once the message is poisoned) and rethrows, so the host retries after
/// the visibility timeout and poisons after the last attempt.
/// </summary>
public sealed partial class QueueDispatcher
{
    private readonly Dictionary<string, IQueueHandler> _handlers;
    private readonly RowLeases leases;
    private readonly QueueFailures failures;
    private readonly WorkQueues queues;
    private readonly IOptions<QueueOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<QueueDispatcher> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal QueueDispatcher(
        IEnumerable<IQueueHandler> handlers,
        RowLeases leases,
        QueueFailures failures,
        WorkQueues queues,
        IOptions<QueueOptions> options,
        TimeProvider time,
        ILogger<QueueDispatcher> logger)
    {
        _handlers = handlers.GroupBy(h => h.Queue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        this.leases = leases;
        this.failures = failures;
        this.queues = queues;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Every queue that has a handler, in a stable order.</summary>
    public IReadOnlyList<string> Queues => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public async Task<DispatchOutcome> HandleAsync(string queue, string message, long dequeueCount, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(queue, out var handler))
        {
            throw new InvalidOperationException($"No handler is registered for queue '{queue}'.");
        }

        string subject;
        try
        {
            subject = handler.Subject(message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Unreadable now means unreadable on every attempt: straight on towards the poison queue.
            LogUnreadable(queue, e.Message);
            throw;
        }

        var settings = options.Value;
        RowLease? lease = null;
        if (handler.Exclusive)
        {
            var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
            var attempt = await leases.TryAcquireAsync($"{queue}|{subject.ToLowerInvariant()}", holder, settings.LeaseDuration, cancellationToken);
            if (attempt.Lease is null)
            {
                // Not a failure: the copy comes back when the holder's lease would run out, with a fresh dequeue count.
                var wait = (attempt.HeldUntil ?? time.GetUtcNow()) - time.GetUtcNow();
                var delay = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
                await queues.SendAsync(queue, message, delay, cancellationToken);
                LogDeferred(queue, subject, delay);
                return DispatchOutcome.Deferred;
            }

            lease = attempt.Lease;
        }

        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = lease is null ? Task.CompletedTask : KeepLeaseAsync(lease, queue, subject, work);
        try
        {
            await handler.HandleAsync(message, work.Token);
            await failures.ClearAsync(queue, subject, CancellationToken.None);
            return DispatchOutcome.Done;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e is QueueWorkFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            await failures.RecordAsync(queue, subject, reason, dequeueCount, CancellationToken.None);
            LogFailed(queue, subject, dequeueCount, reason);
            throw;
        }
        finally
        {
            await work.CancelAsync();
            await renewing;
            if (lease is not null)
            {
                await lease.ReleaseAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Renews the lease every third of its duration; when it was lost, stops the work (the message is retried).</summary>
    private async Task KeepLeaseAsync(RowLease lease, string queue, string subject, CancellationTokenSource work)
    {
        var duration = options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, time, work.Token);
                if (!await lease.RenewAsync(duration, work.Token))
                {
                    LogLeaseLost(queue, subject);
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work finished (or stopped): nothing left to keep.
        }
        catch (StorageUnavailableException e)
        {
            // The lease runs out by itself; the work goes on, and storage failures surface in the work itself.
            LogRenewFailed(queue, subject, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue} {Subject} is being worked on by another worker; the message comes back in {Delay}.")]
    private partial void LogDeferred(string queue, string subject, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue} {Subject} failed on attempt {Attempt}: {Reason}")]
    private partial void LogFailed(string queue, string subject, long attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Queue} cannot be read ({Problem}); it goes to the poison queue.")]
    private partial void LogUnreadable(string queue, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Queue} {Subject} was taken by another worker; this attempt stops.")]
    private partial void LogLeaseLost(string queue, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Queue} {Subject} could not be renewed ({Problem}).")]
    private partial void LogRenewFailed(string queue, string subject, string problem);
}
