using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Access;

/// <summary>Who may use the dashboard, its API and the SBI feedback routes (settings under Dashboard:*).</summary>
public sealed class AccessOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// False: the dashboard, review and feedback routes answer 404 (the webhook and health still work). A deployment
    /// without sign-in uses this rather than an open dashboard.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>Local</c> (serve on loopback: no sign-in, the machine's user decides) or <c>AppService</c> (Azure: App
    /// Service Authentication signs people in and sets the X-MS-CLIENT-PRINCIPAL headers). Empty: AppService when
    /// running in App Service (WEBSITE_INSTANCE_ID is set), Local otherwise.
    /// </summary>
    public string? Authentication { get; set; }

    /// <summary>
    /// The dashboard's public origin (scheme, host, port) when the platform cannot tell it: a custom domain, or
    /// <c>func start</c> on a developer's machine. In App Service, https://WEBSITE_HOSTNAME is always accepted.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Other origins (e.g. an internal portal) allowed to call the API from a browser. Empty: CORS off.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// People who may approve, edit and reject drafts when the Entra app role <see cref="AccessRules.ReviewerRole"/>
    /// is not used: object ids or user names (as App Service Authentication reports them).
    /// </summary>
    public List<string> Reviewers { get; set; } = [];
}

/// <summary>The platform's own settings this capability reads; App Service sets them, nobody else should.</summary>
public static class AppServicePlatform
{
    /// <summary>Set by App Service on every instance; its presence means the platform's front end is in the path.</summary>
    public const string InstanceId = "WEBSITE_INSTANCE_ID";

    /// <summary>"True" when App Service Authentication runs in front of the app (and so strips forged principal headers).</summary>
    public const string AuthEnabled = "WEBSITE_AUTH_ENABLED";

    /// <summary>The app's default host name (func-x.azurewebsites.net): the dashboard's origin is https:// and this.</summary>
    public const string HostName = "WEBSITE_HOSTNAME";
}

public static class AccessMode
{
    public const string Local = "Local";
    public const string AppService = "AppService";

    /// <summary>The mode in force: the setting, or by host when it is empty.</summary>
    public static string Of(AccessOptions options, IConfiguration configuration) =>
        string.IsNullOrEmpty(options.Authentication)
            ? (string.IsNullOrEmpty(configuration[AppServicePlatform.InstanceId]) ? Local : AppService)
            : options.Authentication;
}

internal sealed class AccessOptionsValidator(IConfiguration configuration) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new SettingProblems();
        var mode = options.Authentication;
        var inAppService = !string.IsNullOrEmpty(configuration[AppServicePlatform.InstanceId]);
        if (!string.IsNullOrEmpty(mode) && mode is not (AccessMode.Local or AccessMode.AppService))
        {
            problems.Add("Dashboard:Authentication", $"is '{mode}'; it must be Local or AppService (or empty to choose by host)", "Dashboard:Authentication=AppService");
        }
        else if (mode == AccessMode.Local && inAppService)
        {
            // In App Service the worker sees every request from loopback (the host forwards it), so Local would let anyone in.
            problems.Add("Dashboard:Authentication", "is Local, but this app runs in Azure App Service, where the dashboard needs App Service Authentication", "Dashboard:Authentication=AppService");
        }
        else if (mode == AccessMode.AppService && !inAppService)
        {
            // Outside App Service nothing strips the X-MS-CLIENT-PRINCIPAL headers, so anyone could claim to be anyone.
            problems.Add("Dashboard:Authentication", $"is AppService, but this app does not run in Azure App Service ({AppServicePlatform.InstanceId} is not set), so nothing signs people in and the sign-in headers could be forged", "Dashboard:Authentication=Local");
        }

        if (!string.IsNullOrEmpty(options.PublicOrigin) && !IsOrigin(options.PublicOrigin))
        {
            problems.Add("Dashboard:PublicOrigin", $"is '{options.PublicOrigin}', which is not an origin (scheme, host and port only, no path or trailing slash)", "Dashboard:PublicOrigin=https://techlead.contoso.com");
        }

        foreach (var origin in options.AllowedOrigins.Where(o => !IsOrigin(o)))
        {
            problems.Add("Dashboard:AllowedOrigins", $"contains '{origin}', which is not an origin (scheme, host and port only, no path or trailing slash)", "Dashboard:AllowedOrigins:0=https://portal.example.com");
        }

        if (options.Reviewers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Dashboard:Reviewers", "contains an empty entry; list object ids or user names", "Dashboard:Reviewers:0=ada@contoso.com");
        }

        return problems.ToResult();
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.PathAndQuery == "/" && !origin.EndsWith('/');
}
