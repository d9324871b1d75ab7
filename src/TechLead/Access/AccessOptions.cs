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
    /// <c>Local</c> (no sign-in: the person at this machine decides; only loopback Host names and loopback callers) or
    /// <c>AppService</c> (the platform's sign-in, App Service Authentication, sets the X-MS-CLIENT-PRINCIPAL headers).
    /// Empty: AppService in any Azure hosting plan (<see cref="HostingPlatform"/>), Local for serve and for the
    /// Functions app under <c>func start</c> (AZURE_FUNCTIONS_ENVIRONMENT=Development), and otherwise nobody (503).
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
    /// People who may approve, edit and reject drafts when the Entra app role <see cref="AccessGate.ReviewerRole"/>
    /// is not used: Entra object ids (GUIDs) only, never sign-in names, which can be changed and reused.
    /// </summary>
    public List<string> Reviewers { get; set; } = [];
}

/// <summary>The platform's own settings this capability reads; App Service sets them, nobody else should.</summary>
internal static class AppServicePlatform
{
    /// <summary>Set by App Service on every instance; its presence means the platform's front end is in the path.</summary>
    public const string InstanceId = "WEBSITE_INSTANCE_ID";

    /// <summary>"True" when App Service Authentication runs in front of the app (and so strips forged principal headers).</summary>
    public const string AuthEnabled = "WEBSITE_AUTH_ENABLED";

    /// <summary>The app's default host name (func-x.azurewebsites.net): the dashboard's origin is https:// and this.</summary>
    public const string HostName = "WEBSITE_HOSTNAME";
}

internal static class AccessMode
{
    public const string Local = "Local";
    public const string AppService = "AppService";

    /// <summary>Not a setting: where neither applies (a Functions app outside Azure and outside func start), nobody gets in.</summary>
    public const string Closed = "Closed";

    /// <summary>The mode in force: the setting (validated at start), or by where the app runs when it is empty.</summary>
    public static string Of(AccessOptions options, HostingPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(platform);
        return !string.IsNullOrEmpty(options.Authentication) ? options.Authentication
            : platform.InAzure ? AppService
            : platform.Host == RouteHost.Serve || platform.FuncStartDevelopment ? Local
            : Closed;
    }
}

internal sealed class AccessOptionsValidator(HostingPlatform platform) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new SettingProblems();
        var mode = options.Authentication;
        if (!string.IsNullOrEmpty(mode) && mode is not (AccessMode.Local or AccessMode.AppService))
        {
            problems.Add("Dashboard:Authentication", $"is '{mode}'; it must be Local or AppService (or empty to choose by host)", "Dashboard:Authentication=AppService");
        }
        else if (mode == AccessMode.Local && platform.InAzure)
        {
            // In Azure every request reaches the worker through the platform (App Service forwards from loopback), so Local would let anyone in.
            problems.Add("Dashboard:Authentication", $"is Local, but this app runs in Azure, {platform.AzureDescription}, where the dashboard needs the platform's sign-in (App Service Authentication)", "Dashboard:Authentication=AppService");
        }
        else if (mode == AccessMode.Local && platform.Host == RouteHost.FunctionsWorker && !platform.FuncStartDevelopment)
        {
            problems.Add("Dashboard:Authentication", $"is Local, but this Functions app does not run under func start ({HostingPlatform.FunctionsEnvironment} is not Development), so nobody is known to be at this machine", "Dashboard:Authentication=AppService");
        }
        else if (mode == AccessMode.AppService && !platform.InAzure)
        {
            // Outside Azure nothing strips the X-MS-CLIENT-PRINCIPAL headers, so anyone could claim to be anyone.
            problems.Add("Dashboard:Authentication", $"is AppService, but this app does not run in Azure (no hosting variable such as {AppServicePlatform.InstanceId}, {HostingPlatform.Sku}, {HostingPlatform.ContainerAppName} is set), so nothing signs people in and the sign-in headers could be forged", "Dashboard:Authentication=Local");
        }

        if (!string.IsNullOrEmpty(options.PublicOrigin) && !IsOrigin(options.PublicOrigin))
        {
            problems.Add("Dashboard:PublicOrigin", $"is '{options.PublicOrigin}', which is not an origin (scheme, host and port only, no path or trailing slash)", "Dashboard:PublicOrigin=https://techlead.contoso.com");
        }

        foreach (var origin in options.AllowedOrigins.Where(o => !IsOrigin(o)))
        {
            problems.Add("Dashboard:AllowedOrigins", $"contains '{origin}', which is not an origin (scheme, host and port only, no path or trailing slash)", "Dashboard:AllowedOrigins:0=https://portal.example.com");
        }

        foreach (var reviewer in options.Reviewers.Where(r => !Guid.TryParse(r, out _)))
        {
            // A sign-in name or e-mail can be renamed or handed to someone else; the object id cannot.
            problems.Add("Dashboard:Reviewers", $"contains '{reviewer}', which is not an Entra object id (a GUID, as in Entra ID > Users > Object ID); sign-in names are not accepted", "Dashboard:Reviewers:0=3f2b8c1e-6d4a-4f0e-9b7a-2c5d8e1f0a93");
        }

        return problems.ToResult();
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.PathAndQuery == "/" && !origin.EndsWith('/');
}
