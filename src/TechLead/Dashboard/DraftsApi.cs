using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using TechLead.Access;
using TechLead.Drafting;
using TechLead.Http;
using TechLead.Review;
using TechLead.Team;
using DecisionResult = Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<TechLead.Dashboard.ReviewDraftView>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>;

namespace TechLead.Dashboard;

/// <summary>
/// The review queue over HTTP: list, read (with an ETag), approve (optionally edited) and reject (with a reason).
/// Decisions need If-Match with the ETag the reviewer saw: a stale one gets 412 and changes nothing.
/// </summary>
public sealed partial class DraftsApi(
    ReviewQueue queue,
    DraftRenderer renderer,
    DraftGuardrails guardrails,
    TeamDirectory teams,
    ILogger<DraftsApi> logger)
{
    /// <summary>Largest decision body: an edited release note fits many times over.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The queue, filtered by <c>?status=</c>, <c>?kind=</c> and <c>?team=</c> (each optional).</summary>
    public async Task<Results<JsonHttpResult<DraftList>, ValidationProblem>> ListAsync(string? status, string? kind, string? team, CancellationToken cancellationToken)
    {
        status ??= "";
        kind ??= "";
        var problems = new Dictionary<string, string[]>();
        if (status.Length > 0 && status != "all" && DraftStatuses.Parse(status) is null)
        {
            problems["status"] = [$"Not a status; use one of {string.Join(", ", DraftStatuses.All)} or all."];
        }

        if (kind.Length > 40 || kind.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-'))
        {
            problems["kind"] = [$"Not a draft kind: lowercase letters, digits and hyphens, at most 40 (lowercase letters, digits and hyphens, e.g. {DraftKinds.ReleaseNotes} or {DraftKinds.AdrSummary})."];
        }

        // ?team= narrows the queue to that team's repositories; without it, every team's drafts.
        var teamText = team ?? "";
        var scope = teamText.Length == 0 ? null : teams.Find(teamText);
        if (teamText.Length > 0 && scope is null)
        {
            problems["team"] = [teams.UnknownTeam];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The draft filter has problems", detail: "Every problem is listed under errors, by query parameter.");
        }

        var listing = await queue.ReadAsync(DraftStatuses.Parse(status), cancellationToken);
        var views = listing.Drafts.Where(d => (kind.Length == 0 || d.Kind == kind) && (scope is null || d.BelongsTo(scope))).Select(View).ToArray();
        return ApiJson.Ok(new DraftList(views.Length, views, listing.SkippedKeys.Count));
    }

    public async Task<Results<JsonHttpResult<ReviewDraftView>, ProblemHttpResult>> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(id, cancellationToken) is not { } draft)
        {
            return NotFound(id);
        }

        var view = View(draft);
        request.HttpContext.Response.Headers.ETag = view.Version;
        return ApiJson.Ok(view);
    }

    /// <summary>
    /// <c>POST /api/drafts/preview</c> with <c>{"text": "..."}</c>: the text rendered as an approved draft will read,
    /// for the edit-then-approve preview. Renders only; nothing is stored.
    /// </summary>
    public async Task<Results<JsonHttpResult<DraftPreview>, ProblemHttpResult, ValidationProblem>> PreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await RequestBody.ReadBoundedAsync(request, MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return TooLarge();
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Unsupported content type", detail: "Send {\"text\": \"...\"} with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return PreviewInvalid("$", "The body is not valid JSON.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return PreviewInvalid("$", "The body must be a JSON object.");
        }

        if (!body.TryGetProperty("text", out var text))
        {
            return PreviewInvalid("text", "Give the text to preview: {\"text\": \"...\"} (markdown).");
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            return PreviewInvalid("text", "text must be a string.");
        }

        return ApiJson.Ok(new DraftPreview(DraftMarkdown.ToHtml(text.GetString())));
    }

    public Task<DecisionResult> ApproveAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        DecideAsync(request, id, "approve", async (body, reviewer, version) =>
        {
            var edited = Text(body, "editedText");
            return await queue.ApproveAsync(id, reviewer.Label, edited, version, cancellationToken);
        }, requires: null, cancellationToken);

    public Task<DecisionResult> RejectAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        DecideAsync(request, id, "reject", async (body, reviewer, version) =>
            await queue.RejectAsync(id, reviewer.Label, Text(body, "reason"), version, cancellationToken),
            requires: "reason", cancellationToken);

    private async Task<DecisionResult> DecideAsync(
        HttpRequest request,
        string id,
        string decision,
        Func<JsonElement, Caller, string, Task<DraftRecord>> decide,
        string? requires,
        CancellationToken cancellationToken)
    {
        var reviewer = Caller.Of(request);
        var version = request.Headers.IfMatch.ToString();
        if (version.Length == 0)
        {
            return TypedResults.Problem(
                title: "If-Match required",
                detail: "Send If-Match with the ETag from GET /api/drafts/{id}, so a decision is made on the version you read. Nothing was changed.",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var (body, refused, invalid) = await ReadBodyAsync(request, requires, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (invalid is not null)
        {
            return invalid;
        }

        if (await FindAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        try
        {
            var decided = await decide(body, reviewer, version);
            var status = decided.Status.ToStoredString();
            LogDecided(decided.Id, status);
            var view = View(decided);
            request.HttpContext.Response.Headers.ETag = view.Version;
            return ApiJson.Ok(view);
        }
        catch (DraftChangedException e)
        {
            return TypedResults.Problem(title: "The draft changed since you loaded it", detail: e.Message, statusCode: StatusCodes.Status412PreconditionFailed);
        }
        catch (DraftDecisionException e)
        {
            return TypedResults.Problem(title: $"This draft cannot be {(decision == "approve" ? "approved" : "rejected")}", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<(JsonElement Body, ProblemHttpResult? Refused, ValidationProblem? Invalid)> ReadBodyAsync(HttpRequest request, string? requires, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadBoundedAsync(request, MaxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (default, TooLarge(), null);
        }

        if (bytes.Length == 0 && requires is null)
        {
            return (default, null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (default, TypedResults.Problem(title: "Unsupported content type", detail: "Send the decision as a JSON object with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType), null);
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (default, null, Invalid("$", "The body is not valid JSON."));
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (default, null, Invalid("$", "The body must be a JSON object."));
        }

        foreach (var field in new[] { "editedText", "reason" })
        {
            if (body.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (default, null, Invalid(field, $"{field} must be a string."));
            }
        }

        if (requires is not null && string.IsNullOrWhiteSpace(Text(body, requires)))
        {
            return (default, null, Invalid(requires, $"Give a {requires}: it is stored with the decision, so the next draft can do better."));
        }

        return (body, null, null);
    }

    private static string? Text(JsonElement body, string field) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The decision has problems", detail: "Nothing was changed.");

    private static ValidationProblem PreviewInvalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The preview request has problems", detail: "Nothing was rendered.");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(title: "Request body too large", detail: $"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private async Task<DraftRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) ? await queue.GetAsync(id, cancellationToken) : null;

    /// <summary>Ids as the queue makes them: a short kind, a hyphen and 16 hex digits.</summary>
    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private ReviewDraftView View(DraftRecord draft) => ReviewDraftView.Of(draft, renderer, guardrails);

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        title: "No draft with this id",
        detail: "There is no draft with the id in the path. GET /api/drafts?status=all lists every draft.",
        statusCode: StatusCodes.Status404NotFound);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {Id} decided on the dashboard: {Status}.")]
    private partial void LogDecided(string id, string status);
}

/// <summary>The review queue as listed; <c>Skipped</c> counts rows that could not be read (logged, left in place).</summary>
public sealed record DraftList(int Count, IReadOnlyList<ReviewDraftView> Drafts, int Skipped);

/// <summary>Draft text rendered as it will read: <c>POST /api/drafts/preview</c>'s answer.</summary>
public sealed record DraftPreview(string Html);
