using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>The drafter that needs no language model: the user's sentences in SBI order, cleaned by the findings.</summary>
public sealed class OfflineSbiDrafterTests
{
    private static IReadOnlyList<SbiDraftCandidate> Draft(SbiInput input) =>
        new OfflineSbiDrafter().Draft(input, Sbi.Check(input));

    [Fact]
    public void The_planning_meeting_becomes_a_direct_and_a_warm_draft_in_SBI_order_ending_in_the_books_question()
    {
        var drafts = Draft(Sbi.PlanningMeeting());

        Assert.Equal(["direct", "warm"], drafts.Select(d => d.Style));
        Assert.Equal(
            "During yesterday's sprint planning meeting, you interrupted Priya three times while she presented the estimate. "
            + "I felt frustrated because we didn't get to hear her reasoning, and the team lost twenty minutes going back over the estimate afterwards. "
            + "How do you think we can address this?",
            drafts[0].Text);
        Assert.StartsWith("I'd like to share something I noticed. During yesterday's sprint planning meeting, you interrupted Priya", drafts[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("What do you think we could do differently?", drafts[1].Text, StringComparison.Ordinal);
        Assert.All(drafts, d => Assert.Equal(OfflineSbiDrafter.DrafterKind, d.Drafter));
    }

    [Fact]
    public void Drafts_of_clean_input_are_clean()
    {
        var input = Sbi.PlanningMeeting();

        Assert.All(Draft(input), d => Assert.Empty(Sbi.Checker().CheckDraft(d.Parts, input, Sbi.Today)));
    }

    [Fact]
    public void A_warm_tone_puts_the_warm_draft_first()
    {
        Assert.Equal("warm", Draft(Sbi.PlanningMeeting() with { Tone = FeedbackTone.Warm })[0].Style);
    }

    [Fact]
    public void Hedges_sandwich_praise_and_a_closing_instruction_are_removed_and_the_rest_is_the_users_words()
    {
        var input = Sbi.Input(
            "Great work on the demo. In yesterday's sprint planning meeting",
            "I think you maybe interrupted Priya three times while she presented the estimate",
            "I felt frustrated, and the team lost twenty minutes. Please stop interrupting people.");

        var draft = Draft(input)[0];

        Assert.Equal(
            "In yesterday's sprint planning meeting, you interrupted Priya three times while she presented the estimate. "
            + "I felt frustrated, and the team lost twenty minutes. How do you think we can address this?",
            draft.Text);
        Assert.Empty(Sbi.Checker().CheckDraft(draft.Parts, input, Sbi.Today));
    }

    [Fact]
    public void The_users_own_open_question_closes_the_draft()
    {
        var input = Sbi.Input(Sbi.PlanningSituation, Sbi.PlanningBehavior, "I felt frustrated, and the team lost twenty minutes. How could we run the next estimate differently?");

        var draft = Draft(input)[0];

        Assert.Equal("How could we run the next estimate differently?", draft.Parts.Closing);
        Assert.EndsWith("the team lost twenty minutes. How could we run the next estimate differently?", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ObservedOn_dates_a_situation_that_has_no_time()
    {
        var input = Sbi.Input("In the sprint planning meeting", Sbi.PlanningBehavior, Sbi.PlanningImpact, observedOn: new DateOnly(2025, 3, 13));

        var draft = Draft(input)[0];

        Assert.StartsWith("On 13 March 2025, in the sprint planning meeting, you interrupted Priya", draft.Text, StringComparison.Ordinal);
        Assert.Empty(Sbi.Checker().CheckDraft(draft.Parts, input, Sbi.Today));
    }

    [Fact]
    public void Positive_feedback_ends_with_what_to_keep_doing()
    {
        var input = Sbi.Input("In Tuesday's incident review", "you walked everyone through the timeline before proposing fixes",
            "I felt confident we were fixing the right things, and the team agreed on owners in ten minutes.", FeedbackKind.Positive);

        var drafts = Draft(input);

        Assert.EndsWith("Please keep doing that.", drafts[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("I wanted to say thank you for something I noticed.", drafts[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_sentences_give_a_third_shorter_draft()
    {
        var input = Sbi.Input("During yesterday's sprint planning meeting. Priya was presenting the estimate",
            "you interrupted Priya three times. You also answered for her", Sbi.PlanningImpact);

        var drafts = Draft(input);

        Assert.Equal(["direct", "warm", "short"], drafts.Select(d => d.Style));
        Assert.True(drafts[2].Optional);
        Assert.True(drafts[2].Text.Length < drafts[0].Text.Length);
    }

    [Fact]
    public void Other_languages_get_the_users_sentences_without_english_phrases()
    {
        var input = Sbi.Input("Gestern im Planungsmeeting", "hast du Priya dreimal unterbrochen", "Ich war frustriert und das Team hat zwanzig Minuten verloren.", language: "de");

        var drafts = Draft(input);

        Assert.Equal("Gestern im Planungsmeeting, hast du Priya dreimal unterbrochen. Ich war frustriert und das Team hat zwanzig Minuten verloren.", drafts[0].Text);
        Assert.DoesNotContain(drafts, d => d.Text.Contains("How do you think", StringComparison.Ordinal) || d.Text.Contains("I'd like", StringComparison.Ordinal));
    }

    [Fact]
    public void Offline_drafts_never_introduce_an_interpretation_a_directive_or_a_vague_impact()
    {
        string[] codes = [FindingCatalog.InterpretationNotObservation, FindingCatalog.DirectiveNotBehavior, FindingCatalog.ImpactNotConcrete];
        var inputs = SbiRuleCorpus.All.Where(c => c.Part != SbiPart.Closing).Select(c => c.Input()).Concat(SbiExamples.Book.Select(e => e.Input)).ToList();

        Assert.All(inputs, input =>
        {
            var given = Sbi.Check(input).Where(f => codes.Contains(f.Code)).Select(f => (f.Code, f.Part)).ToHashSet();
            Assert.All(Draft(input), draft =>
            {
                var added = Sbi.Checker().CheckDraft(draft.Parts, input, Sbi.Today).Where(f => codes.Contains(f.Code) && !given.Contains((f.Code, f.Part)));
                Assert.True(!added.Any(), $"The {draft.Style} draft of '{input.Behavior}' / '{input.Impact}' introduced {Sbi.Describe(added)}");
                Assert.Empty(FactGuard.Check(draft.Text, input));
            });
        });
        Assert.True(inputs.Count > 200);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Offline_drafts_never_add_a_fact(SbiInput input)
    {
        Assert.All(Draft(input), d => Assert.Empty(FactGuard.Check(d.Text, input)));
    }

    public static TheoryData<SbiInput> Inputs() =>
    [
        Sbi.PlanningMeeting(),
        Sbi.PlanningMeeting(FeedbackKind.Positive) with { Tone = FeedbackTone.Warm },
        Sbi.Input("In the sprint planning meeting", "maybe you were a bit rude to Priya", "It was bad.", observedOn: new DateOnly(2025, 1, 2)),
        Sbi.Input("Thanks for the demo. In standup", "Your code is full of bugs", "Can you fix it? Why did this happen?"),
        Sbi.Input(Sbi.PlanningSituation, "I think it seemed like you kind of didn't prepare for the demo", "It affects the team."),
    ];
}
