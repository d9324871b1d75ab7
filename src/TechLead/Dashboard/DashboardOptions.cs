using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Dashboard;

/// <summary>Who may use the dashboard and its API, and from which other origins.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// <c>Local</c> (serve on loopback: no sign-in, the machine's user decides) or <c>AppService</c> (Azure: App
    /// Service Authentication signs people in and sets the X-MS-CLIENT-PRINCIPAL headers). Empty: AppService when
    /// running in App Service (WEBSITE_INSTANCE_ID is set), Local otherwise.
    /// </summary>
    public string? Authentication { get; set; }

    /// <summary>Other origins (e.g. an internal portal) allowed to call the API from a browser. Empty: CORS off.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

public static class DashboardAuthentication
{
    public const string Local = "Local";
    public const string AppService = "AppService";

    /// <summary>Set by App Service on every instance; its presence means the platform's front end is in the path.</summary>
    public const string AppServiceMarker = "WEBSITE_INSTANCE_ID";
}

internal sealed class DashboardOptionsValidator(IConfiguration configuration) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var problems = new SettingProblems();
        var mode = options.Authentication;
        if (!string.IsNullOrEmpty(mode) && mode is not (DashboardAuthentication.Local or DashboardAuthentication.AppService))
        {
            problems.Add("Dashboard:Authentication", $"is '{mode}'; it must be Local or AppService (or empty to choose by host)", "Dashboard:Authentication=AppService");
        }
        else if (mode == DashboardAuthentication.Local && !string.IsNullOrEmpty(configuration[DashboardAuthentication.AppServiceMarker]))
        {
            // In App Service the worker sees every request from loopback (the host forwards it), so Local would let anyone in.
            problems.Add("Dashboard:Authentication", "is Local, but this app runs in Azure App Service, where the dashboard needs App Service Authentication", "Dashboard:Authentication=AppService");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                problems.Add("Dashboard:AllowedOrigins", $"contains '{origin}', which is not an origin (scheme, host and port only, no path or trailing slash)", "Dashboard:AllowedOrigins:0=https://portal.example.com");
            }
        }

        return problems.ToResult();
    }
}
