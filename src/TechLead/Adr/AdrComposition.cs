using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Drafting;
using TechLead.Hosting;
using TechLead.Review;

namespace TechLead.Adr;

internal static class AdrComposition
{
    /// <summary>ADR summaries: the parser and summarizer, and the producer that queues a summary per changed ADR file.</summary>
    public static IServiceCollection AddAdrSummaries(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdrOptions, AdrOptionsValidator>(AdrOptions.Section);
        services.AddSingleton(provider => new AdrSummarizer(
            provider.GetRequiredService<ILanguageModel>(),
            provider.GetRequiredService<DraftGuardrails>(),
            provider.GetRequiredService<TokenCounter>(),
            provider.GetRequiredService<IOptions<AdrOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AdrDrafts>();
        services.AddSingleton<IDraftProducer>(provider => provider.GetRequiredService<AdrDrafts>());
        services.AddSingleton<IStoredActivityObserver, AdrObserver>();
        return services;
    }
}
