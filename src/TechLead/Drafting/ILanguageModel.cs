namespace TechLead.Drafting;

/// <summary>
/// One structured-output call to a language model. Untrusted text goes only in <see cref="DataJson"/> (a delimited
/// JSON data block), never in the instructions; the answer must match <see cref="JsonSchema"/>.
/// </summary>
public sealed record LanguageModelRequest(
    string Purpose,
    string Instructions,
    string DataJson,
    string SchemaName,
    string JsonSchema,
    int MaxOutputTokens);

/// <summary>The answer, or why there is none (rate limited, filtered, refused, malformed). Never half a draft.</summary>
public sealed record LanguageModelResult
{
    public bool Succeeded => Json is not null && FailureReason is null;
    public string? Json { get; init; }
    public string? FailureReason { get; init; }
    /// <summary>"azure-openai" or "offline".</summary>
    public required string DrafterKind { get; init; }
    public string? Model { get; init; }
    public string? Deployment { get; init; }
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }

    /// <summary>
    /// False when asking again with the same input cannot help (content filter, refusal, no endpoint, bad request):
    /// the draft then stays pending with the reason until a person retries it or drafts it offline.
    /// </summary>
    public bool Retryable { get; init; } = true;

    /// <summary>How long the service asked us to wait (Retry-After / retry-after-ms) when it was still rate limiting.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

internal interface ILanguageModel
{
    /// <summary>False when no endpoint is configured: callers then use their offline (template) drafter.</summary>
    bool IsConfigured { get; }

    Task<LanguageModelResult> CompleteJsonAsync(LanguageModelRequest request, CancellationToken cancellationToken);
}
