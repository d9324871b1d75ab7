namespace TechLead.Queues;

/// <summary>What one queue's messages do. Registered by the capability that owns the work; run by <see cref="QueueDispatcher"/>.</summary>
internal interface IQueueHandler
{
    string Queue { get; }

    /// <summary>
    /// Whether two messages about the same subject must never run at once (a lease on the subject): true for syncs,
    /// false where the work is already claimed or idempotent.
    /// </summary>
    bool Exclusive { get; }

    /// <summary>What a message is about (a repository, a project, a team), as health names it; throws on a message that cannot be read.</summary>
    string Subject(string message);

    /// <summary>Does the work; throws <see cref="QueueWorkFailedException"/> (or anything else) when it did not get done.</summary>
    Task HandleAsync(string message, CancellationToken cancellationToken);
}

/// <summary>The work did not get done, for a reason a person can act on; the message is retried, then poisoned.</summary>
internal sealed class QueueWorkFailedException(string reason) : Exception(reason);
