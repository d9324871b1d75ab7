namespace TechLead.Drafting;

/// <summary>
/// What drafting cost: the model deployment that answered, the calls made, the tokens the service reported and the
/// input tokens counted locally. A drafting pass reports it, and a draft keeps the sum over its attempts.
/// </summary>
public sealed record DraftUsage
{
    public static readonly DraftUsage None = new();

    public string? Model { get; init; }

    public string? Deployment { get; init; }

    /// <summary>Language-model calls made (a long input is split into several).</summary>
    public int Calls { get; init; }

    /// <summary>Input tokens the service reported (0 for offline drafts).</summary>
    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>Input tokens counted locally with the tokenizer: what the model calls cost or would cost.</summary>
    public int EstimatedInputTokens { get; init; }

    /// <summary>One more call's answer added.</summary>
    public DraftUsage With(LanguageModelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return this with
        {
            Calls = Calls + 1,
            InputTokens = InputTokens + result.InputTokens,
            OutputTokens = OutputTokens + result.OutputTokens,
            Model = result.Model ?? Model,
            Deployment = result.Deployment ?? Deployment,
        };
    }

    /// <summary>
    /// A later attempt's usage on top of this one: calls and reported tokens add up (each attempt was paid for);
    /// the estimate is the later one's, since every attempt drafts the same input.
    /// </summary>
    public DraftUsage Then(DraftUsage later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new DraftUsage
        {
            Model = later.Model ?? Model,
            Deployment = later.Deployment ?? Deployment,
            Calls = Calls + later.Calls,
            InputTokens = InputTokens + later.InputTokens,
            OutputTokens = OutputTokens + later.OutputTokens,
            EstimatedInputTokens = later.EstimatedInputTokens,
        };
    }
}
