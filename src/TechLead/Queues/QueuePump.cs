using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Storage;

namespace TechLead.Queues;

/// <summary>
/// The queue consumers outside the Functions host (<c>serve</c>, tests, benchmarks), behaving as the host does:
/// <see cref="QueueOptions.Workers"/> messages at once; a message stays hidden while it is worked on; a failed attempt
/// comes back after <see cref="QueueOptions.VisibilityTimeout"/>; after <see cref="QueueOptions.MaxDequeueCount"/>
/// attempts it moves to <c>&lt;queue&gt;-poison</c>; a worker that stops mid-message leaves it to reappear.
/// </summary>
public sealed partial class QueuePump(QueueDispatcher dispatcher, WorkQueues queues, IOptions<QueueOptions> options, TimeProvider time, ILogger<QueuePump> logger)
{
    /// <summary>Runs <paramref name="workers"/> (default <see cref="QueueOptions.Workers"/>) consumers until stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken, int? workers = null)
    {
        var count = workers ?? options.Value.Workers;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => WorkerAsync(i, cancellationToken)));
    }

    /// <summary>
    /// Runs <paramref name="workers"/> consumers until every queue is empty, hidden and delayed messages included
    /// (a backfill, a test, a benchmark); returns how long that took.
    /// </summary>
    public async Task<TimeSpan> RunUntilEmptyAsync(int workers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = RunAsync(stop.Token, workers);
        try
        {
            while (!running.IsCompleted && await CountAsync(cancellationToken) > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        return time.GetElapsedTime(started);
    }

    /// <summary>Messages in every handled queue, visible or not (Queue Storage's approximate count).</summary>
    private async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var queue in dispatcher.Queues)
        {
            var client = await queues.GetQueueAsync(queue, cancellationToken);
            total += (await client.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }

        return total;
    }

    private async Task WorkerAsync(int index, CancellationToken cancellationToken)
    {
        var names = dispatcher.Queues;
        var next = index % Math.Max(1, names.Count);
        while (!cancellationToken.IsCancellationRequested)
        {
            var handled = false;
            try
            {
                // Round robin from a different queue per worker, so one busy queue cannot starve the others.
                for (var i = 0; i < names.Count && !handled; i++)
                {
                    handled = await TryOneAsync(names[(next + i) % names.Count], cancellationToken);
                }

                next = (next + 1) % Math.Max(1, names.Count);
                if (!handled)
                {
                    await Task.Delay(options.Value.PollInterval, time, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageUnavailableException e)
            {
                LogStorageDown(e.Message);
                await DelayQuietlyAsync(options.Value.VisibilityTimeout, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // The message's receipt went stale (another worker holds it now) or it is gone: it is that worker's now.
                LogLostMessage(e.ErrorCode);
            }
        }
    }

    /// <summary>Receives and handles one message of <paramref name="queue"/>; false when the queue had none visible.</summary>
    public async Task<bool> TryOneAsync(string queue, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = await queues.GetQueueAsync(queue, cancellationToken);
        var received = (await queues.Guard(() => client.ReceiveMessageAsync(settings.LeaseDuration, cancellationToken))).Value;
        if (received is null)
        {
            return false;
        }

        var message = new Held(received.MessageId, received.PopReceipt);
        if (received.DequeueCount > settings.MaxDequeueCount)
        {
            // Seen more often than allowed (its workers died mid-way): as the host does, poison without another attempt.
            await PoisonAsync(queue, client, received.MessageText, message);
            return true;
        }

        using var hiding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeping = KeepHiddenAsync(client, message, hiding.Token);
        try
        {
            await dispatcher.HandleAsync(queue, received.MessageText, received.DequeueCount, cancellationToken);
            await StopAsync(hiding, keeping);
            await client.DeleteMessageAsync(message.Id, message.Receipt, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-message: it stays hidden until its visibility runs out, then another worker takes it.
            await StopAsync(hiding, keeping);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await StopAsync(hiding, keeping);
            if (received.DequeueCount >= settings.MaxDequeueCount)
            {
                await PoisonAsync(queue, client, received.MessageText, message);
            }
            else
            {
                await client.UpdateMessageAsync(message.Id, message.Receipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }

        return true;
    }

    private async Task PoisonAsync(string queue, QueueClient client, string text, Held message)
    {
        var poison = await queues.GetQueueAsync(QueueNames.Poison(queue), CancellationToken.None);
        await poison.SendMessageAsync(text, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), CancellationToken.None);
        await client.DeleteMessageAsync(message.Id, message.Receipt, CancellationToken.None);
        LogPoisoned(queue, QueueNames.Poison(queue));
    }

    /// <summary>Extends the message's invisibility every third of the lease duration, as the host renews its messages.</summary>
    private async Task KeepHiddenAsync(QueueClient client, Held message, CancellationToken cancellationToken)
    {
        var duration = options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, time, cancellationToken);
                var updated = await client.UpdateMessageAsync(message.Id, message.Receipt, visibilityTimeout: duration, cancellationToken: cancellationToken);
                message.Receipt = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // Done with the message.
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            // Its visibility ran out before this renewal and another worker took it (or it is gone): nothing to keep.
            LogLostMessage(e.ErrorCode);
        }
    }

    private static async Task StopAsync(CancellationTokenSource hiding, Task keeping)
    {
        await hiding.CancelAsync();
        await keeping;
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>A received message; its pop receipt changes with every visibility update.</summary>
    private sealed class Held(string id, string receipt)
    {
        public string Id { get; } = id;

        public string Receipt { get; set; } = receipt;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Queue} failed its last attempt and was moved to {Poison}; /api/health names it.")]
    private partial void LogPoisoned(string queue, string poison);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message this worker held became visible to others before it finished ({Code}); the message's new holder decides its fate.")]
    private partial void LogLostMessage(string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem} The queue workers try again shortly.")]
    private partial void LogStorageDown(string problem);
}
