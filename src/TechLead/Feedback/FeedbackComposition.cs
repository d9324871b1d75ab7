using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Hosting;
using TechLead.Team;

namespace TechLead.Feedback;

internal static class FeedbackComposition
{
    /// <summary>
    /// SBI feedback. Registers no <see cref="Drafting.ILanguageModel"/>: when the host has one configured it is used,
    /// otherwise (or when it fails) the offline drafter answers.
    /// </summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddValidatedOptions<FeedbackOptions, FeedbackOptionsValidator>(FeedbackOptions.Section);
        services.AddSingleton<SbiChecker>();
        services.AddSingleton<OfflineSbiDrafter>();
        services.AddSingleton<LanguageModelSbiDrafter>();
        services.AddSingleton<FeedbackDraftStore>();
        services.AddSingleton<SbiFeedbackService>();
        services.AddSingleton(provider => new SbiFeedbackEndpoint(
            provider.GetRequiredService<SbiFeedbackService>(),
            provider.GetRequiredService<FeedbackDraftStore>(),
            provider.GetRequiredService<TeamCalendar>(),
            provider.GetRequiredService<IOptions<FeedbackOptions>>(),
            provider.GetRequiredService<ILogger<SbiFeedbackEndpoint>>()));
        services.AddSingleton<ExpireFeedbackJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<ExpireFeedbackJob>());
        return services;
    }
}
