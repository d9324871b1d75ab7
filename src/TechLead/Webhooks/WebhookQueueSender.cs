using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechLead.Queues;

namespace TechLead.Webhooks;

/// <summary>
/// Sends each stored delivery's queue message off the request path. Sending it from the response's
/// <c>OnCompleted</c> was not enough: Kestrel awaits those callbacks before it reads the next request on the same
/// keep-alive connection, so a sender's next delivery waited for the previous one's enqueue. A message not sent (a
/// full buffer, a storage error, the process stopping) only waits for the <c>ProcessWebhooks</c> sweep.
/// </summary>
public sealed partial class WebhookQueueSender(WorkQueues queues, ILogger<WebhookQueueSender> logger) : BackgroundService
{
    // A burst beyond this is left to the sweep rather than held in memory.
    private const int Capacity = 10_000;
    private const int SendersAtOnce = 4;

    private readonly Channel<string> pending = Channel.CreateBounded<string>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleWriter = false });

    /// <summary>Queues a stored delivery's message; never waits.</summary>
    public void Post(string deliveryId)
    {
        if (!pending.Writer.TryWrite(deliveryId))
        {
            LogNotEnqueued(deliveryId, "the send buffer is full or the app is stopping");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(pending.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = SendersAtOnce, CancellationToken = stoppingToken }, SendAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still buffered is stored already, and the sweep processes it.
            pending.Writer.TryComplete();
            var left = 0;
            while (pending.Reader.TryRead(out _))
            {
                left++;
            }

            if (left > 0)
            {
                LogLeftToSweep(left);
            }
        }
    }

    private async ValueTask SendAsync(string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await queues.SendAsync(QueueNames.Webhook, deliveryId, delay: null, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogNotEnqueued(deliveryId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} is stored but its queue message could not be sent ({Problem}); the ProcessWebhooks sweep processes it.")]
    private partial void LogNotEnqueued(string deliveryId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping with {Count} webhook queue messages not sent; the ProcessWebhooks sweep processes those deliveries.")]
    private partial void LogLeftToSweep(int count);
}
