using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Access;
using TechLead.Http;
using TechLead.Team;

namespace TechLead.Feedback;

/// <summary>
/// HTTP handlers for SBI feedback, shared by <c>serve</c> and the Functions triggers. Bad input always gets a
/// ProblemDetails (RFC 9457) answer listing every problem: 400, 413 or 415, never a 500.
/// </summary>
public sealed partial class SbiFeedbackEndpoint
{
    private readonly SbiFeedbackService service;
    private readonly FeedbackDraftStore store;
    private readonly TeamCalendar calendar;
    private readonly IOptions<FeedbackOptions> options;
    private readonly ILogger<SbiFeedbackEndpoint> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal SbiFeedbackEndpoint(
        SbiFeedbackService service,
        FeedbackDraftStore store,
        TeamCalendar calendar,
        IOptions<FeedbackOptions> options,
        ILogger<SbiFeedbackEndpoint> logger)
    {
        this.service = service;
        this.store = store;
        this.calendar = calendar;
        this.options = options;
        this.logger = logger;
    }

    public async Task<Results<Ok<SbiFeedbackResponse>, ProblemHttpResult, ValidationProblem>> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = TechLead.Telemetry.TechLeadTelemetry.StartRequest("SbiFeedback");
        if (!request.HasJsonContentType())
        {
            LogRefused(StatusCodes.Status415UnsupportedMediaType, "content-type");
            return TypedResults.Problem(
                title: "Unsupported content type",
                detail: "Send the feedback as a JSON object with Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var limit = options.Value.MaxRequestBytes;
        var body = await RequestBody.ReadBoundedAsync(request, limit, cancellationToken);
        if (body is null)
        {
            LogRefused(StatusCodes.Status413PayloadTooLarge, "body");
            return TypedResults.Problem(
                title: "Request body too large",
                detail: $"The body is larger than {limit} bytes. Each of situation, behavior and impact may have up to {options.Value.MaxPartLength} characters.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var read = SbiRequestReader.Read(body, options.Value.MaxPartLength, calendar.LocalDate(calendar.Now));
        if (!read.IsValid)
        {
            var fields = FieldNames(read.Problems.Keys);
            LogRefused(StatusCodes.Status400BadRequest, fields);
            return TypedResults.ValidationProblem(
                read.Problems.ToDictionary(p => p.Key, p => p.Value),
                title: "The feedback request has problems",
                detail: "Every problem is listed under errors, by field. Nothing was drafted, stored or sent.");
        }

        return TypedResults.Ok(await service.DraftAsync(read.Input!, Caller.Of(request).OwnerKey, cancellationToken));
    }

    /// <summary>The caller's own kept drafts (no text): nobody sees another person's.</summary>
    public async Task<Ok<KeptFeedbackList>> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var kept = await store.ListAsync(Caller.Of(request).OwnerKey, cancellationToken);
        return TypedResults.Ok(new KeptFeedbackList(kept.Count, options.Value.KeepDays, kept));
    }

    /// <summary>One of the caller's kept drafts; another person's answers 404 exactly as a missing one does.</summary>
    public async Task<Results<Ok<KeptFeedbackView>, ProblemHttpResult>> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var kept = IsId(id) ? await store.GetAsync(Caller.Of(request).OwnerKey, id, cancellationToken) : null;
        return kept is null ? NotFound(id) : TypedResults.Ok(KeptFeedbackView.Of(kept));
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!IsId(id) || !await store.DeleteAsync(Caller.Of(request).OwnerKey, id, cancellationToken))
        {
            return NotFound(id);
        }

        LogDeleted(id);
        return TypedResults.NoContent();
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        title: "No kept feedback with this id",
        detail: IsId(id) ? "You have no kept feedback with this id: it was never kept by you, was deleted, or expired." : "Ids are 32 lowercase hexadecimal characters, as returned in kept.id.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>The detail of the 503 the route gate answers when Table Storage fails under one of these handlers.</summary>
    public static string Unavailable(string what) => $"{what}: Table Storage did not answer. Nothing was sent to anyone.";

    /// <summary>Known field names only: an unknown key is the caller's text and stays out of the log.</summary>
    private static string FieldNames(IEnumerable<string> keys) =>
        string.Join(',', keys.Select(k => k is "$" or "kind" or "situation" or "behavior" or "impact" or "observedOn" or "audience" or "tone" or "language" or "keep" ? k : "unknown-field").Distinct().Order(StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "SBI feedback request refused with {Status}: {Fields}.")]
    private partial void LogRefused(int status, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept SBI feedback {Id} deleted.")]
    private partial void LogDeleted(string id);
}

/// <summary>The answer to <c>GET /api/feedback/sbi</c>: the caller's kept drafts and how long each is kept.</summary>
public sealed record KeptFeedbackList(int Count, int KeepDays, IReadOnlyList<KeptFeedbackSummary> Kept);
