using TechLead.Feedback;
using Xunit.Abstractions;

namespace TechLead.Tests.Feedback;

/// <summary>
/// Prints what docs/feedback.md reports: sentences per rule, the findings on the examples of
/// "Leveling Up as a Tech Lead" (A. Fiser), and on the sentences of
/// issue #14. Run with
/// <c>dotnet test tests/TechLead.Tests --filter "FullyQualifiedName~SbiRuleSetReport" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class SbiRuleSetReport(ITestOutputHelper output)
{
    [Fact]
    public void Findings_on_the_books_examples()
    {
        output.WriteLine("| example | findings on the input | findings on the offline drafts |");
        output.WriteLine("|---|---|---|");
        foreach (var example in SbiExamples.Book)
        {
            var findings = Sbi.Check(example.Input);
            var drafts = new OfflineSbiDrafter().Draft(example.Input, findings)
                .SelectMany(d => Sbi.Checker().CheckDraft(d.Parts, example.Input, Sbi.Today)).Select(f => f.Code).Distinct();
            output.WriteLine($"| {example.Name} | {Codes(findings.Select(f => f.Code))} | {Codes(drafts)} |");
            if (example.Clean)
            {
                Assert.Empty(findings);
            }
            else
            {
                Assert.NotEmpty(findings);
            }
        }
    }

    [Fact]
    public void Sentences_per_rule()
    {
        output.WriteLine("| code | severity | basis | positive sentences | negative sentences |");
        output.WriteLine("|---|---|---|---:|---:|");
        foreach (var rule in FindingCatalog.All)
        {
            var positive = SbiRuleCorpus.All.Count(c => c.Code == rule.Code && c.Flagged);
            var negative = SbiRuleCorpus.All.Count(c => c.Code == rule.Code && !c.Flagged);
            output.WriteLine(positive + negative == 0
                ? $"| `{rule.Code}` | {rule.Severity} | {rule.Basis} | not a word rule | see SbiCheckerTests, SbiRequestReaderTests |"
                : $"| `{rule.Code}` | {rule.Severity} | {rule.Basis} | {positive} | {negative} |");
        }

        output.WriteLine($"| all | | | {SbiRuleCorpus.All.Count(c => c.Flagged)} | {SbiRuleCorpus.All.Count(c => !c.Flagged)} |");
        Assert.All([SbiRuleCorpus.Interpretation, SbiRuleCorpus.Directive, SbiRuleCorpus.VagueImpact], code =>
        {
            Assert.True(SbiRuleCorpus.All.Count(c => c.Code == code && c.Flagged) >= 20, code);
            Assert.True(SbiRuleCorpus.All.Count(c => c.Code == code && !c.Flagged) >= 20, code);
        });
    }

    /// <summary>The sentences the three rules of issue #14 must flag: how many they flag, and what else the checker says there.</summary>
    [Fact]
    public void Findings_on_the_sentences_of_issue_14()
    {
        output.WriteLine("| rule | positive sentences | flagged by the rule | with another finding on that part (the rules before issue #14) |");
        output.WriteLine("|---|---:|---:|---|");
        foreach (var code in new[] { SbiRuleCorpus.Interpretation, SbiRuleCorpus.Directive, SbiRuleCorpus.VagueImpact })
        {
            var cases = SbiRuleCorpus.All.Where(c => c.Code == code && c.Flagged).ToList();
            var flagged = cases.Count(c => c.Findings().Any(f => f.Code == code && f.Part == c.Part));
            var others = cases.SelectMany(c => c.Findings().Where(f => f.Part == c.Part && f.Code != code).Select(f => (c.Text, f.Code)).Distinct()).ToList();
            output.WriteLine($"| `{code}` | {cases.Count} | {flagged} | {others.Select(o => o.Text).Distinct().Count()} ({Codes(others.Select(o => o.Code))}) |");
            Assert.Equal(cases.Count, flagged);
        }
    }

    private static string Codes(IEnumerable<string> codes) =>
        codes.Distinct().ToList() is { Count: > 0 } list ? string.Join(", ", list.Select(c => $"`{c}`")) : "none";
}
