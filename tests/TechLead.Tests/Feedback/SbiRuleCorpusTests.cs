using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>Every sentence of <see cref="SbiRuleCorpus"/>, on its side of its rule.</summary>
public sealed class SbiRuleCorpusTests
{
    public static TheoryData<string, SbiPart, string, bool, FeedbackKind, string?> Cases()
    {
        var data = new TheoryData<string, SbiPart, string, bool, FeedbackKind, string?>();
        foreach (var c in SbiRuleCorpus.All)
        {
            data.Add(c.Code, c.Part, c.Text, c.Flagged, c.Kind, c.Behavior);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_flags_its_positive_sentences_and_leaves_its_negative_ones_clean(
        string code, SbiPart part, string text, bool flagged, FeedbackKind kind, string? behavior)
    {
        var findings = new SbiRuleCorpus.Case(code, part, text, flagged) { Kind = kind, Behavior = behavior }.Findings();

        Assert.True(findings.Any(f => f.Code == code && f.Part == part) == flagged,
            $"Expected {(flagged ? "" : "no ")}{code} on {part} for '{text}', got: {Sbi.Describe(findings)}");
    }

    [Fact]
    public void Every_word_rule_has_sentences_on_both_sides()
    {
        var structural = new[] { FindingCatalog.HiddenCharacters, FindingCatalog.LanguageNotChecked };
        Assert.All(FindingCatalog.All.Select(r => r.Code).Except(structural), code =>
        {
            Assert.Contains(SbiRuleCorpus.All, c => c.Code == code && c.Flagged);
            Assert.Contains(SbiRuleCorpus.All, c => c.Code == code && !c.Flagged);
        });
    }
}
