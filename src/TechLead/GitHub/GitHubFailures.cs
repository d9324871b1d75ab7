using System.Net;
using Octokit;

namespace TechLead.GitHub;

/// <summary>Why a repository (or one of its resources) could not be synced, and how far the failure reaches.</summary>
internal sealed record GitHubFailure(string Reason, bool StopsRepository, bool StopsRun);

/// <summary>
/// Turns what GitHub (or the network) answered into a reason a tech lead can act on. Exceptions not listed here
/// (storage down, cancellation, defects) are not GitHub failures and go up.
/// </summary>
internal static class GitHubFailures
{
    private const string TokenRejected =
        "GitHub rejected the credentials (401 Bad credentials): the token is wrong, expired or revoked; check GitHub:Token (or the GitHub App settings)";

    private const string NotFound =
        "GitHub answered 404 Not Found: the repository does not exist, or the token cannot see it (a fine-grained token or App installation must be granted this repository)";

    public static GitHubFailure? Describe(Exception exception, string permissionHint, CancellationToken cancellationToken) => exception switch
    {
        AuthorizationException => new(TokenRejected, true, false),
        GitHubRequestException { Status: HttpStatusCode.Unauthorized } => new(TokenRejected, true, false),
        GitHubAuthenticationException e => new(e.Message, true, true),
        NotFoundException => new(NotFound, true, false),
        GitHubRequestException { Status: HttpStatusCode.NotFound } => new(NotFound, true, false),
        RateLimitExceededException e => new($"GitHub's rate limit is used up until {e.Reset:u}; stopped, the next run resumes where this one stopped", true, true),
        SecondaryRateLimitExceededException => new("GitHub's secondary rate limit persisted past the time this run may wait; stopped, the next run resumes where this one stopped", true, true),
        ApiException { StatusCode: (HttpStatusCode)429 } => new("GitHub kept answering 429 Too Many Requests; stopped, the next run resumes where this one stopped", true, true),
        GitHubRateLimitedException e => new(e.Message, true, true),
        ForbiddenException e => new($"GitHub answered 403 Forbidden ({e.Message}): the token lacks a permission this needs ({permissionHint})", false, false),
        GitHubRequestException { Status: HttpStatusCode.Forbidden } e => new($"{e.Message}: the token lacks a permission this needs ({permissionHint})", false, false),
        GitHubDataException e => new($"{e.Message}; nothing from that answer was stored", false, false),
        ApiException e => new($"GitHub answered {(int)e.StatusCode} ({e.Message})", false, false),
        GitHubRequestException e => new(e.Message, false, false),
        HttpRequestException e => new($"GitHub is unreachable ({e.Message}); check GitHub:ApiUrl", true, true),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => new("GitHub did not answer in time", true, false),
        _ => null,
    };
}
