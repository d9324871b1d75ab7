using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechLead.Adr;
using TechLead.Hosting;
using TechLead.ReleaseNotes;
using TechLead.Review;

namespace TechLead.Drafting;

public static class DraftingComposition
{
    /// <summary>The language model (or none), the guardrails, ADR summaries, release notes and the review queue with its job.</summary>
    public static IServiceCollection AddDrafting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<DraftingOptions, DraftingOptionsValidator>(DraftingOptions.Section);
        services.AddValidatedOptions<AdrOptions, AdrOptionsValidator>(AdrOptions.Section);
        services.AddValidatedOptions<ReleaseNotesOptions, ReleaseNotesOptionsValidator>(ReleaseNotesOptions.Section);

        services.AddSingleton<DraftGuardrails>();
        services.AddSingleton<DraftRenderer>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<AzureOpenAiLanguageModel>();
        services.TryAddSingleton<ILanguageModel>(provider => provider.GetRequiredService<AzureOpenAiLanguageModel>());

        services.AddSingleton<AdrSummarizer>();
        services.AddSingleton<AdrDrafts>();
        services.AddSingleton<IDraftProducer>(provider => provider.GetRequiredService<AdrDrafts>());

        services.AddSingleton<ReleaseNotesSkeletonBuilder>();
        services.AddSingleton<ReleaseNotesDrafter>();
        services.AddSingleton<ReleaseBaselineStore>();
        services.AddSingleton<ReleaseNotesService>();
        services.AddSingleton<GitHubDraftReleaseWriter>();
        services.AddSingleton<IDraftProducer>(provider => provider.GetRequiredService<ReleaseNotesService>());

        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ProcessDraftsJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<ProcessDraftsJob>());
        return services;
    }
}
