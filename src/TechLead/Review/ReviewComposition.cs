using Microsoft.Extensions.DependencyInjection;
using TechLead.Hosting;

namespace TechLead.Review;

internal static class ReviewComposition
{
    /// <summary>The review queue and the job that drafts what every registered <see cref="IDraftProducer"/> queues.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ProcessDraftsJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<ProcessDraftsJob>());
        return services;
    }
}
