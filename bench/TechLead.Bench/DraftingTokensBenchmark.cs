using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Adr;
using TechLead.Drafting;
using TechLead.ReleaseNotes;
using TechLead.Sample;
using TechLead.Tests.Infrastructure;

namespace TechLead.Bench;

/// <summary>
/// Input tokens per release-notes draft (10 and 50 PRs) and per ADR summary, counted with the o200k tokenizer on the
/// exact requests the drafters build, chunked to Drafting:MaxInputTokensPerCall, against one unchunked call as the
/// baseline. The 50-PR drafts are also sent through the real Azure.AI.OpenAI client to the loopback fake, and the
/// messages it put on the wire are counted again, to check the estimate against what is actually sent.
/// </summary>
internal sealed class DraftingTokensBenchmark : IBenchmark
{
    public string Name => "drafting-tokens";

    public string Description => "Input tokens per release-notes draft (10, 50 PRs) and per ADR summary.";

    public async Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        using var fake = new FakeAzureOpenAi();
        fake.Reply(FakeAzureOpenAi.CompletionOf(new { items = Array.Empty<object>() }));
        var options = new DraftingOptions { Endpoint = fake.Endpoint, Deployment = FakeAzureOpenAi.Deployment, ApiKey = FakeAzureOpenAi.ApiKey };
        var wrapped = Options.Create(options);
        var guardrails = new DraftGuardrails(wrapped);
        var tokens = new TokenCounter(wrapped);
        var model = new AzureOpenAiLanguageModel(wrapped, TimeProvider.System, NullLogger<AzureOpenAiLanguageModel>.Instance);
        var drafter = new ReleaseNotesDrafter(model, guardrails, tokens, wrapped);
        var builder = new ReleaseNotesSkeletonBuilder(Options.Create(new ReleaseNotesOptions()));
        var unchunked = new ReleaseNotesDrafter(model, guardrails, tokens, Options.Create(new DraftingOptions { MaxInputTokensPerCall = 120_000, MaxItemsPerCall = 200 }));

        var end = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var batch = new SampleWorkspaceGenerator().Generate(42, 12, end);
        var repository = SampleWorkspaceGenerator.Repositories[0];
        var merged = batch.PullRequests.Where(p => p.Repository == repository && p.IsMerged && !p.AuthorIsBot).OrderBy(p => p.MergedAt).ToList();

        output.WriteLine("## Drafting");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Input tokens counted with Microsoft.ML.Tokenizers (tiktoken o200k_base, the GPT-4o family), chat overhead included; budget Drafting:MaxInputTokensPerCall={options.MaxInputTokensPerCall}, at most {options.MaxItemsPerCall} items per call. ")
            + "Sample workspace PRs (seed 42). \"Titles only\" is the sample as generated; \"with descriptions\" gives every PR a description longer than the 300-character cap the drafter sends (the worst case).");
        output.WriteLine();
        output.WriteLine("| release | PRs | calls | largest call (input tokens) | total input tokens | one unchunked call (baseline) | total / baseline | max output tokens asked |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in new[] { 10, 50 })
        {
            foreach (var withBodies in new[] { false, true })
            {
                var prs = merged.Take(count).Select(p => withBodies ? p with { Body = PrDescription(p) } : p).ToList();
                var skeleton = builder.Build(repository, "v1.0.0", prs[0].MergedAt!.Value.AddMinutes(-1), end, prs);
                var chunks = drafter.Chunks(skeleton, new List<DraftFinding>());
                var single = unchunked.Chunks(skeleton, new List<DraftFinding>());
                var baseline = single.Sum(c => c.EstimatedTokens);
                var total = chunks.Sum(c => c.EstimatedTokens);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(withBodies ? "with descriptions" : "titles only")} | {skeleton.Numbers.Count} | {chunks.Count} | {chunks.Max(c => c.EstimatedTokens)} | {total} | {baseline} ({single.Count} call{(single.Count == 1 ? "" : "s")}) | {(double)total / baseline:0.00} | {chunks.Sum(c => c.Request.MaxOutputTokens)} |"));

                if (count == 50 && withBodies)
                {
                    var before = fake.Requests.Count;
                    var outcome = await drafter.DraftAsync(skeleton, allowLanguageModel: true, cancellationToken);
                    var wire = fake.Requests.Skip(before).Select(r => WireTokens(tokens, r)).ToList();
                    output.WriteLine();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Check against the wire (50 PRs with descriptions, real Azure.AI.OpenAI client, loopback fake): {outcome.Usage.Calls} requests; message text as sent counts {string.Join(" + ", wire)} tokens (+ the JSON schema and chat overhead, {outcome.Usage.EstimatedInputTokens - wire.Sum()} tokens) = {outcome.Usage.EstimatedInputTokens} estimated, recorded with the draft."));
                    output.WriteLine();
                }
            }
        }

        output.WriteLine();
        output.WriteLine("| ADR summary (sample workspace) | format | input tokens (one call) | max output tokens asked |");
        output.WriteLine("|---|---|---:|---:|");
        var summarizer = new AdrSummarizer(model, guardrails, tokens, Options.Create(new AdrOptions()), TimeProvider.System);
        foreach (var file in batch.AdrFiles)
        {
            var adr = AdrParser.Parse(file.Path, file.Content);
            var request = summarizer.Request(adr, new List<DraftFinding>());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {file.Path} | {AdrSummarizer.FormatName(adr.Format)} | {tokens.CountInput(request)} | {request.MaxOutputTokens} |"));
        }
    }

    // A description longer than the cap the drafter sends (300 characters), written like a PR template.
    private static string PrDescription(PullRequestRecord pr) =>
        string.Create(CultureInfo.InvariantCulture,
            $"## What\n{pr.Title}. This changes the behaviour described in the title and updates the tests that cover it.\n\n## Why\nCustomers reported the old behaviour in support tickets; this is the agreed fix.\n\n## How to test\nRun the unit tests, then follow the steps in the linked issue on staging and compare with production. Screenshots attached below.");

    private static int WireTokens(TokenCounter tokens, JsonNode request) =>
        request["messages"]!.AsArray().Sum(m => tokens.Count((string?)m!["content"] ?? ""));
}
