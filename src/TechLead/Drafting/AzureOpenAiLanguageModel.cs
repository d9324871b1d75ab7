using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;
using Azure.AI.OpenAI;
using Azure.AI.OpenAI.Chat;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using TechLead.Telemetry;

namespace TechLead.Drafting;

/// <summary>
/// One structured-output chat completion against an Azure OpenAI deployment: instructions in the system message, the
/// untrusted data only in a delimited JSON block in the user message, strict JSON-schema output, no tools, a cap on
/// output tokens. Every failure (rate limit, content filter, refusal, cut-off or malformed answer, transport) comes
/// back as a result with the reason, never as half an answer.
/// </summary>
internal sealed partial class AzureOpenAiLanguageModel(IOptions<DraftingOptions> options, TimeProvider time, ILogger<AzureOpenAiLanguageModel> logger) : ILanguageModel
{
    private readonly Lazy<ChatClient?> _chat = new(() => CreateClient(options.Value, time));

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<LanguageModelResult> CompleteJsonAsync(LanguageModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (_chat.Value is not { } chat)
        {
            return Failed("no language model is configured (Drafting:Endpoint is empty)", retryable: false);
        }

        string userMessage;
        try
        {
            userMessage = DraftGuardrails.WrapData(request.DataJson);
        }
        catch (JsonException)
        {
            return Failed("the data for the model is not JSON (a defect in the caller)", retryable: false);
        }

        ChatMessage[] messages = [new SystemChatMessage(TokenCounter.SystemMessage(request)), new UserChatMessage(userMessage)];
        var completionOptions = NewCompletionOptions(settings.UseMaxTokens);
        completionOptions.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(request.SchemaName, BinaryData.FromString(request.JsonSchema), jsonSchemaIsStrict: true);
        completionOptions.MaxOutputTokenCount = Math.Min(request.MaxOutputTokens, settings.MaxOutputTokens);

        ChatCompletion completion;
        try
        {
            completion = (await chat.CompleteChatAsync(messages, completionOptions, cancellationToken)).Value;
        }
        catch (ClientResultException e)
        {
            var failure = FromServiceError(e);
            LogFailed(request.Purpose, failure.FailureReason ?? "");
            return failure;
        }
        catch (HttpRequestException e)
        {
            LogFailed(request.Purpose, e.Message);
            return Failed($"Azure OpenAI at {settings.Endpoint} is unreachable ({e.Message})", retryable: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"Azure OpenAI did not answer within {settings.NetworkTimeout.TotalSeconds:0} seconds", retryable: true);
        }

        var result = FromCompletion(completion);
        TechLeadTelemetry.Tokens(settings.Deployment, result.InputTokens, result.OutputTokens);
        if (result.Succeeded)
        {
            LogCompleted(request.Purpose, settings.Deployment, result.InputTokens, result.OutputTokens);
        }
        else
        {
            LogFailed(request.Purpose, result.FailureReason ?? "");
        }

        return result;
    }

    /// <summary>
    /// A one-token request to the deployment, for the doctor: returns the model name the service reports. Throws the
    /// client's <see cref="ClientResultException"/> (its status) or <see cref="HttpRequestException"/> for the caller to explain.
    /// </summary>
    internal async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        var chat = _chat.Value ?? throw new InvalidOperationException("No language model is configured (Drafting:Endpoint is empty).");
        var completionOptions = NewCompletionOptions(options.Value.UseMaxTokens);
        completionOptions.MaxOutputTokenCount = 1;
        var completion = (await chat.CompleteChatAsync([new UserChatMessage("ping")], completionOptions, cancellationToken)).Value;
        return completion.Model;
    }

    private LanguageModelResult FromCompletion(ChatCompletion completion)
    {
        var usage = completion.Usage;
        LanguageModelResult Result(string? json, string? failure, bool retryable = true) => new()
        {
            DrafterKind = DrafterKinds.AzureOpenAi,
            Deployment = options.Value.Deployment,
            Model = completion.Model,
            InputTokens = usage?.InputTokenCount ?? 0,
            OutputTokens = usage?.OutputTokenCount ?? 0,
            Json = json,
            FailureReason = failure,
            Retryable = retryable,
        };

        if (completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            return Result(null, "not drafted: the answer was blocked by the Azure OpenAI content filter", retryable: false);
        }

        if (!string.IsNullOrWhiteSpace(completion.Refusal))
        {
            return Result(null, $"not drafted: the model refused ({Shorten(completion.Refusal)})", retryable: false);
        }

        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (completion.FinishReason == ChatFinishReason.Length)
        {
            // Reasoning models spend the cap on reasoning first: no content at all means nothing was written yet.
            return Result(null, string.IsNullOrWhiteSpace(text)
                ? "not drafted: output cap reached, raise Drafting:MaxOutputTokens"
                : "not drafted: the answer was cut off at Drafting:MaxOutputTokens, raise it", retryable: false);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Result(null, "not drafted: the answer was JSON but not an object");
            }
        }
        catch (JsonException)
        {
            return Result(null, "not drafted: the answer was not valid JSON");
        }

        return Result(text, null);
    }

    private LanguageModelResult FromServiceError(ClientResultException e)
    {
        var response = e.GetRawResponse();
        var (code, message, categories) = ReadError(response?.Content?.ToString());
        var retryAfter = RetryAfterPolicy.RequestedWait(response, time);
        if (e.Status == 400 && code is "content_filter")
        {
            var which = categories.Count > 0 ? $" ({string.Join(", ", categories)})" : "";
            return Failed($"not drafted: the input was blocked by the Azure OpenAI content filter{which}", retryable: false);
        }

        if (e.Status == 429)
        {
            var wait = retryAfter is { } w ? string.Create(CultureInfo.InvariantCulture, $"; the service asked to wait {w.TotalSeconds:0.#} s") : "";
            return Failed($"not drafted yet: Azure OpenAI is rate limiting this deployment{wait}", retryable: true) with { RetryAfter = retryAfter };
        }

        var retryable = e.Status is 0 or 408 or >= 500;
        var detail = code is null ? "" : $" {code}";
        var hint = e.Status switch
        {
            401 or 403 => " (check Drafting:ApiKey, or the identity's 'Cognitive Services OpenAI User' role)",
            404 => " (check Drafting:Endpoint and Drafting:Deployment)",
            400 when message?.Contains("max_", StringComparison.Ordinal) == true =>
                " (Drafting:UseMaxTokens=true sends max_tokens for older deployments; false sends max_completion_tokens)",
            _ => "",
        };
        return Failed($"not drafted: Azure OpenAI answered {e.Status}{detail}{(message is null ? "" : $": {Shorten(message)}")}{hint}", retryable) with { RetryAfter = retryAfter };
    }

    private static (string? Code, string? Message, List<string> FilteredCategories) ReadError(string? body)
    {
        var categories = new List<string>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, categories);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null, categories);
            }

            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("content_filter_result", out var filter) && filter.ValueKind == JsonValueKind.Object)
            {
                foreach (var category in filter.EnumerateObject())
                {
                    if (category.Value.ValueKind == JsonValueKind.Object
                        && category.Value.TryGetProperty("filtered", out var filtered) && filtered.ValueKind == JsonValueKind.True)
                    {
                        categories.Add(category.Name);
                    }
                }
            }

            return (code, message, categories);
        }
        catch (JsonException)
        {
            return (null, null, categories);
        }
    }

    private LanguageModelResult Failed(string reason, bool retryable) => new()
    {
        DrafterKind = DrafterKinds.AzureOpenAi,
        Deployment = options.Value.Deployment,
        FailureReason = reason,
        Retryable = retryable,
    };

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 199), "…");
    }

    /// <summary>
    /// Options that send the output cap as max_completion_tokens (gpt-5-family and o-series deployments reject
    /// max_tokens), or as max_tokens when <paramref name="useMaxTokens"/>. Azure.AI.OpenAI 2.1.0's switch works only on
    /// options read by the model reader (on options made with new it throws ArgumentNullException).
    /// </summary>
    private static ChatCompletionOptions NewCompletionOptions(bool useMaxTokens)
    {
        var completionOptions = ModelReaderWriter.Read<ChatCompletionOptions>(BinaryData.FromString("{}"))!;
        if (!useMaxTokens)
        {
#pragma warning disable AOAI001 // Evaluation API; the only way 2.1.0 offers to send max_completion_tokens.
            completionOptions.SetNewMaxCompletionTokensPropertyEnabled(true);
#pragma warning restore AOAI001
        }

        return completionOptions;
    }

    private static ChatClient? CreateClient(DraftingOptions settings, TimeProvider time)
    {
        if (settings.Endpoint is null)
        {
            return null;
        }

        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new RetryAfterPolicy(settings.MaxRetries, settings.MaxRetryWait, time),
            NetworkTimeout = settings.NetworkTimeout,
        };
        var client = string.IsNullOrWhiteSpace(settings.ApiKey)
            ? new AzureOpenAIClient(settings.Endpoint, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(settings.Endpoint, new ApiKeyCredential(settings.ApiKey), clientOptions);
        return client.GetChatClient(settings.Deployment);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Language model call for {Purpose} on deployment {Deployment}: {InputTokens} input and {OutputTokens} output tokens.")]
    private partial void LogCompleted(string purpose, string deployment, int inputTokens, int outputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model call for {Purpose} failed: {Reason}")]
    private partial void LogFailed(string purpose, string reason);
}
