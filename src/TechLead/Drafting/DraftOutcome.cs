namespace TechLead.Drafting;

/// <summary>
/// What one drafting pass produced: the documents (e.g. technical and business release notes) with the findings and
/// what the pass cost, or, when the model failed, only the reason. Never half a draft.
/// </summary>
public sealed record DraftOutcome
{
    public IReadOnlyList<DraftDocument> Documents { get; init; } = [];

    public IReadOnlyList<DraftFinding> Findings { get; init; } = [];

    public required string DrafterKind { get; init; }

    /// <summary>What this pass cost, also when it failed.</summary>
    public DraftUsage Usage { get; init; } = DraftUsage.None;

    public string? FailureReason { get; init; }

    public bool Retryable { get; init; } = true;

    public TimeSpan? RetryAfter { get; init; }

    public bool Succeeded => FailureReason is null;
}

/// <summary>Adds up the calls of one drafting pass; the first failure ends it.</summary>
internal sealed class DraftCallLedger
{
    public DraftUsage Usage { get; private set; } = DraftUsage.None;

    public LanguageModelResult? Failure { get; private set; }

    public void Estimate(int tokens) => Usage = Usage with { EstimatedInputTokens = Usage.EstimatedInputTokens + tokens };

    public void Record(LanguageModelResult result)
    {
        Usage = Usage.With(result);
        if (!result.Succeeded)
        {
            Failure ??= result;
        }
    }

    public DraftOutcome Outcome(IReadOnlyList<DraftDocument> documents, IReadOnlyList<DraftFinding> findings, string drafterKind)
    {
        var spent = new DraftOutcome { DrafterKind = drafterKind, Usage = Usage };
        return Failure is { } failure
            ? spent with { FailureReason = failure.FailureReason ?? "not drafted", Retryable = failure.Retryable, RetryAfter = failure.RetryAfter }
            : spent with { Documents = documents, Findings = Distinct(findings) };
    }

    private const int MaxFindings = 100;

    // A flood of findings (say, hidden characters in every PR) must not outgrow the stored draft: keep the first ones and count the rest.
    private static List<DraftFinding> Distinct(IReadOnlyList<DraftFinding> findings)
    {
        var distinct = findings.Distinct().ToList();
        return distinct.Count <= MaxFindings
            ? distinct
            : [.. distinct.Take(MaxFindings - 1), new DraftFinding("more-findings", $"{distinct.Count - MaxFindings + 1} more findings are not shown.")];
    }
}
