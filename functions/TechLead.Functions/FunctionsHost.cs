using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TechLead.Hosting;

namespace TechLead.Functions;

/// <summary>How the worker is composed; Program.cs runs it and the composition tests build it the same way.</summary>
public static class FunctionsHost
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddTechLead();
        // A function's log reads as what it did: ASP.NET Core's per-result lines ("Setting HTTP status code",
        // "Writing value of type") only when something is wrong. host.json filters the host's side the same way.
        builder.Logging.AddFilter("TechLead", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return builder;
    }
}
