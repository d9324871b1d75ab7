using Markdig;
using Microsoft.Extensions.Options;
using TechLead.Drafting;
using TechLead.ReleaseNotes;
using static TechLead.Tests.ReleaseNotes.PullRequests;

namespace TechLead.Tests.ReleaseNotes;

/// <summary>Titles as real repositories write them, rendered by a CommonMark parser as GitHub would show the notes.</summary>
public sealed class ReleaseNoteTitleTests
{
    private static ReleaseNotesSkeleton Build(params TechLead.Activity.PullRequestRecord[] prs) =>
        new ReleaseNotesSkeletonBuilder(Options.Create(new ReleaseNotesOptions())).Build(Repo, "4.4.0", Since, Until, prs);

    private static string Rendered(string text) => Markdown.ToHtml(DraftGuardrails.EncodeMarkdown(text)).Trim();

    [Fact]
    public void A_paired_code_span_stays_code_while_links_html_and_emphasis_stay_inert()
    {
        Assert.Equal("<p>Add <code>Cask::DSL</code> caveats</p>", Rendered("Add `Cask::DSL` caveats"));
        Assert.Equal("<p>use <code>&lt;script&gt;[x](https://evil.example)</code> here</p>", Rendered("use `<script>[x](https://evil.example)` here"));

        var hostile = Rendered("<img src=x onerror=alert(1)> [click](https://evil.example) **bold** `code` and a lone ` tick");
        Assert.DoesNotContain("<img", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>", hostile, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", hostile, StringComparison.Ordinal);
        Assert.Contains("a lone ` tick", hostile, StringComparison.Ordinal);
        Assert.Equal("Add <code>Cask::DSL</code> &lt;b&gt;", DraftGuardrails.EncodeHtmlInline("Add `Cask::DSL` <b>"));
    }

    [Fact]
    public void The_first_word_stays_as_written_and_only_category_types_are_stripped()
    {
        var skeleton = Build(
            Merged(71, "cask/upgrade: skip casks that are up to date"),
            Merged(72, "sorbet: Add a Tapioca compiler for `Cask::DSL`"),
            Merged(73, "fix(formula): handle `brew --prefix` without a tap"),
            Merged(74, "iOS: support the new simulator"));

        var subjects = skeleton.Items.ToDictionary(i => i.Number, i => i.Subject);
        Assert.Equal("cask/upgrade: skip casks that are up to date", subjects[71]);
        Assert.Equal("sorbet: Add a Tapioca compiler for `Cask::DSL`", subjects[72]);
        Assert.Equal("handle `brew --prefix` without a tap", subjects[73]);
        Assert.Equal("iOS: support the new simulator", subjects[74]);
        Assert.Equal([73], skeleton.Sections.Single(s => s.Title == "Bug fixes").Items.Select(i => i.Number));
        Assert.Equal([71, 72, 74], skeleton.Sections.Single(s => s.Title == ReleaseNotesSkeleton.NeedsLabelTitle).Items.Select(i => i.Number));
    }
}
