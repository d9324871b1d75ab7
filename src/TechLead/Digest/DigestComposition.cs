using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Agreements;
using TechLead.Hosting;
using TechLead.Overview;
using TechLead.Queues;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Digest;

internal static class DigestComposition
{
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddValidatedOptions<DigestOptions, DigestOptionsValidator>(DigestOptions.Section);
        services.AddValidatedOptions<SmtpOptions, SmtpOptionsValidator>(SmtpOptions.Section);
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestLinks>();
        services.AddSingleton<Overview.ISummaryLinks>(provider => provider.GetRequiredService<DigestLinks>());
        services.AddSingleton<Charts.DigestCharts>();
        services.AddSingleton<DigestMailer>();
        services.AddSingleton<DigestLedger>();
        services.AddSingleton(provider => new WeeklyDigestJob(
            provider.GetRequiredService<WeekOverview>(),
            provider.GetRequiredService<DigestComposer>(),
            provider.GetRequiredService<DigestMailer>(),
            provider.GetRequiredService<DigestLedger>(),
            provider.GetRequiredService<TeamDirectory>(),
            provider.GetRequiredService<WorkQueues>(),
            provider.GetRequiredService<IOptions<DigestOptions>>(),
            provider.GetRequiredService<ILogger<WeeklyDigestJob>>()));
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<WeeklyDigestJob>());
        services.AddSingleton<Queues.IQueueHandler, TeamDigestWork>();
        return services;
    }
}
