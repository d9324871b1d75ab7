using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Internal;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>
/// Everything one run talks to GitHub with: REST (Octokit) and GraphQL clients over the same handlers
/// (token, rate limits, request counts), and the run's time budget.
/// </summary>
internal sealed class GitHubSession : IDisposable
{
    private readonly HttpClient _graphQlHttp;
    private readonly GitHubRequestStats _stats;

    internal GitHubSession(GitHubOptions settings, SyncBudget budget, GitHubRequestStats stats, Func<HttpMessageHandler> handlers)
    {
        _stats = stats;
        Budget = budget;
        Rest = new GitHubRestClient(settings.ApiBaseUri, new HttpClientAdapter(handlers));
        _graphQlHttp = new HttpClient(handlers(), disposeHandler: true);
        _graphQlHttp.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(GitHubComposition.ProductHeader.Name, GitHubComposition.ProductHeader.Version));
        GraphQl = new GitHubGraphQlClient(_graphQlHttp, settings.GraphQlEndpoint);
    }

    public GitHubRestClient Rest { get; }

    public GitHubGraphQlClient GraphQl { get; }

    public SyncBudget Budget { get; }

    public GitHubRequestCounts Requests => _stats.Snapshot();

    public void Dispose()
    {
        Rest.Dispose();
        _graphQlHttp.Dispose();
    }
}

/// <summary>Creates a <see cref="GitHubSession"/> per run, over the pooled primary handler of the "GitHub" HttpClient.</summary>
internal sealed class GitHubSessionFactory(
    IHttpMessageHandlerFactory handlers,
    IGitHubTokenProvider tokens,
    TimeProvider time,
    IOptions<GitHubOptions> options,
    ILogger<GitHubSessionFactory> logger)
{
    public GitHubSession Create()
    {
        var settings = options.Value;
        var budget = new SyncBudget(time, settings.TimeBudget);
        var stats = new GitHubRequestStats();
        var limits = new GitHubRateLimitState();
        var hosts = new HashSet<string>([settings.ApiBaseUri.Authority, settings.GraphQlEndpoint.Authority], StringComparer.OrdinalIgnoreCase);
        return new GitHubSession(settings, budget, stats, () => new GitHubAuthHandler(tokens, hosts)
        {
            InnerHandler = new GitHubRateLimitHandler(time, budget, stats, limits, logger)
            {
                // Pooled by IHttpClientFactory; disposing our handlers leaves it to the factory.
                InnerHandler = handlers.CreateHandler(GitHubComposition.HttpClientName),
            },
        });
    }
}
