using System.Text.Json;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Activity;
using TechLead.GitHub;

namespace TechLead.Webhooks.Events;

/// <summary>
/// <c>release</c> published: store it; release notes observe the stored release and make it the repository's previous
/// release for the next notes.
/// </summary>
internal sealed class ReleaseEvents(ActivityIngestor ingestor) : IWebhookEventProcessor
{
    public string Event => "release";

    public async Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken)
    {
        if (WebhookPayload.Action(payload) != "published")
        {
            return;
        }

        var repository = WebhookPayload.Repository(payload);
        var release = GitHubRecordMapper.Release(repository, WebhookPayload.Object<Release>(payload, "release"));
        await ingestor.StoreAsync(new ActivityBatch { Releases = [release], DeliveryId = delivery.DeliveryId }, cancellationToken);
    }
}

/// <summary><c>deployment_status</c>: a final status of a production-like deployment is stored as a deployment.</summary>
internal sealed class DeploymentStatusEvents(ActivityIngestor ingestor, IOptions<GitHubOptions> github) : IWebhookEventProcessor
{
    public string Event => "deployment_status";

    public async Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken)
    {
        var repository = WebhookPayload.Repository(payload);
        var deployment = WebhookPayload.Object<Deployment>(payload, "deployment");
        if (deployment.Environment is null || !github.Value.DeploymentEnvironments.IsMatch(deployment.Environment))
        {
            return;
        }

        var status = WebhookPayload.Object<DeploymentStatus>(payload, "deployment_status");
        if (GitHubRecordMapper.Deployment(repository, deployment, [status]) is { } record)
        {
            await ingestor.StoreAsync(new ActivityBatch { Deployments = [record], DeliveryId = delivery.DeliveryId }, cancellationToken);
        }
    }
}

/// <summary><c>workflow_run</c> completed on the default branch: stored for CI health.</summary>
internal sealed class WorkflowRunEvents(ActivityIngestor ingestor) : IWebhookEventProcessor
{
    public string Event => "workflow_run";

    public async Task ProcessAsync(WebhookDelivery delivery, JsonElement payload, CancellationToken cancellationToken)
    {
        var run = WebhookPayload.Object<WorkflowRun>(payload, "workflow_run");
        if (WebhookPayload.Action(payload) != "completed" || run.HeadBranch != WebhookPayload.DefaultBranch(payload))
        {
            return;
        }

        var repository = WebhookPayload.Repository(payload);
        await ingestor.StoreAsync(new ActivityBatch { WorkflowRuns = [GitHubRecordMapper.WorkflowRun(repository, run)], DeliveryId = delivery.DeliveryId }, cancellationToken);
    }
}
