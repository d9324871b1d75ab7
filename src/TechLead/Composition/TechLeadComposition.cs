using Microsoft.Extensions.Hosting;
using TechLead.Access;
using TechLead.Adr;
using TechLead.Agreements;
using TechLead.Chat;
using TechLead.Dashboard;
using TechLead.Digest;
using TechLead.Doctor;
using TechLead.Drafting;
using TechLead.Endpoints;
using TechLead.Feedback;
using TechLead.GitHub;
using TechLead.Hosting;
using TechLead.Jira;
using TechLead.Overview;
using TechLead.Queues;
using TechLead.ReleaseNotes;
using TechLead.Review;
using TechLead.Sample;
using TechLead.Signals;
using TechLead.Storage;
using TechLead.Activity;
using TechLead.Team;
using TechLead.Webhooks;

namespace TechLead.Composition;

/// <summary>
/// The one composition both hosts (Functions and the local runner) use: one line per capability. It is the only
/// place that knows every folder; no capability depends on it (docs/architecture.md).
/// </summary>
public static class TechLeadComposition
{
    public static IHostApplicationBuilder AddTechLead(this IHostApplicationBuilder builder)
    {
        builder.Services
            // Where the data comes from and where it is kept.
            .AddTeam()
            .AddSchedules()
            .AddStorage()
            .AddQueues()
            .AddActivity()
            .AddGitHub()
            .AddJira()
            .AddWebhooks()
            .AddSampleWorkspace()
            // What is computed and drafted from it.
            .AddSignals()
            .AddAgreements()
            .AddOverview()
            .AddDrafting()
            .AddReview()
            .AddAdrSummaries()
            .AddReleaseNotes()
            .AddFeedback()
            // Where people see it.
            .AddDigest()
            .AddChat()
            .AddAccess()
            .AddDashboard()
            .AddDoctor()
            .AddEndpoints();
        return builder;
    }
}
