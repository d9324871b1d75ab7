using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechLead.Feedback;

namespace TechLead.Dashboard;

/// <summary>
/// The page and its two files, embedded in the assembly so both hosts serve the same bytes. Every answer carries a
/// strict Content-Security-Policy: nothing from another host, no inline script or style.
/// </summary>
public sealed class DashboardPage(IOptions<FeedbackOptions> feedback)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private FrozenDictionary<string, PageFile>? _assets;

    private FrozenDictionary<string, PageFile> Assets => _assets ??= Load(feedback.Value.KeepDays);

    public Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Page(HttpRequest request) => Serve(request, "index.html");

    public Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Asset(HttpRequest request, string name) => Serve(request, name);

    private Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult> Serve(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!Assets.TryGetValue(name, out var asset))
        {
            return TypedResults.Problem(title: "No such dashboard file", detail: "The dashboard serves index.html, dashboard.css and dashboard.js.", statusCode: StatusCodes.Status404NotFound);
        }

        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    /// <summary>The embedded files; the page states how long kept feedback is kept, from Feedback:KeepDays.</summary>
    private static FrozenDictionary<string, PageFile> Load(int keepDays)
    {
        var assembly = typeof(DashboardPage).Assembly;
        const string prefix = "TechLead.Dashboard.Assets.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..], n => Read(assembly, n, n[prefix.Length..], keepDays), StringComparer.Ordinal);
    }

    private static PageFile Read(Assembly assembly, string resource, string name, int keepDays)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = name == "index.html"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(copy.ToArray()).Replace("{{KeepDays}}", keepDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            : copy.ToArray();
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return new PageFile(bytes, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
    }

    private sealed record PageFile(byte[] Bytes, string ContentType, string ETag);
}
