using TechLead.Tests.Adr;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Drafting;

/// <summary><c>TechLead.Local draft adr --file</c> as a user runs it: a real process, no storage reachable, no language model.</summary>
public sealed class DraftAdrCommandTests
{
    [Fact]
    public async Task Draft_adr_prints_the_summary_and_findings_without_storage_or_a_language_model()
    {
        var (exitCode, output, error) = await RunAsync("draft", "adr", "--file", AdrSamples.PathOf(AdrSamples.Nygard));

        Assert.True(exitCode == 0, error);
        Assert.Contains("## ADR-0002: Publish order events to a queue", output, StringComparison.Ordinal);
        Assert.Contains("- In the context of invoicing and shipping poll the orders table every minute", output, StringComparison.Ordinal);
        Assert.Contains("### Superseded by\n\n- ADR-0005", output, StringComparison.Ordinal);
        Assert.Contains("[consequences-not-classified]", output, StringComparison.Ordinal);
        Assert.Contains("[drafted-without-language-model]", output, StringComparison.Ordinal);
        Assert.Contains("drafter: offline", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_adr_on_a_file_in_no_known_format_says_so_and_succeeds()
    {
        var (exitCode, output, error) = await RunAsync("draft", "adr", "--file", AdrSamples.PathOf(AdrSamples.NotAnAdr));

        Assert.True(exitCode == 0, error);
        Assert.Contains("unrecognised format", output, StringComparison.Ordinal);
        Assert.Contains("[unrecognised-format]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_adr_on_a_missing_file_fails_with_a_clear_message()
    {
        var (exitCode, _, error) = await RunAsync("draft", "adr", "--file", Path.Combine(Path.GetTempPath(), "no-such-adr.md"));

        Assert.Equal(1, exitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        // Storage points at a closed port and no language model is configured: the command must need neither.
        var result = await LocalRunner.RunAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{NodeService.FreePort()}/devstoreaccount1;",
            ["Drafting__Endpoint"] = "",
        }, Path.GetTempPath(), arguments);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }
}
