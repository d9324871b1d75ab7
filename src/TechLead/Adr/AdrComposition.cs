using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Review;

namespace TechLead.Adr;

internal static class AdrComposition
{
    /// <summary>ADR summaries: the parser and summarizer, and the producer that queues a summary per changed ADR file.</summary>
    public static IServiceCollection AddAdrSummaries(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdrOptions, AdrOptionsValidator>(AdrOptions.Section);
        services.AddSingleton<AdrSummarizer>();
        services.AddSingleton<AdrDrafts>();
        services.AddSingleton<IDraftProducer>(provider => provider.GetRequiredService<AdrDrafts>());
        services.AddSingleton<IStoredActivityObserver, AdrObserver>();
        return services;
    }
}
