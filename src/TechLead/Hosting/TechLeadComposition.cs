using Microsoft.Extensions.Hosting;
using TechLead.Agreements;
using TechLead.Chat;
using TechLead.Dashboard;
using TechLead.Digest;
using TechLead.Drafting;
using TechLead.Feedback;
using TechLead.GitHub;
using TechLead.Jira;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Sync;
using TechLead.Team;
using TechLead.Webhooks;

namespace TechLead.Hosting;

/// <summary>The one composition both hosts (Functions and the local runner) use: one line per capability.</summary>
public static class TechLeadComposition
{
    public static IHostApplicationBuilder AddTechLead(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddTeam()
            .AddStorage()
            .AddSync()
            .AddGitHub()
            .AddJira()
            .AddSampleWorkspace()
            .AddSignals()
            .AddAgreements()
            .AddDigest()
            .AddChat()
            .AddWebhooks()
            .AddFeedback()
            .AddDrafting()
            .AddDashboard();
        return builder;
    }
}
