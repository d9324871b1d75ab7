using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TechLead.Hosting;

namespace TechLead.Drafting;

internal static class DraftingComposition
{
    /// <summary>The language model (or none), the guardrails every draft passes and the renderer that shows drafts.</summary>
    public static IServiceCollection AddDrafting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<DraftingOptions, DraftingOptionsValidator>(DraftingOptions.Section);
        services.AddSingleton<DraftGuardrails>();
        services.AddSingleton<DraftRenderer>();
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<AzureOpenAiLanguageModel>();
        services.TryAddSingleton<ILanguageModel>(provider => provider.GetRequiredService<AzureOpenAiLanguageModel>());
        return services;
    }
}
