using Microsoft.Extensions.Hosting;
using TechLead.Digest;
using TechLead.GitHub;
using TechLead.Sample;
using TechLead.Signals.Delivery;
using TechLead.Storage;
using TechLead.Sync;
using TechLead.Team;

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
            .AddSampleWorkspace()
            .AddDeliverySignals()
            .AddDigest();
        return builder;
    }
}
