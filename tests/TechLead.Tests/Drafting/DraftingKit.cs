using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TechLead.Adr;
using TechLead.Drafting;
using TechLead.ReleaseNotes;

namespace TechLead.Tests.Drafting;

/// <summary>The drafting pieces wired as the composition wires them, for tests that need no storage.</summary>
internal sealed class DraftingKit
{
    public DraftingKit(FakeAzureOpenAiOrNone llm, DraftingOptions? options = null, TimeProvider? time = null, ReleaseNotesOptions? releaseNotes = null)
    {
        Time = time ?? TimeProvider.System;
        Options = options ?? new DraftingOptions();
        if (llm.Fake is { } fake)
        {
            Options.Endpoint = fake.Endpoint;
            Options.Deployment = Infrastructure.FakeAzureOpenAi.Deployment;
            Options.ApiKey = Infrastructure.FakeAzureOpenAi.ApiKey;
        }

        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Guardrails = new DraftGuardrails(wrapped);
        Tokens = new TokenCounter(wrapped);
        Model = new AzureOpenAiLanguageModel(wrapped, Time, NullLogger<AzureOpenAiLanguageModel>.Instance);
        Renderer = new DraftRenderer(Guardrails);
        Skeletons = new ReleaseNotesSkeletonBuilder(Microsoft.Extensions.Options.Options.Create(releaseNotes ?? new ReleaseNotesOptions()));
        ReleaseNotes = new ReleaseNotesDrafter(Model, Guardrails, Tokens, wrapped);
        Adr = new AdrSummarizer(Model, Guardrails, Tokens, Microsoft.Extensions.Options.Options.Create(new AdrOptions()), Time);
    }

    public TimeProvider Time { get; }

    public DraftingOptions Options { get; }

    public DraftGuardrails Guardrails { get; }

    public TokenCounter Tokens { get; }

    public AzureOpenAiLanguageModel Model { get; }

    public DraftRenderer Renderer { get; }

    public ReleaseNotesSkeletonBuilder Skeletons { get; }

    public ReleaseNotesDrafter ReleaseNotes { get; }

    public AdrSummarizer Adr { get; }

    public static DraftingKit Offline(TimeProvider? time = null, ReleaseNotesOptions? releaseNotes = null) => new(new FakeAzureOpenAiOrNone(null), null, time, releaseNotes);

    public static DraftingKit With(Infrastructure.FakeAzureOpenAi fake, DraftingOptions? options = null, TimeProvider? time = null) => new(new FakeAzureOpenAiOrNone(fake), options, time);
}

internal readonly record struct FakeAzureOpenAiOrNone(Infrastructure.FakeAzureOpenAi? Fake);
