using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Agreements;
using TechLead.Digest;
using TechLead.Hosting;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Team;

namespace TechLead.Chat;

internal static class ChatComposition
{
    /// <summary>Chat in Microsoft Teams and Slack: per-team webhooks, the weekly summary and agreement changes, sent once each.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChatOptions, ChatOptionsValidator>(ChatOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Teams = ChatOptions.ReadTeams(configuration));
        // No request logging: the default handler logs the request URI, and a webhook's URI is its secret.
        services.AddHttpClient(ChatSender.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<ChatChannels>();
        services.AddSingleton<ChatComposer>();
        services.AddSingleton<ChatLedger>();
        services.AddSingleton<ChatSender>();
        services.AddSingleton(provider => new NotifyJob(
            provider.GetRequiredService<TeamDirectory>(),
            provider.GetRequiredService<ChatChannels>(),
            provider.GetRequiredService<SignalReports>(),
            provider.GetRequiredService<TeamAgreements>(),
            provider.GetRequiredService<ReviewQueue>(),
            provider.GetRequiredService<DigestLedger>(),
            provider.GetRequiredService<ChatComposer>(),
            provider.GetRequiredService<ChatLedger>(),
            provider.GetRequiredService<ChatSender>(),
            provider.GetRequiredService<IOptions<ChatOptions>>(),
            provider.GetRequiredService<ILogger<NotifyJob>>()));
        services.AddSingleton<IJob>(provider => provider.GetRequiredService<NotifyJob>());
        return services;
    }
}
