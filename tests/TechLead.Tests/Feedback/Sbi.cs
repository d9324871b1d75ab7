using Microsoft.Extensions.Options;
using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>Feedback inputs for tests, starting with the planning-meeting example of
/// "Leveling Up as a Tech Lead" (A. Fiser), ch. 5, written in its spirit.</summary>
internal static class Sbi
{
    public static readonly DateOnly Today = new(2025, 3, 14);

    public const string PlanningSituation = "During yesterday's sprint planning meeting";
    public const string PlanningBehavior = "you interrupted Priya three times while she presented the estimate";
    public const string PlanningImpact = "I felt frustrated because we didn't get to hear her reasoning, and the team lost twenty minutes going back over the estimate afterwards.";

    public static SbiInput PlanningMeeting(FeedbackKind kind = FeedbackKind.Constructive) =>
        Input(PlanningSituation, PlanningBehavior, PlanningImpact, kind);

    public static SbiInput Input(string situation, string behavior, string impact, FeedbackKind kind = FeedbackKind.Constructive,
        DateOnly? observedOn = null, string language = "en", FeedbackTone tone = FeedbackTone.Direct) => new()
    {
        Kind = kind,
        Situation = situation,
        Behavior = behavior,
        Impact = impact,
        ObservedOn = observedOn,
        Language = language,
        Tone = tone,
    };

    public static SbiChecker Checker(int staleAfterWeeks = 4) =>
        new(Options.Create(new FeedbackOptions { StaleAfterWeeks = staleAfterWeeks }));

    public static IReadOnlyList<SbiFinding> Check(SbiInput input, int staleAfterWeeks = 4) =>
        Checker(staleAfterWeeks).CheckInput(input, Today);

    public static IReadOnlyList<SbiFinding> CheckDraft(SbiParts draft, FeedbackKind kind = FeedbackKind.Constructive) =>
        Checker().CheckDraft(draft, Input(draft.Situation, draft.Behavior, draft.Impact, kind), Today);

    public static string Describe(IEnumerable<SbiFinding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.Code}@{f.Part}:'{f.Span?.Text}'"));
}
