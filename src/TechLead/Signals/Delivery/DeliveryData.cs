using TechLead.Activity;

namespace TechLead.Signals.Delivery;

/// <summary>The activity a signal window needs, loaded once for every repository.</summary>
public sealed record DeliveryData(
    IReadOnlyList<PullRequestRecord> PullRequests,
    IReadOnlyList<DeploymentRecord> Deployments)
{
    public static DeliveryData Empty { get; } = new([], []);
}
