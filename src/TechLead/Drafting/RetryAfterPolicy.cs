using System.ClientModel.Primitives;
using System.Globalization;

namespace TechLead.Drafting;

/// <summary>
/// The Azure OpenAI client's retry policy: retries 408/429/5xx and transport failures like the default policy, but
/// waits exactly what the service asked for (<c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, <c>Retry-After</c>
/// in seconds or as an HTTP date) and gives up at once when that wait is longer than <c>Drafting:MaxRetryWait</c>:
/// the draft then stays pending and the next ProcessDrafts run tries again.
/// </summary>
internal sealed class RetryAfterPolicy(int maxRetries, TimeSpan maxWait, TimeProvider time) : ClientRetryPolicy(maxRetries)
{
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        base.ShouldRetry(message, exception) && WaitIsAcceptable(message);

    protected override async ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        await base.ShouldRetryAsync(message, exception) && WaitIsAcceptable(message);

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        RequestedWait(message.Response, time) ?? base.GetNextDelay(message, tryCount);

    private bool WaitIsAcceptable(PipelineMessage message) => !(RequestedWait(message.Response, time) > maxWait);

    /// <summary>The wait a response asks for, if any; never negative.</summary>
    public static TimeSpan? RequestedWait(PipelineResponse? response, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        foreach (var header in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(header, out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && !string.IsNullOrWhiteSpace(retryAfter))
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
