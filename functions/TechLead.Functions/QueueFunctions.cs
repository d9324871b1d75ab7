using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using TechLead.Queues;

namespace TechLead.Functions;

/// <summary>
/// Queue triggers: one message each, run by the same dispatcher as <c>serve</c>'s workers (lease, failure record).
/// The host retries a failed message after host.json's visibilityTimeout and moves it to <c>&lt;queue&gt;-poison</c>
/// after maxDequeueCount attempts. Triggers use AzureWebJobsStorage, the tables' account.
/// </summary>
public sealed class QueueFunctions(QueueDispatcher dispatcher)
{
    [Function("SyncGitHubRepository")]
    public async Task SyncGitHubRepository([QueueTrigger(QueueNames.SyncGitHub)] QueueMessage message, CancellationToken cancellationToken) =>
        await RunAsync(QueueNames.SyncGitHub, message, cancellationToken);

    [Function("SyncJiraProject")]
    public async Task SyncJiraProject([QueueTrigger(QueueNames.SyncJira)] QueueMessage message, CancellationToken cancellationToken) =>
        await RunAsync(QueueNames.SyncJira, message, cancellationToken);

    [Function("SendTeamDigest")]
    public async Task SendTeamDigest([QueueTrigger(QueueNames.Digest)] QueueMessage message, CancellationToken cancellationToken) =>
        await RunAsync(QueueNames.Digest, message, cancellationToken);

    [Function("ProcessWebhookDelivery")]
    public async Task ProcessWebhookDelivery([QueueTrigger(QueueNames.Webhook)] QueueMessage message, CancellationToken cancellationToken) =>
        await RunAsync(QueueNames.Webhook, message, cancellationToken);

    private Task<DispatchOutcome> RunAsync(string queue, QueueMessage message, CancellationToken cancellationToken) =>
        dispatcher.HandleAsync(queue, message.MessageText, message.DequeueCount, cancellationToken);
}
