using Microsoft.Extensions.Time.Testing;
using TechLead.Adr;
using TechLead.Drafting;
using TechLead.Tests.Drafting;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Adr;

public sealed class AdrSummarizerTests
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_template_sentence_uses_the_files_own_words()
    {
        var sentence = AdrSummarizer.TemplateSentence(AdrSamples.Parse(AdrSamples.Book));

        Assert.Equal(
            "In the context of the checkout service needs a relational store with strong consistency for orders and payments, "
            + "we decided to use Azure Database for PostgreSQL as the main database of the checkout service, "
            + "accepting we run schema migrations ourselves; one more service to patch and monitor.",
            sentence);
    }

    [Fact]
    public void Missing_parts_are_not_stated_never_invented()
    {
        var adr = AdrParser.Parse("0009-x.md", "# 9. Use X\n\n## Status\n\nAccepted\n\n## Decision\n\nWe will use X.\n");

        Assert.Equal("In the context of (context not stated), we decided to use X, accepting downsides that are not stated.", AdrSummarizer.TemplateSentence(adr));
    }

    [Fact]
    public async Task An_offline_summary_is_labelled_and_lists_every_field_with_not_stated_for_gaps()
    {
        var kit = DraftingKit.Offline(Today);

        var outcome = await kit.Adr.SummariseAsync(AdrSamples.Parse(AdrSamples.Nygard), [], allowLanguageModel: true, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(DrafterKinds.Offline, outcome.DrafterKind);
        var markdown = kit.Renderer.Markdown(Assert.Single(outcome.Documents));
        Assert.Contains(DraftGuardrails.EncodeMarkdown(DrafterKinds.OfflineNotice), markdown, StringComparison.Ordinal);
        Assert.Contains("### Options considered\n\n- not stated", markdown, StringComparison.Ordinal);
        Assert.Contains("### Superseded by\n\n- ADR-0005", markdown, StringComparison.Ordinal);
        Assert.True(outcome.Usage.EstimatedInputTokens > 0);
    }

    [Fact]
    public void Findings_flag_missing_downsides_missing_back_links_and_old_acceptances()
    {
        var summarizer = DraftingKit.Offline(Today).Adr;
        var book = AdrSamples.Parse(AdrSamples.Book) with { DateValue = new DateOnly(2023, 1, 10) };
        var nygard = AdrSamples.Parse(AdrSamples.Nygard);
        var successor = AdrSamples.Parse(AdrSamples.NygardSuccessor);
        var noBackLink = nygard with { Path = "docs/adr/0002-b.md", SupersededBy = [] };
        var noDownsides = AdrParser.Parse("0007-y.md", "# 7. Y\n\n## Status\n\nAccepted\n\n## Consequences\n\n- ✅ Faster\n");

        Assert.Contains(summarizer.Check(book, []), f => f.Code == FindingCodes.AcceptedButOld && f.Message.Contains("2023-01-10", StringComparison.Ordinal));
        Assert.Contains(summarizer.Check(noDownsides, []), f => f.Code == FindingCodes.NoNegativeConsequences);
        Assert.Contains(summarizer.Check(nygard, []), f => f.Code == FindingCodes.ConsequencesNotClassified);
        Assert.DoesNotContain(summarizer.Check(nygard, [successor]), f => f.Code == FindingCodes.SupersededWithoutBackLink);
        Assert.Contains(summarizer.Check(noBackLink, []), f => f.Code == FindingCodes.SupersededWithoutBackLink);
        Assert.Contains(summarizer.Check(successor, [noBackLink]), f => f.Code == FindingCodes.SupersededWithoutBackLink && f.Message.Contains("does not point back", StringComparison.Ordinal));
        Assert.DoesNotContain(summarizer.Check(AdrSamples.Parse(AdrSamples.Book), []), f => f.Code == FindingCodes.AcceptedButOld);
    }

    [Fact]
    public async Task An_unrecognised_file_is_summarised_as_such()
    {
        var kit = DraftingKit.Offline(Today);

        var outcome = await kit.Adr.SummariseAsync(AdrSamples.Parse(AdrSamples.NotAnAdr), [], allowLanguageModel: true, CancellationToken.None);

        var document = Assert.Single(outcome.Documents);
        Assert.EndsWith("unrecognised format", document.Title, StringComparison.Ordinal);
        Assert.Contains(outcome.Findings, f => f.Code == FindingCodes.UnrecognisedFormat);
    }

    [Fact]
    public async Task The_model_may_rephrase_the_sentence_but_a_sentence_citing_another_adr_is_dropped()
    {
        using var fake = new FakeAzureOpenAi();
        var kit = DraftingKit.With(fake, time: Today);
        var adr = AdrSamples.Parse(AdrSamples.Book);

        fake.Reply(FakeAzureOpenAi.CompletionOf(new { summaries = new[] { new { adr = "ADR-0001", sentence = "In the context of a checkout service that needs consistent orders and payments, we decided to use managed PostgreSQL, accepting that we run migrations ourselves." } } }));
        var rephrased = await kit.Adr.SummariseAsync(adr, [], allowLanguageModel: true, CancellationToken.None);

        fake.Reply(FakeAzureOpenAi.CompletionOf(new { summaries = new[] { new { adr = "ADR-0042", sentence = "In the context of nothing, we decided everything." } } }));
        var uncited = await kit.Adr.SummariseAsync(adr, [], allowLanguageModel: true, CancellationToken.None);

        Assert.Equal(DrafterKinds.AzureOpenAi, rephrased.DrafterKind);
        Assert.Equal((812, 97), (rephrased.Usage.InputTokens, rephrased.Usage.OutputTokens));
        Assert.Contains("managed PostgreSQL", kit.Renderer.Markdown(rephrased.Documents[0]), StringComparison.Ordinal);
        Assert.Contains(uncited.Findings, f => f.Code == FindingCodes.UncitedItemDropped && f.Message.Contains("ADR-0042", StringComparison.Ordinal));
        Assert.Contains(DraftGuardrails.EncodeMarkdown(AdrSummarizer.TemplateSentence(adr)), kit.Renderer.Markdown(uncited.Documents[0]), StringComparison.Ordinal);
    }
}
