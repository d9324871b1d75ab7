using System.Globalization;
using Microsoft.Extensions.Logging;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>GitHub refused to answer for now (rate limit) and the run has no time left to wait for the reset.</summary>
internal sealed class GitHubRateLimitedException(string message) : Exception(message);

/// <summary>The last known primary rate limit per API (REST, GraphQL), from the x-ratelimit-* headers.</summary>
internal sealed class GitHubRateLimitState
{
    private readonly Dictionary<bool, (int Remaining, DateTimeOffset Reset)> _limits = [];
    private readonly Lock _lock = new();

    public void Update(bool graphQl, HttpResponseMessage response)
    {
        if (Header(response, "x-ratelimit-remaining") is { } remainingText
            && int.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            && ResetOf(response) is { } reset)
        {
            lock (_lock)
            {
                _limits[graphQl] = (remaining, reset);
            }
        }
    }

    /// <summary>When the limit is used up, the time it resets; otherwise null.</summary>
    public DateTimeOffset? ExhaustedUntil(bool graphQl, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _limits.TryGetValue(graphQl, out var limit) && limit.Remaining <= 0 && limit.Reset > now ? limit.Reset : null;
        }
    }

    public static DateTimeOffset? ResetOf(HttpResponseMessage response) =>
        long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>
/// GitHub's rules for rate limits, for REST (Octokit) and GraphQL alike: on 403/429 with <c>retry-after</c> wait
/// that long; with <c>x-ratelimit-remaining: 0</c> wait until <c>x-ratelimit-reset</c>; on a secondary rate limit
/// without either wait a minute, doubling each time. A used-up limit is waited out before the next request is
/// sent. Never more than a few attempts, never a wait past the run's budget: then the refusal goes up to the
/// sync, which stops cleanly and resumes next run. Transient 5xx answers are retried with a short backoff.
/// All waits use <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class GitHubRateLimitHandler(
    TimeProvider time,
    SyncBudget budget,
    GitHubRequestStats stats,
    GitHubRateLimitState state,
    ILogger logger) : DelegatingHandler
{
    private const int MaxAttempts = 5;
    private const int MaxServerErrorAttempts = 3;
    private static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var graphQl = request.RequestUri?.AbsolutePath.EndsWith("/graphql", StringComparison.OrdinalIgnoreCase) == true;
        for (var attempt = 1; ; attempt++)
        {
            await WaitForResetAsync(graphQl, cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            stats.Record(graphQl, response.StatusCode);
            state.Update(graphQl, response);

            var retry = await RetryAsync(response, attempt, cancellationToken);
            if (retry is null)
            {
                return response;
            }

            var (wait, reason) = retry.Value;
            if (!budget.CanWait(wait))
            {
                LogNoTimeToWait(reason, wait.TotalSeconds, request.RequestUri?.AbsolutePath);
                return response;
            }

            LogWaiting(reason, wait.TotalSeconds, request.RequestUri?.AbsolutePath, attempt);
            response.Dispose();
            stats.RecordWait(wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task WaitForResetAsync(bool graphQl, CancellationToken cancellationToken)
    {
        if (state.ExhaustedUntil(graphQl, time.GetUtcNow()) is not { } reset)
        {
            return;
        }

        var wait = reset - time.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (!budget.CanWait(wait))
        {
            throw new GitHubRateLimitedException(
                $"the {(graphQl ? "GraphQL" : "REST")} rate limit is used up until {reset:u}; stopped, the next run resumes where this one stopped");
        }

        LogWaiting("rate limit used up", wait.TotalSeconds, null, 0);
        stats.RecordWait(wait);
        await Task.Delay(wait, time, cancellationToken);
    }

    private async Task<(TimeSpan Wait, string Reason)?> RetryAsync(HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is 403 or 429)
        {
            if (attempt >= MaxAttempts)
            {
                return null;
            }

            // Buffered so Octokit can still read the body (and raise its own rate-limit exception) if we give up.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var secondary = body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)
                || body.Contains("abuse", StringComparison.OrdinalIgnoreCase);
            if (response.Headers.RetryAfter is { } retryAfter)
            {
                var wait = retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow()) ?? SecondaryLimitWait;
                return (Max(wait, TimeSpan.FromSeconds(1)), secondary ? "secondary rate limit (retry-after)" : "rate limited (retry-after)");
            }

            if (GitHubRateLimitState.Header(response, "x-ratelimit-remaining") == "0" && GitHubRateLimitState.ResetOf(response) is { } reset)
            {
                return (Max(reset - time.GetUtcNow() + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), "primary rate limit used up");
            }

            if (secondary || status == 429)
            {
                return (SecondaryLimitWait * Math.Pow(2, attempt - 1), "secondary rate limit");
            }

            return null;
        }

        if (status is >= 500 and not 501 && attempt < MaxServerErrorAttempts)
        {
            return (TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), $"GitHub answered {status}");
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub: {Reason}; waiting {Seconds:0}s before retrying {Path} (attempt {Attempt}).")]
    private partial void LogWaiting(string reason, double seconds, string? path, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub: {Reason}; a {Seconds:0}s wait does not fit in this run's time budget, giving up on {Path} for this run.")]
    private partial void LogNoTimeToWait(string reason, double seconds, string? path);
}
