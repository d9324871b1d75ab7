using TechLead.Queues;

namespace TechLead.Webhooks;

/// <summary>
/// One message of <see cref="QueueNames.Webhook"/>: processes that stored delivery within seconds of its arrival,
/// instead of at the next <c>ProcessWebhooks</c> sweep. No lease: processing a delivery is idempotent.
/// </summary>
internal sealed class WebhookDeliveryWork(WebhookProcessingJob processing) : IQueueHandler
{
    public string Queue => QueueNames.Webhook;

    public bool Exclusive => false;

    public string Subject(string message) =>
        string.IsNullOrWhiteSpace(message) || message.Length > 100 ? throw new FormatException("The message is not a delivery id.") : message.Trim();

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        if (await processing.ProcessOneAsync(Subject(message), cancellationToken) is { } reason)
        {
            throw new QueueWorkFailedException($"delivery {Subject(message)}: {reason}");
        }
    }
}
