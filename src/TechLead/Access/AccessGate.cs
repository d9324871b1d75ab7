using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TechLead.Access;

/// <summary>
/// The one access rule for every route, in both hosts (serve's endpoint filter and the Functions triggers call it).
/// Identity fails closed: Local mode trusts the person at this machine, so it answers only loopback Host names and
/// loopback callers (serve listens on loopback only; under func start the Functions host forwards each caller's own
/// address and Host to the worker as X-Forwarded-For/-Host, which the worker applies); AppService mode trusts the
/// X-MS-CLIENT-PRINCIPAL headers only when the platform says App Service Authentication runs in front of the app (it
/// strips such headers from clients and sets them itself), and answers 503 otherwise; Closed mode (a Functions app
/// neither in Azure nor under func start) answers 503 to every person. State-changing calls must carry
/// <see cref="CsrfHeader"/> (a browser sends a custom header cross-site only after a CORS preflight, which fails unless
/// Dashboard:AllowedOrigins lists the origin) and an Origin that is the dashboard's own public origin, never one
/// derived from the request's Host header (DNS rebinding forges that).
/// </summary>
public sealed partial class AccessGate
{
    public const string CsrfHeader = "X-Requested-With";

    /// <summary>The Entra app role that may approve, edit and reject drafts.</summary>
    public const string ReviewerRole = "Reviewer";

    private readonly AccessOptions _options;
    private readonly IConfiguration _configuration;
    private readonly ILogger<AccessGate> _logger;
    private readonly HashSet<Guid> _reviewers;
    private HashSet<string>? _localOrigins;

    public AccessGate(IOptions<AccessOptions> options, IConfiguration configuration, HostingPlatform platform, ILogger<AccessGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _configuration = configuration;
        Platform = platform;
        _logger = logger;
        _reviewers = _options.Reviewers.Select(r => Guid.TryParse(r, out var id) ? id : (Guid?)null).OfType<Guid>().ToHashSet();
        Mode = AccessMode.Of(_options, platform);
    }

    public string Mode { get; }

    /// <summary>Where the app runs, which decided <see cref="Mode"/> when Dashboard:Authentication is empty.</summary>
    public HostingPlatform Platform { get; }

    public bool Enabled => _options.Enabled;

    /// <summary>True when App Service mode cannot trust the principal headers: the platform's sign-in is not on.</summary>
    public bool SignInMissing => Mode == AccessMode.AppService &&
        !string.Equals(_configuration[AppServicePlatform.AuthEnabled], "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a browser on <paramref name="origin"/> may read answers (CORS); same-origin needs no listing.</summary>
    public bool IsAllowedOrigin(string origin) => _options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Applies <paramref name="access"/> to a request: null to go on (the caller attached for the handler), or the
    /// refusal to answer with. Both hosts add no-store and nosniff to every answer, refusals included, around the gate
    /// (TechLead.Http.SecurityHeaders).
    /// </summary>
    public IResult? Check(HttpContext context, RouteAccess access) => Check(context, access, null);

    /// <summary>As <see cref="Check(HttpContext, RouteAccess)"/>; <paramref name="reviewerAction"/> names what a non-reviewer was refused ("Deep health checks").</summary>
    public IResult? Check(HttpContext context, RouteAccess access, string? reviewerAction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (access is RouteAccess.Public or RouteAccess.Signature)
        {
            return null;
        }

        if (!_options.Enabled)
        {
            return Refuse(StatusCodes.Status404NotFound, "dashboard switched off", "Not found",
                "The dashboard, review and feedback routes are switched off in this deployment (Dashboard:Enabled=false). Set up sign-in and set Dashboard:Enabled=true to use them.");
        }

        if (SignInMissing)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "sign-in not set up", "Sign-in is not set up",
                $"This app runs in Azure App Service without App Service Authentication ({AppServicePlatform.AuthEnabled} is not True), so it cannot tell who you are. Turn on App Service Authentication (deploy with dashboardClientId), or switch the dashboard off with Dashboard:Enabled=false. Nothing was changed.");
        }

        if (Mode == AccessMode.Closed)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "no sign-in where this runs", "Sign-in is not set up", ClosedDetail + " Nothing was changed.");
        }

        if (Mode == AccessMode.Local && LocalRefusal(context) is { } local)
        {
            return local;
        }

        var caller = Mode == AccessMode.AppService ? FromPlatform(context.Request) : new Caller(Environment.UserName, "local", null, IsReviewer: true);
        if (caller is null)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "not signed in", "Sign-in required",
                "Sign in with your organisation's account (App Service Authentication), then try again. Nothing was changed.");
        }

        if (ChangesState(context.Request.Method) && CrossSiteReason(context) is { } reason)
        {
            return Refuse(StatusCodes.Status403Forbidden, "cross-site", "Cross-site request refused", reason + " Nothing was changed.");
        }

        if (access == RouteAccess.Reviewer && !caller.IsReviewer)
        {
            return Refuse(StatusCodes.Status403Forbidden, "not a reviewer", $"The {ReviewerRole} role is required",
                $"{reviewerAction ?? "Approving, editing and rejecting drafts"} needs the Entra app role '{ReviewerRole}' (ask an owner of the app registration to assign it), or your Entra object id in Dashboard:Reviewers. Nothing was changed.");
        }

        caller.Attach(context);
        return null;
    }

    /// <summary>Why a Functions app with no sign-in refuses people; said at start and on every refused request.</summary>
    public static string ClosedDetail =>
        $"This Functions app runs neither in Azure (no hosting variable such as {AppServicePlatform.InstanceId}, {HostingPlatform.Sku}, {HostingPlatform.ContainerName} or {HostingPlatform.ContainerAppName} is set) nor under func start ({HostingPlatform.FunctionsEnvironment} is not Development), so nothing signs people in and nobody is known to be at this machine. Deploy it to Azure with App Service Authentication, run it with func start, or use TechLead.Local serve.";

    public static bool ChangesState(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private Caller? FromPlatform(HttpRequest request)
    {
        if (PlatformPrincipal.Read(request) is not { } principal)
        {
            return null;
        }

        // Dashboard:Reviewers holds object ids: never the sign-in name, which the person or an admin can change.
        var reviewer = principal.Roles.Contains(ReviewerRole) || (principal.ObjectId is { } objectId && _reviewers.Contains(objectId));
        return new Caller(principal.Name, principal.Provider, principal.Id, reviewer);
    }

    private string? CrossSiteReason(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(CsrfHeader))
        {
            return $"Changes must carry the {CsrfHeader} header (the dashboard sends it; a cross-site form cannot).";
        }

        // No Origin: not a browser's cross-site request (browsers send Origin on every POST and DELETE).
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || IsAllowedOrigin(origin) || OwnOrigins(context).Contains(origin)
            ? null
            : $"The request came from {origin}, which is not this dashboard's origin and not listed in Dashboard:AllowedOrigins.";
    }

    /// <summary>
    /// The dashboard's own origins: Dashboard:PublicOrigin; in App Service https://WEBSITE_HOSTNAME (the platform
    /// terminates TLS, so the worker's own scheme would be http); locally the loopback addresses serve listens on.
    /// </summary>
    private HashSet<string> OwnOrigins(HttpContext context)
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(_options.PublicOrigin))
        {
            origins.Add(_options.PublicOrigin);
        }

        if (Mode == AccessMode.AppService)
        {
            if (_configuration[AppServicePlatform.HostName] is { Length: > 0 } host)
            {
                origins.Add("https://" + host);
            }

            return origins;
        }

        origins.UnionWith(_localOrigins ??= LocalOrigins(context.RequestServices));
        return origins;
    }

    private static HashSet<string> LocalOrigins(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && IsLoopback(uri.Host))
            {
                foreach (var host in LoopbackHosts.Names)
                {
                    origins.Add($"{uri.Scheme}://{host}:{uri.Port}");
                }
            }
        }

        return origins;
    }

    /// <summary>
    /// Local mode serves the person at this machine: the request must name a loopback host (a rebinding page on
    /// attacker.example that resolves to 127.0.0.1 still sends Host: attacker.example) and come from a loopback
    /// address (func start's host listens on every interface, and forwards the caller's own address).
    /// </summary>
    private ProblemHttpResult? LocalRefusal(HttpContext context)
    {
        if (!LoopbackHosts.Allows(context.Request.Host))
        {
            return Refuse(StatusCodes.Status400BadRequest, "not a loopback host name", "Not this machine's address",
                $"Without sign-in the dashboard answers only at {string.Join(", ", LoopbackHosts.Names)} on this machine. Nothing was changed.");
        }

        if (!IsLoopback(context.Connection.RemoteIpAddress))
        {
            return Refuse(StatusCodes.Status403Forbidden, "not from this machine", "Only the person at this machine",
                "Without sign-in the dashboard, review and feedback routes answer only requests from this machine. Deploy to Azure with App Service Authentication to share them. Nothing was changed.");
        }

        return null;
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>127.0.0.1 (and the rest of 127/8), ::1 and localhost.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private ProblemHttpResult Refuse(int status, string reason, string title, string detail)
    {
        LogRefused(status, reason);
        return TypedResults.Problem(title: title, detail: detail, statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused with {Status}: {Reason}.")]
    private partial void LogRefused(int status, string reason);
}
