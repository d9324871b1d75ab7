using Microsoft.Extensions.DependencyInjection;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Review;

namespace TechLead.ReleaseNotes;

internal static class ReleaseNotesComposition
{
    /// <summary>Release notes: the skeleton, the drafter, stored baselines, the draft GitHub release, and the producer.</summary>
    public static IServiceCollection AddReleaseNotes(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReleaseNotesOptions, ReleaseNotesOptionsValidator>(ReleaseNotesOptions.Section);
        services.AddSingleton<ReleaseNotesSkeletonBuilder>();
        services.AddSingleton<ReleaseNotesDrafter>();
        services.AddSingleton<ReleaseBaselineStore>();
        services.AddSingleton(provider => new ReleaseNotesService(
            provider.GetRequiredService<ActivityStore>(),
            provider.GetRequiredService<ReleaseBaselineStore>(),
            provider.GetRequiredService<ReleaseNotesSkeletonBuilder>(),
            provider.GetRequiredService<ReleaseNotesDrafter>(),
            provider.GetRequiredService<ReviewQueue>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IReleaseAncestry>()));
        services.AddSingleton<GitHubDraftReleaseWriter>();
        services.AddSingleton<IDraftProducer>(provider => provider.GetRequiredService<ReleaseNotesService>());
        services.AddSingleton<IStoredActivityObserver, ReleaseNotesObserver>();
        return services;
    }
}
