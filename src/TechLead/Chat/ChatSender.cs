using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TechLead.Chat;

/// <summary>What became of one message to one channel in this run.</summary>
internal sealed record ChatSendResult(ChatState State, int Attempts, int? Status, string Reason);

/// <summary>
/// Posts one message to one webhook, as each platform documents its answers. Slack incoming webhooks answer
/// <c>200 ok</c>, or a status with a short reason in the body (<c>400 invalid_payload</c>/<c>invalid_blocks</c>,
/// <c>403 action_prohibited</c>, <c>404 no_service</c>, <c>410 channel_is_archived</c>) that retrying cannot fix, or
/// <c>429</c> with <c>Retry-After</c>; a Teams Workflows trigger answers <c>202 Accepted</c> (the flow runs later),
/// <c>400</c> for a body it cannot read, <c>429</c> when throttled. 429, 5xx and network failures are retried, waiting
/// what Retry-After asks; the webhook address is a secret and only its host is ever logged.
/// </summary>
internal sealed partial class ChatSender(IHttpClientFactory factory, TimeProvider time, IOptions<ChatOptions> options, ILogger<ChatSender> logger)
{
    public const string HttpClientName = "chat";

    public async Task<ChatSendResult> SendAsync(ChatChannel channel, string kind, JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(payload);
        var address = channel.Address ?? throw new InvalidOperationException($"{channel} has no address.");
        var platform = channel.Kind.ToStoredString();
        var body = payload.ToJsonString();
        var maxAttempts = options.Value.MaxAttempts;
        var maxWait = TimeSpan.FromSeconds(options.Value.MaxRetryWaitSeconds);
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            string reason;
            TimeSpan? asked = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                using var response = await factory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                var text = Short(await response.Content.ReadAsStringAsync(cancellationToken));
                if (IsSuccess(channel.Kind, response.StatusCode))
                {
                    LogSent(channel.Team, kind, platform, channel.Redacted, status.Value, attempt);
                    return new ChatSendResult(ChatState.Sent, attempt, status, text.Length == 0 ? response.StatusCode.ToString() : text);
                }

                reason = Explain(channel, response.StatusCode, text);
                if (!IsRetryable(response.StatusCode))
                {
                    LogRejected(channel.Team, kind, platform, channel.Redacted, status.Value, reason);
                    return new ChatSendResult(ChatState.Rejected, attempt, status, reason);
                }

                asked = RetryAfter(response.Headers.RetryAfter);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The exception's text names at most the host; the path (the secret part) is never in it, but strip it anyway.
                reason = $"{platform} did not answer ({e.GetType().Name}: {e.Message.Replace(address.ToString(), channel.Redacted, StringComparison.Ordinal)})";
            }

            var wait = asked ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
            if (attempt >= maxAttempts || wait > maxWait)
            {
                var why = attempt >= maxAttempts ? $"gave up after {attempt} tries" : $"the asked wait of {wait.TotalSeconds:0} s is longer than Chat:MaxRetryWaitSeconds";
                LogFailed(channel.Team, kind, platform, channel.Redacted, status, reason, why);
                return new ChatSendResult(ChatState.Failed, attempt, status, $"{reason}; {why}; the next run tries again");
            }

            LogRetrying(channel.Team, kind, platform, channel.Redacted, status, wait.TotalSeconds, attempt, maxAttempts);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static bool IsSuccess(ChatChannelKind kind, HttpStatusCode status) =>
        kind == ChatChannelKind.Slack ? status == HttpStatusCode.OK : status is HttpStatusCode.OK or HttpStatusCode.Accepted;

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>Retry-After in seconds or as a date; null when absent.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>What the answer means and what to do, in one sentence that names the setting, never its value.</summary>
    internal static string Explain(ChatChannel channel, HttpStatusCode status, string body)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"{(int)status}{(body.Length > 0 ? " " + body : "")}");
        if (channel.Kind == ChatChannelKind.Slack)
        {
            return body switch
            {
                "invalid_payload" or "invalid_blocks" or "invalid_blocks_format" => $"Slack could not read the message ({code}); this is a TechLead bug, please report it",
                "action_prohibited" => $"Slack's workspace admins restrict this webhook ({code}); ask them, or use another channel's webhook in {channel.Setting}",
                "no_service" or "no_team" or "invalid_token" => $"Slack has no webhook at this address any more ({code}); create an incoming webhook and update {channel.Setting}",
                "channel_not_found" => $"Slack cannot find the webhook's channel ({code}); update {channel.Setting}",
                "channel_is_archived" => $"the Slack channel is archived ({code}); unarchive it or set {channel.Setting} to another channel's webhook",
                _ when status == HttpStatusCode.TooManyRequests => $"Slack is rate limiting this webhook ({code})",
                _ => $"Slack answered {code}",
            };
        }

        return status switch
        {
            HttpStatusCode.BadRequest => $"the Teams workflow could not read the message ({code}); check that its trigger is \"When a Teams webhook request is received\"",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"the Teams workflow refused the request ({code}); set its trigger's \"Who can trigger the flow\" to Anyone",
            HttpStatusCode.NotFound => $"there is no Teams workflow at this address any more ({code}); update {channel.Setting}",
            HttpStatusCode.RequestEntityTooLarge => $"the Teams message was too large ({code}); this is a TechLead bug, please report it",
            HttpStatusCode.TooManyRequests => $"the Teams workflow is throttled ({code})",
            _ => $"the Teams workflow answered {code}",
        };
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {Kind} for {Team} sent to {Channel} ({Address}): {Status} after {Attempts} tries.")]
    private partial void LogSent(string team, string kind, string channel, string address, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat {Kind} for {Team} to {Channel} ({Address}) got {Status}; retrying in {Seconds} s (try {Attempt} of {MaxAttempts}).")]
    private partial void LogRetrying(string team, string kind, string channel, string address, int? status, double seconds, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat {Kind} for {Team} to {Channel} ({Address}) was refused with {Status} and is not retried: {Reason}.")]
    private partial void LogRejected(string team, string kind, string channel, string address, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat {Kind} for {Team} to {Channel} ({Address}) failed ({Status}): {Reason}; {Why}. Recorded as failed; the next run tries again.")]
    private partial void LogFailed(string team, string kind, string channel, string address, int? status, string reason, string why);
}
