using TechLead.Drafting;

namespace TechLead.Tests.Feedback;

/// <summary>An <see cref="ILanguageModel"/> that answers with what the test gives it and remembers every request.</summary>
internal sealed class CannedLanguageModel(Func<LanguageModelRequest, CancellationToken, Task<LanguageModelResult>> answer) : ILanguageModel
{
    public const string Kind = "azure-openai";

    public List<LanguageModelRequest> Requests { get; } = [];

    public bool IsConfigured { get; init; } = true;

    public static CannedLanguageModel Json(string json) =>
        new((_, _) => Task.FromResult(new LanguageModelResult { Json = json, DrafterKind = Kind, Model = "gpt-test", InputTokens = 10, OutputTokens = 20 }));

    public static CannedLanguageModel Failure(string reason) =>
        new((_, _) => Task.FromResult(new LanguageModelResult { FailureReason = reason, DrafterKind = Kind }));

    public static CannedLanguageModel Throws(Exception exception) => new((_, _) => Task.FromException<LanguageModelResult>(exception));

    public static CannedLanguageModel Hangs() => new(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public Task<LanguageModelResult> CompleteJsonAsync(LanguageModelRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return answer(request, cancellationToken);
    }

    /// <summary>The JSON the schema asks for, one draft per (situation, behavior, impact, closing).</summary>
    public static string Drafts(params (string Situation, string Behavior, string Impact, string Closing)[] drafts) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            drafts = drafts.Select(d => new { situation = d.Situation, behavior = d.Behavior, impact = d.Impact, closing = d.Closing }),
        });
}
