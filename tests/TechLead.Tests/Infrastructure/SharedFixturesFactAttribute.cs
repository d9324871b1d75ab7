namespace TechLead.Tests.Infrastructure;

/// <summary>
/// A conformance test over the real payload corpus in ../shared/fixtures. The corpus sits beside the repository in
/// CI but not in a user's clone; without it the test is skipped, and the skip message says why.
/// </summary>
internal sealed class SharedFixturesFactAttribute : FactAttribute
{
    public SharedFixturesFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.GitHubWebhookFixtures))
        {
            Skip = $"The real GitHub payload corpus is not at {RepoPaths.GitHubWebhookFixtures} (it sits beside the repository in CI, not in a user's clone).";
        }
    }
}
