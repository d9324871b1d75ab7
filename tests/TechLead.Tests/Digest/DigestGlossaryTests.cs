using TechLead.Digest;
using TechLead.Signals;

namespace TechLead.Tests.Digest;

/// <summary>The glossary's one-line definitions and short source names, on the product's own definitions and sources.</summary>
public sealed class DigestGlossaryTests
{
    [Theory]
    [InlineData("Share of the week's production deployments followed by a failure: a revert of a PR it shipped, a hotfix PR (or an incident). A deployment fails at most once.",
        "Share of the week's production deployments followed by a failure.")]
    [InlineData("Lines added plus deleted per PR merged in the week (median and p90), bots' PRs left out. Size says nothing about difficulty.",
        "Lines added plus deleted per PR merged in the week, bots' PRs left out.")]
    [InlineData("Open items labelled (value:4, effort:2 (both from 1 to 5)), ranked by value divided by effort; the value is how many are rated.",
        "Open items labelled, ranked by value divided by effort.")]
    [InlineData("Short: cut only after thirty characters; otherwise kept whole.", "Short: cut only after thirty characters.")]
    public void A_definition_shortens_to_its_first_clause_without_parentheses(string definition, string expected) =>
        Assert.Equal(expected, DigestGlossary.OneLine(definition));

    [Theory]
    [InlineData(SignalSources.Dora2024, "DORA 2024")]
    [InlineData(SignalSources.Flow, "Pull request flow as measured by peers")]
    [InlineData(SignalSources.BookFastFeedback, "A. Fiser, Leveling Up as a Tech Lead, ch. 8 and 9")]
    [InlineData(SignalSources.BookReviewLoad, "A. Fiser, Leveling Up as a Tech Lead")]
    [InlineData(DoraTiers.Source, "DORA 2024")]
    public void A_source_reads_by_its_short_name(string source, string expected) =>
        Assert.Equal(expected, DigestGlossary.ShortSource(source));
}
