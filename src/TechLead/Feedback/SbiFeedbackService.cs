using Microsoft.Extensions.Logging;
using TechLead.Drafting;
using TechLead.Team;

namespace TechLead.Feedback;

/// <summary>
/// Checks the user's notes, drafts two or three SBI phrasings (language model when one is configured, offline
/// otherwise or as fallback), checks every draft, and keeps the result only when asked. Sends nothing to anyone.
/// Logs sizes and finding codes only: feedback text never reaches a log line.
/// </summary>
internal sealed partial class SbiFeedbackService(
    SbiChecker checker,
    OfflineSbiDrafter offline,
    LanguageModelSbiDrafter languageModelDrafter,
    IEnumerable<ILanguageModel> languageModels,
    FeedbackDraftStore store,
    TeamCalendar calendar,
    TimeProvider time,
    ILogger<SbiFeedbackService> logger)
{
    public const string NothingSent = "Nothing was sent to anyone. These are drafts for you to edit and deliver yourself, in person where you can.";

    // The last registration wins, as with any DI service; none registered means offline drafting.
    private readonly ILanguageModel? _model = languageModels.LastOrDefault();

    public static string DeleteHint(string id) => $"DELETE /api/feedback/sbi/{id}";

    public async Task<SbiFeedbackResponse> DraftAsync(SbiInput input, string owner, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var today = calendar.LocalDate(calendar.Now);
        var findings = checker.CheckInput(input, today);

        var candidates = new List<SbiDraftCandidate>();
        IReadOnlyList<RejectedDraft> rejected = [];
        string? failure = null;
        if (_model is { IsConfigured: true })
        {
            var outcome = await languageModelDrafter.DraftAsync(_model, input, findings, cancellationToken);
            candidates.AddRange(outcome.Accepted);
            rejected = outcome.Rejected;
            failure = outcome.FailureReason;
            if (failure is not null)
            {
                LogLanguageModelUnavailable(outcome.Result?.DrafterKind ?? "unknown");
            }

            if (rejected.Count > 0)
            {
                var rejectionCodes = Codes(rejected.SelectMany(r => r.Reasons).Select(r => r.Code));
                LogDraftsRejected(rejected.Count, rejectionCodes);
            }
        }

        if (candidates.Count < 2)
        {
            // Offline drafts fill in: all of them when the model gave nothing, enough to make two otherwise.
            var fill = offline.Draft(input, findings);
            candidates.AddRange(candidates.Count == 0 ? fill : fill.Take(2 - candidates.Count));
        }

        var drafts = Checked(candidates, input, today);
        var drafter = string.Join("+", drafts.Select(d => d.Drafter).Distinct());
        KeptView? kept = null;
        if (input.Keep)
        {
            var id = Guid.NewGuid().ToString("N");
            var createdAt = calendar.Now;
            await store.SaveAsync(owner, new KeptFeedback(id, createdAt, input,
                drafts.Select(d => new KeptDraft(d.Style, d.Drafter, d.Text)).ToList(),
                findings.Select(f => f.Code).Distinct().ToList()), cancellationToken);
            kept = new KeptView(id, createdAt, store.ExpiryOf(createdAt), DeleteHint(id));
        }

        var findingCodes = Codes(findings.Select(f => f.Code));
        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogDrafted(input.Situation.Length, input.Behavior.Length, input.Impact.Length, findingCodes, drafter, drafts.Count, input.Keep, elapsedMs);
        TechLead.Telemetry.TechLeadTelemetry.Drafted("sbi", drafter, drafts.Count);

        return new SbiFeedbackResponse(
            SbiInput.Name(input.Kind),
            Sent: false,
            Note: NothingSent + (kept is null ? " Nothing was stored." : $" Kept for follow-up as {kept.Id}, visible only to you, until {kept.ExpiresAt:yyyy-MM-dd}; delete it sooner with {kept.Delete}."),
            findings.Select(FindingView.Of).ToList(),
            drafts,
            drafter,
            DrafterNote(drafts, rejected, failure),
            rejected.Select(r => new RejectedDraftView(r.Drafter, r.Reasons)).ToList(),
            kept,
            new CheckedPartsView(input.Situation, input.Behavior, input.Impact));
    }

    private List<DraftView> Checked(IEnumerable<SbiDraftCandidate> candidates, SbiInput input, DateOnly today)
    {
        var drafts = new List<DraftView>();
        HashSet<string>? firstCodes = null;
        foreach (var candidate in candidates)
        {
            var text = candidate.Text;
            if (drafts.Count == 3 || drafts.Any(d => d.Text == text))
            {
                continue;
            }

            var findings = checker.CheckDraft(candidate.Parts, input, today);
            var codes = findings.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
            if (candidate.Optional && firstCodes is not null && !codes.IsSubsetOf(firstCodes))
            {
                continue;
            }

            firstCodes ??= codes;
            var parts = candidate.Parts;
            drafts.Add(new DraftView(candidate.Style, candidate.Drafter, text,
                new DraftPartsView(candidate.Opening, parts.Situation, parts.Behavior, parts.Impact, parts.Closing),
                findings.Select(FindingView.Of).ToList()));
        }

        return drafts;
    }

    private static string DrafterNote(IReadOnlyList<DraftView> drafts, IReadOnlyList<RejectedDraft> rejected, string? failure)
    {
        const string Offline = "assembled without a language model from your own sentences, in SBI order, with the checker's mechanical fixes applied";
        if (failure is not null)
        {
            return $"The language model was not used: {failure}. These drafts were {Offline}.";
        }

        if (drafts.All(d => d.Drafter == OfflineSbiDrafter.DrafterKind))
        {
            return rejected.Count > 0
                ? $"Every language-model draft added a fact you did not give and was rejected. These drafts were {Offline}."
                : $"No language model is configured. These drafts were {Offline}.";
        }

        var note = "Drafted by a language model from your notes and checked: a draft that adds a name, number, date, quote, link or interpretation of the person you did not give is rejected.";
        return drafts.Any(d => d.Drafter == OfflineSbiDrafter.DrafterKind)
            ? $"{note} {rejected.Count} draft(s) were rejected; offline drafts fill in."
            : note;
    }

    private static string Codes(IEnumerable<string> codes)
    {
        var distinct = codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? "none" : string.Join(',', distinct);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "SBI feedback drafted: situation {SituationChars} chars, behavior {BehaviorChars} chars, impact {ImpactChars} chars; findings {FindingCodes}; drafter {Drafter}, {Drafts} drafts; kept {Kept}; {ElapsedMs} ms.")]
    private partial void LogDrafted(int situationChars, int behaviorChars, int impactChars, string findingCodes, string drafter, int drafts, bool kept, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model ({Drafter}) gave no usable answer; answered with offline drafts.")]
    private partial void LogLanguageModelUnavailable(string drafter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Count} language-model drafts that added facts: {Codes}.")]
    private partial void LogDraftsRejected(int count, string codes);
}
