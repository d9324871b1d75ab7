using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>"The user's facts are the only facts": a draft may rephrase, never add a name, number, date, quote, link or interpretation.</summary>
public sealed class FactGuardTests
{
    private static IReadOnlyList<FactViolation> Check(string draft, SbiInput? input = null) => FactGuard.Check(draft, input ?? Sbi.PlanningMeeting());

    [Fact]
    public void A_faithful_rephrasing_passes()
    {
        var violations = Check("In yesterday's sprint planning meeting, you interrupted Priya 3 times as she presented her estimate. "
            + "I was frustrated that we didn't hear her reasoning, and the team spent twenty minutes revisiting the estimate. How do you think we can address this?");

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("Sam", FactGuard.AddsName)]
    [InlineData("@priya-k", FactGuard.AddsName)]
    [InlineData("Jira", FactGuard.AddsName)]
    [InlineData("5", FactGuard.AddsNumber)]
    [InlineData("four", FactGuard.AddsNumber)]
    [InlineData("Friday", FactGuard.AddsDate)]
    [InlineData("morning", FactGuard.AddsDate)]
    [InlineData("https://example.com/pr/1", FactGuard.AddsLink)]
    public void A_draft_that_adds_a_fact_is_rejected_naming_it(string added, string code)
    {
        var violations = Check($"During yesterday's sprint planning meeting, you interrupted Priya three times while she presented the estimate with {added}. I felt frustrated.");

        var violation = Assert.Single(violations);
        Assert.Equal(code, violation.Code);
        Assert.Equal(added, violation.Token);
    }

    [Fact]
    public void An_invented_quote_is_rejected_and_a_quote_of_the_user_is_not()
    {
        var input = Sbi.Input("During yesterday's sprint planning meeting", "you said \"that estimate is fantasy\" while Priya presented it", Sbi.PlanningImpact);

        Assert.Equal(FactGuard.AddsQuote, Assert.Single(Check("You said \"this plan will never work\" in the meeting.", input)).Code);
        Assert.Empty(Check("You said \"that estimate is fantasy\" in the meeting.", input));
    }

    [Fact]
    public void The_date_the_user_gave_as_observedOn_may_be_stated()
    {
        var input = Sbi.Input("In the sprint planning meeting", Sbi.PlanningBehavior, Sbi.PlanningImpact, observedOn: new DateOnly(2025, 3, 13));

        Assert.Empty(Check("On 13 March 2025, in the sprint planning meeting (a Thursday), you interrupted Priya.", input));
    }

    [Fact]
    public void A_different_day_than_observedOn_is_a_new_number()
    {
        var input = Sbi.Input("In the sprint planning meeting", Sbi.PlanningBehavior, Sbi.PlanningImpact, observedOn: new DateOnly(2025, 3, 13));

        var violation = Assert.Single(Check("On 12 March 2025, in the sprint planning meeting, you interrupted Priya.", input));

        Assert.Equal(new FactViolation(FactGuard.AddsNumber, "12"), violation);
    }

    [Theory]
    [InlineData("you seemed distracted")]
    [InlineData("it looked like you didn't prepare")]
    [InlineData("you came across as defensive")]
    [InlineData("you were not paying attention")]
    public void An_interpretation_the_user_did_not_write_is_a_new_fact(string interpretation)
    {
        var violations = Check($"During yesterday's sprint planning meeting, {interpretation} and interrupted Priya three times while she presented the estimate. I felt frustrated.");

        var violation = Assert.Single(violations);
        Assert.Equal(FactGuard.AddsInterpretation, violation.Code);
        Assert.StartsWith(interpretation, violation.Token, StringComparison.Ordinal);
    }

    [Fact]
    public void The_users_own_interpretation_may_stay_in_a_draft_but_not_a_stronger_one()
    {
        var input = Sbi.Input(Sbi.PlanningSituation, "you seemed distracted while Priya presented the estimate", Sbi.PlanningImpact);

        Assert.Empty(Check("During yesterday's sprint planning meeting, you seemed distracted while Priya presented the estimate.", input));
        Assert.Equal(FactGuard.AddsInterpretation,
            Assert.Single(Check("During yesterday's sprint planning meeting, you seemed completely bored while Priya presented the estimate.", input)).Code);
    }
}
