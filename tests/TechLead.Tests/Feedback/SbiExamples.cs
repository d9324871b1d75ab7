using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>
/// The examples of "Leveling Up as a Tech Lead" (A. Fiser), ch. 5, as this project writes them, clean ones and the
/// book's counter-examples, in one place so the checker tests, the drafter tests and the rule-set report all use the
/// same inputs.
/// </summary>
internal static class SbiExamples
{
    public sealed record Example(string Name, SbiInput Input, bool Clean);

    public static IReadOnlyList<Example> Book { get; } =
    [
        new("planning meeting (constructive)", Sbi.PlanningMeeting(), Clean: true),
        new("incident review (positive)", Sbi.Input(
            "In Tuesday's incident review with the payments team",
            "you walked everyone through the timeline and named the two alerts that did not fire",
            "I felt confident we were fixing the right things, and the team agreed on owners in ten minutes.",
            FeedbackKind.Positive), Clean: true),
        new("planning meeting, dated by observedOn", Sbi.Input("In the sprint planning meeting", Sbi.PlanningBehavior, Sbi.PlanningImpact,
            observedOn: new DateOnly(2025, 3, 13)), Clean: true),
        new("planning meeting, hedged and ending in an instruction (docs example)", Sbi.Input(
            Sbi.PlanningSituation,
            "I think you interrupted Priya three times while she presented the estimate",
            "I felt frustrated because we didn't get to hear her reasoning, and the team lost twenty minutes going back over the estimate. Please let people finish."),
            Clean: false),
        new("\"your code is full of bugs\"", Sbi.Input("In yesterday's review of the checkout pull request", "Your code is full of bugs.", Sbi.PlanningImpact), Clean: false),
        new("feedback sandwich", Sbi.Input(
            "Great work on the demo yesterday. In the planning meeting afterwards",
            Sbi.PlanningBehavior,
            "I felt frustrated and the team lost twenty minutes. Overall you're doing great!"), Clean: false),
        new("\"six months ago\" (far too stale)", Sbi.Input("In the sprint planning meeting six months ago", Sbi.PlanningBehavior, Sbi.PlanningImpact), Clean: false),
    ];
}
