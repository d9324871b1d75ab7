using TechLead.Adr;

namespace TechLead.Tests.Adr;

public sealed class AdrParserTests
{
    [Fact]
    public void Book_format_reads_the_footer_the_options_inside_context_and_the_marked_consequences()
    {
        var adr = AdrSamples.Parse(AdrSamples.Book);

        Assert.Equal(AdrFormat.Book, adr.Format);
        // The title and the file name differ; the id comes from the title.
        Assert.Equal(("ADR-0001", "Use PostgreSQL"), (adr.Id, adr.Title));
        Assert.Equal(("Accepted", "2026-06-02"), (adr.Status, adr.Date));
        Assert.Equal(new DateOnly(2026, 6, 2), adr.DateValue);
        Assert.Equal(["PostgreSQL (managed)", "Azure SQL Database: rejected, higher cost for our tier", "Cosmos DB: rejected, we need multi-row transactions"], adr.Options);
        Assert.StartsWith("The checkout service needs a relational store", adr.Context, StringComparison.Ordinal);
        Assert.DoesNotContain("Options considered", adr.Context, StringComparison.Ordinal);
        Assert.Equal("We will use Azure Database for PostgreSQL as the main database of the checkout service.", adr.Decision);
        Assert.Equal(["Transactions across orders and payments", "The team's existing skills apply"], adr.Good);
        Assert.Equal(["We run schema migrations ourselves", "One more service to patch and monitor"], adr.Bad);
        Assert.Equal(["Dmitri prefers Cosmos DB for global distribution; we will revisit if needs change."], adr.Notes);
        Assert.Empty(adr.Supersedes);
        Assert.True(adr.SupersedesNone);
        Assert.Empty(adr.SupersededBy);
    }

    [Fact]
    public void Nygard_format_reads_the_status_section_and_the_superceded_misspelling()
    {
        var adr = AdrSamples.Parse(AdrSamples.Nygard);

        Assert.Equal(AdrFormat.Nygard, adr.Format);
        Assert.Equal(("ADR-0002", "Publish order events to a queue"), (adr.Id, adr.Title));
        Assert.Equal(("Superseded", "2025-07-14"), (adr.Status, adr.Date));
        Assert.Equal(["ADR-0005"], adr.SupersededBy);
        Assert.Equal("We will publish an event to a Service Bus queue when an order changes state.", adr.Decision);
        // Prose consequences are not split into good and bad: the parser does not guess.
        Assert.Empty(adr.Good);
        Assert.Empty(adr.Bad);
        Assert.Single(adr.Unclassified);
        Assert.Empty(adr.Options);
    }

    [Fact]
    public void Nygard_successor_names_what_it_supersedes()
    {
        var adr = AdrSamples.Parse(AdrSamples.NygardSuccessor);

        Assert.Equal(("ADR-0005", "Accepted"), (adr.Id, adr.Status));
        Assert.Equal(["ADR-0002"], adr.Supersedes);
        Assert.Equal(["consumers can replay events."], adr.Good);
        Assert.Equal(["the team has to learn partition management."], adr.Bad);
    }

    [Fact]
    public void Madr_reads_front_matter_considered_options_and_decision_outcome_but_not_the_pros_and_cons_of_other_options()
    {
        var adr = AdrSamples.Parse(AdrSamples.Madr);

        Assert.Equal(AdrFormat.Madr, adr.Format);
        Assert.Equal(("ADR-0003", "Use feature flags for checkout rollouts"), (adr.Id, adr.Title));
        Assert.Equal(("Proposed", "2026-11-16"), (adr.Status, adr.Date));
        Assert.Equal(["Feature flags with gradual rollout", "Canary deployments", "Keep releasing to everyone"], adr.Options);
        Assert.StartsWith("Chosen option: \"Feature flags with gradual rollout\"", adr.Decision, StringComparison.Ordinal);
        Assert.Equal(["a bad change is switched off in seconds"], adr.Good);
        Assert.Equal(["flags left behind become tech debt"], adr.Bad);
        Assert.StartsWith("Checkout changes ship to everyone at once", adr.Context, StringComparison.Ordinal);
    }

    [Fact]
    public void Log4brains_reads_status_bullets_and_positive_and_negative_consequences()
    {
        var adr = AdrSamples.Parse(AdrSamples.Log4brains);

        Assert.Equal(AdrFormat.Log4brains, adr.Format);
        Assert.Equal("20240312-use-log4brains-to-manage-the-adrs", adr.Id);
        Assert.Equal(("Superseded", "2024-03-12"), (adr.Status, adr.Date));
        Assert.Equal(["20250101-use-backstage-for-docs"], adr.SupersededBy);
        Assert.Equal(["Log4brains", "ADR Tools", "A wiki page"], adr.Options);
        Assert.Equal(["Decisions are searchable by everyone"], adr.Good);
        Assert.Equal(["One more Node.js tool in the repository"], adr.Bad);
    }

    [Fact]
    public void A_file_in_no_known_format_is_unrecognised_with_what_could_be_found()
    {
        var adr = AdrSamples.Parse(AdrSamples.NotAnAdr);

        Assert.Equal(AdrFormat.Unrecognised, adr.Format);
        Assert.Equal("Platform sync, 3 March 2026", adr.Title);
        Assert.Contains(adr.Found, f => f.Contains("2026-04-01", StringComparison.Ordinal));
        Assert.Null(adr.Status);
        Assert.Null(adr.Decision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("---\n---\n")]
    [InlineData("---\nstatus: [unclosed\n---\n# T\n## Decision\nWe will.")]
    [InlineData("\0\u0001binary\uFFFD\uFFFD")]
    [InlineData("# Only a title")]
    [InlineData("## Status\n\n---\n*Status:*")]
    public void Bad_input_never_throws(string content)
    {
        var adr = AdrParser.Parse("docs/adr/x.md", content);

        Assert.NotNull(adr);
        Assert.Equal("docs/adr/x.md", adr.Path);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_read_the_same()
    {
        var text = "\uFEFF" + AdrSamples.Text(AdrSamples.Book).Replace("\n", "\r\n", StringComparison.Ordinal);

        var adr = AdrParser.Parse("adr-0001.md", text);

        Assert.Equal((AdrFormat.Book, "Accepted", 2), (adr.Format, adr.Status, adr.Bad.Count));
    }
}
