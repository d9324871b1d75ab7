using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TechLead.Dashboard;

/// <summary>Who made a decision, as stored on the draft.</summary>
public sealed record Reviewer(string Name, string Provider, string? Id)
{
    /// <summary>"ada@contoso.com (aad)", as shown next to the decision.</summary>
    public string Label => $"{Name} ({Provider})";
}

/// <summary>
/// The dashboard's gate, the same in both hosts. Local mode trusts the loopback user. AppService mode believes the
/// X-MS-CLIENT-PRINCIPAL headers because App Service's front end removes any such header a client sends and sets
/// them only for a session or token it validated; the app is reachable only through that front end, so the headers
/// are the platform's. State-changing calls must carry <see cref="CsrfHeader"/> (a browser sends a custom header
/// cross-site only after a CORS preflight, which fails unless Dashboard:AllowedOrigins lists the origin) and must
/// not come from another origin.
/// </summary>
public sealed partial class DashboardAccess(IOptions<DashboardOptions> options, IConfiguration configuration, ILogger<DashboardAccess> logger)
{
    public const string CsrfHeader = "X-Requested-With";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalIdpHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    public string Mode { get; } = string.IsNullOrEmpty(options.Value.Authentication)
        ? (string.IsNullOrEmpty(configuration[DashboardAuthentication.AppServiceMarker]) ? DashboardAuthentication.Local : DashboardAuthentication.AppService)
        : options.Value.Authentication;

    /// <summary>The caller, or the refusal to answer with (401 not signed in, 403 cross-site).</summary>
    public (Reviewer? Reviewer, IResult? Refusal) Check(HttpRequest request, bool changesState)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reviewer = Mode == DashboardAuthentication.AppService ? FromPlatform(request) : new Reviewer(Environment.UserName, "local", null);
        if (reviewer is null)
        {
            LogRefused(StatusCodes.Status401Unauthorized, "not signed in");
            return (null, TypedResults.Problem(
                title: "Sign-in required",
                detail: "Sign in with your organisation's account (App Service Authentication), then try again. Nothing was changed.",
                statusCode: StatusCodes.Status401Unauthorized));
        }

        if (changesState && CrossSiteReason(request) is { } reason)
        {
            LogRefused(StatusCodes.Status403Forbidden, "cross-site");
            return (null, TypedResults.Problem(title: "Cross-site request refused", detail: reason + " Nothing was changed.", statusCode: StatusCodes.Status403Forbidden));
        }

        return (reviewer, null);
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for a signed-in caller only: for endpoints of other capabilities the page calls
    /// (SBI feedback), which protect themselves against cross-site posts by requiring a JSON body.
    /// </summary>
    public async Task<IResult> SignedInAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Check(request, changesState: false).Refusal ?? await handler();
    }

    /// <summary>Whether a browser on <paramref name="origin"/> may read answers (CORS); same-origin needs no listing.</summary>
    public bool IsAllowedOrigin(string origin) => options.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    private string? CrossSiteReason(HttpRequest request)
    {
        if (!request.Headers.ContainsKey(CsrfHeader))
        {
            return $"Decisions must carry the {CsrfHeader} header (the dashboard sends it; a cross-site form cannot).";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowedOrigin(origin))
        {
            return null;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The request came from {origin}, which is not this dashboard's origin and not listed in Dashboard:AllowedOrigins.";
    }

    private static Reviewer? FromPlatform(HttpRequest request)
    {
        var id = request.Headers[PrincipalIdHeader].ToString();
        var provider = request.Headers[PrincipalIdpHeader].ToString();
        var principal = request.Headers[PrincipalHeader].ToString();
        if (id.Length == 0 || provider.Length == 0 || principal.Length == 0)
        {
            return null;
        }

        var name = request.Headers[PrincipalNameHeader].ToString();
        if (name.Length == 0)
        {
            name = NameClaim(principal) ?? id;
        }

        return new Reviewer(name, provider, id);
    }

    /// <summary>The principal's display name from the platform's base64 JSON (<c>claims</c> with <c>typ</c>/<c>val</c>, <c>name_typ</c>).</summary>
    private static string? NameClaim(string principal)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(principal)));
            var root = document.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var typ) ? typ.GetString() : null;
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? Claim(string? type) => type is null ? null : claims.EnumerateArray()
                .Where(c => c.TryGetProperty("typ", out var t) && t.GetString() == type)
                .Select(c => c.TryGetProperty("val", out var v) ? v.GetString() : null)
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

            return Claim(nameType) ?? Claim("preferred_username") ?? Claim("name");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard request refused with {Status}: {Reason}.")]
    private partial void LogRefused(int status, string reason);
}
