using Octokit;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Issues (incidents, tech debt): listed by <c>updated</c> descending until the stored cursor, like pull
/// requests. GitHub's issues list also returns pull requests; those are left to <see cref="PullRequestSync"/>.
/// </summary>
internal sealed class IssueSync : IRepositorySyncStep
{
    public const string Resource = "issues";

    public string Name => Resource;

    public string Permission => "Issues: read";

    public async Task RunAsync(RepositorySyncContext context, CancellationToken cancellationToken)
    {
        context.Report(Resource);
        var repository = context.Repository;
        await DescendingWalk.RunAsync<Issue>(context, GitHubResources.Issues,
            new Uri($"repos/{repository.Owner}/{repository.Name}/issues?state=all&sort=updated&direction=desc&per_page=100", UriKind.Relative),
            issue => issue.Number > 0 && (issue.UpdatedAt ?? issue.CreatedAt) != default ? (issue.UpdatedAt ?? issue.CreatedAt, issue.Number) : null,
            (page, ct) => context.StoreAsync(new ActivityBatch
            {
                Issues = page
                    .Select(issue => context.MapOrSkip(Resource, $"issue #{issue.Number}", () => GitHubRecordMapper.Issue(repository, issue)))
                    .OfType<IssueRecord>()
                    .ToList(),
            }, ct),
            cancellationToken);
    }
}
