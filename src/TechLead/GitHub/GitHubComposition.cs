using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using TechLead.Hosting;

namespace TechLead.GitHub;

internal static class GitHubComposition
{
    /// <summary>The IHttpClientFactory client whose pooled handler carries every GitHub request.</summary>
    public const string HttpClientName = "GitHub";

    public static readonly ProductHeaderValue ProductHeader = new("TechLead", "1.0");

    public static IServiceCollection AddGitHub(this IServiceCollection services)
    {
        services.AddValidatedOptions<GitHubOptions, GitHubOptionsValidator>(GitHubOptions.Section);
        services.AddSingleton<IValidateOptions<GitHubOptions>, TeamRepositoriesValidator>();
        services.AddHttpClient(HttpClientName);
        services.AddSingleton<StaticTokenProvider>();
        services.AddSingleton<GitHubAppTokenProvider>();
        services.AddSingleton<IGitHubTokenProvider>(provider => provider.GetRequiredService<IOptions<GitHubOptions>>().Value.UsesApp
            ? provider.GetRequiredService<GitHubAppTokenProvider>()
            : provider.GetRequiredService<StaticTokenProvider>());
        services.AddSingleton<GitHubSessionFactory>();
        services.AddSingleton<GitHubCursors>();
        services.AddSingleton<RevertResolver>();
        services.AddSingleton<IRepositorySyncStep, PullRequestSync>();
        services.AddSingleton<IRepositorySyncStep, IssueSync>();
        services.AddSingleton<IRepositorySyncStep, ReleaseSync>();
        services.AddSingleton<IRepositorySyncStep, DeploymentSync>();
        services.AddSingleton<IRepositorySyncStep, AncestrySync>();
        services.AddSingleton<IRepositorySyncStep, WorkflowRunSync>();
        services.AddSingleton<IRepositorySyncStep, AdrSync>();
        services.AddSingleton<RepositorySync>();
        services.AddSingleton<ReleaseNotes.IReleaseAncestry, GitHubReleaseAncestry>();
        services.AddSingleton(provider => new GitHubSyncJob(
            provider.GetRequiredService<GitHubSessionFactory>(),
            provider.GetRequiredService<RepositorySync>(),
            provider.GetRequiredService<Queues.WorkQueues>(),
            provider.GetRequiredService<IOptions<GitHubOptions>>(),
            provider.GetRequiredService<ILogger<GitHubSyncJob>>()));
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<GitHubSyncJob>());
        services.AddSingleton<Queues.IQueueHandler, GitHubRepositoryWork>();
        return services;
    }
}
