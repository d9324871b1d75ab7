using Microsoft.Extensions.DependencyInjection;
using TechLead.Hosting;

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
        services.AddSingleton<WeeklyDigestJob>();
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<WeeklyDigestJob>());
        services.AddSingleton<Queues.IQueueHandler, TeamDigestWork>();
        return services;
    }
}
