using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace TechLead.Drafting;

/// <summary>
/// Counts the input tokens of a call before it is made (tiktoken, o200k_base for the GPT-4o family), so long inputs
/// can be split to fit <see cref="DraftingOptions.MaxInputTokensPerCall"/> and every draft records what it cost.
/// </summary>
internal sealed class TokenCounter
{
    // Chat format overhead per message (role and separators) and for priming the reply, as documented for GPT-4-class models.
    private const int PerMessageOverhead = 3;
    private const int ReplyPriming = 3;

    private readonly Tokenizer _tokenizer;

    public TokenCounter(IOptions<DraftingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokenizer = Create(options.Value.TokenizerModel);
    }

    /// <summary>Input tokens of the call the Azure OpenAI drafter would make for <paramref name="request"/>.</summary>
    public int CountInput(LanguageModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (2 * PerMessageOverhead) + ReplyPriming
            + Count(SystemMessage(request))
            + Count(DraftGuardrails.WrapData(request.DataJson))
            // The JSON schema travels in response_format and is counted by the service as input too.
            + Count(request.JsonSchema);
    }

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    /// <summary>The system message: the caller's instructions plus the data rules every call carries.</summary>
    public static string SystemMessage(LanguageModelRequest request) => $"{request.Instructions}\n\n{DraftGuardrails.DataRules}";

    private static TiktokenTokenizer Create(string model)
    {
        try
        {
            return TiktokenTokenizer.CreateForModel(model);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            // An unknown model name (a fine-tune, a new family): the GPT-4o encoding is the closest estimate.
            return TiktokenTokenizer.CreateForEncoding("o200k_base");
        }
    }
}
