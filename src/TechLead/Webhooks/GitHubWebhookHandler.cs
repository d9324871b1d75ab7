using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using TechLead.Http;
using TechLead.Telemetry;
using Microsoft.Extensions.Options;

namespace TechLead.Webhooks;

/// <summary>
/// <c>POST /api/github/webhook</c>: verify, record, acknowledge. No GitHub or LLM call happens on the request path;
/// <see cref="WebhookProcessingJob"/> does the work afterwards. The delivery is stored before the 2xx (nothing
/// acknowledged is lost); its queue message is handed to <see cref="WebhookQueueSender"/>, which sends it in the
/// background, so the acknowledgement waits for one storage round trip, not two. A message lost that way (a crash in
/// between) is picked up by the sweep.
/// </summary>
public sealed partial class GitHubWebhookHandler(WebhookInbox inbox, WebhookQueueSender sender, IOptions<WebhookOptions> options, ILogger<GitHubWebhookHandler> logger)
{
    /// <summary>Events whose deliveries are recorded and processed; every other event is acknowledged and dropped.</summary>
    public static readonly IReadOnlySet<string> ProcessedEvents =
        new HashSet<string>(StringComparer.Ordinal) { "pull_request", "release", "deployment_status", "workflow_run" };

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = TechLeadTelemetry.StartRequest("GitHubWebhook");
        var result = await VerifyAndRecordAsync(request, cancellationToken);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        TechLeadTelemetry.Webhook(status < 400, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result;
    }

    private async Task<IResult> VerifyAndRecordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var secrets = settings.Secrets.ToList();
        if (secrets.Count == 0)
        {
            LogNoSecret();
            return Problem(StatusCodes.Status503ServiceUnavailable, "Webhook not configured",
                "GitHub:WebhookSecret is not set, so no delivery can be verified; every delivery is refused until it is.");
        }

        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "The Content-Type header is not application/json; set the webhook's content type to application/json.");
        }

        var body = await RequestBody.ReadBoundedAsync(request, settings.WebhookMaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body is larger than {settings.WebhookMaxBodyBytes} bytes.");
        }

        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (!WebhookSignature.IsValid(secrets, body, signature))
        {
            LogRejected(string.IsNullOrEmpty(signature) ? "missing" : "invalid");
            return Problem(StatusCodes.Status401Unauthorized, "Signature rejected",
                string.IsNullOrEmpty(signature) ? "The X-Hub-Signature-256 header is missing." : "X-Hub-Signature-256 does not match the body.");
        }

        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(eventName))
        {
            errors["X-GitHub-Event"] = ["The header is missing."];
        }

        if (string.IsNullOrWhiteSpace(deliveryId) || deliveryId.Length > 100)
        {
            errors["X-GitHub-Delivery"] = ["The header is missing or longer than 100 characters."];
        }

        var (action, repository, jsonError) = Describe(body);
        if (jsonError is not null)
        {
            errors["body"] = [jsonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The delivery is malformed");
        }

        if (eventName == "ping")
        {
            return TypedResults.Ok(new WebhookAnswer(deliveryId, "pong"));
        }

        if (!ProcessedEvents.Contains(eventName))
        {
            return TypedResults.Accepted((string?)null, new WebhookAnswer(deliveryId, "ignored"));
        }

        var recorded = await inbox.TryAddAsync(deliveryId, eventName, action, repository, body, cancellationToken);
        LogRecorded(deliveryId, eventName, action, recorded);
        if (recorded)
        {
            sender.Post(deliveryId);
        }

        return recorded
            ? TypedResults.Accepted((string?)null, new WebhookAnswer(deliveryId, "queued"))
            : TypedResults.Ok(new WebhookAnswer(deliveryId, "duplicate"));
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static (string? Action, string? Repository, string? Error) Describe(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "The body is JSON but not an object.");
            }

            var action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var repository = root.TryGetProperty("repository", out var r) && r.ValueKind == JsonValueKind.Object
                && r.TryGetProperty("full_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return (action, repository, null);
        }
        catch (JsonException e)
        {
            // The parser's message quotes the body; the position is enough to find the problem.
            return (null, null, $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).");
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery was refused: GitHub:WebhookSecret is not configured.")]
    private partial void LogNoSecret();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery was refused: signature {Reason}.")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Event}/{Action}): recorded {Recorded}.")]
    private partial void LogRecorded(string deliveryId, string @event, string? action, bool recorded);
}

/// <summary>What the endpoint answers: the delivery and what happened to it (queued, duplicate, ignored, pong).</summary>
internal sealed record WebhookAnswer(string Delivery, string Status);
