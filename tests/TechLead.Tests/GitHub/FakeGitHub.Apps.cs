using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace TechLead.Tests.GitHub;

/// <summary>A GitHub App the fake registered from a manifest, with its key pair (the private half went out once, as pem).</summary>
internal sealed record FakeApp(long Id, string Slug, string ClientId, string? Owner, JsonObject Manifest, RSA Key);

/// <summary>
/// GitHub's App manifest flow as documented ("Registering a GitHub App from a manifest"): the manifest form POSTed to
/// <c>/settings/apps/new?state=</c> (or <c>/organizations/ORG/settings/apps/new</c>) is checked and answered with a
/// redirect to <c>redirect_url?code=&amp;state=</c>; <c>POST /app-manifests/{code}/conversions</c> answers 201 with
/// the App's id, slug, pem and webhook secret once per code (404 after, or once codes expired); the installation page
/// <c>/apps/{slug}/installations/new</c>; and <c>GET /app/installations</c>, which verifies the App's JWT (RS256 with
/// the App's key, iss = App id or client id, iat not in the future, exp within 10 minutes) or answers 401.
/// </summary>
public sealed partial class FakeGitHub
{
    /// <summary>Repository permissions an App may ask for (GitHub's "Permissions required for GitHub Apps"), and the access levels.</summary>
    private static readonly HashSet<string> KnownPermissions = new(StringComparer.Ordinal)
    {
        "actions", "administration", "checks", "contents", "deployments", "environments", "issues", "metadata", "packages", "pages",
        "pull_requests", "repository_hooks", "repository_projects", "secret_scanning_alerts", "secrets", "security_events",
        "statuses", "vulnerability_alerts", "workflows", "members", "organization_administration",
    };

    /// <summary>The permission an App needs before it may subscribe to an event (GitHub refuses the event otherwise).</summary>
    private static readonly Dictionary<string, string> EventPermission = new(StringComparer.Ordinal)
    {
        ["pull_request"] = "pull_requests", ["pull_request_review"] = "pull_requests", ["release"] = "contents", ["push"] = "contents",
        ["create"] = "contents", ["delete"] = "contents", ["deployment"] = "deployments", ["deployment_status"] = "deployments",
        ["workflow_run"] = "actions", ["workflow_job"] = "actions", ["issues"] = "issues", ["issue_comment"] = "issues",
        ["check_run"] = "checks", ["check_suite"] = "checks", ["status"] = "statuses",
    };

    private readonly ConcurrentDictionary<string, (JsonObject Manifest, string? Owner)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, FakeApp> _apps = new();
    private readonly ConcurrentDictionary<long, List<(long Id, string Account)>> _installations = new();
    private readonly ConcurrentQueue<JsonObject> _manifests = new();
    private long _nextAppId = 900_000;

    /// <summary>The web UI's root, GHES style (the REST API is under /api/v3 of the same host).</summary>
    public string WebUrl => _server.Url!;

    /// <summary>Every manifest the settings page received, valid or not.</summary>
    internal IReadOnlyList<JsonObject> ReceivedManifests => _manifests.ToArray();

    internal IReadOnlyList<FakeApp> Apps => _apps.Values.ToArray();

    /// <summary>An hour has passed: every code not yet converted is refused (404), as GitHub refuses an expired code.</summary>
    public bool CodesExpired { get; set; }

    /// <summary>GitHub's clock for the JWT's iat and exp; a test that drives the machine's clock gives GitHub the same one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    private ResponseMessage? AppManifestFlow(FakeRequest request)
    {
        var path = request.Path;
        if (request.Method == "POST" && Regex.Match(path, "^/(?:organizations/([^/]+)/)?settings/apps/new$") is { Success: true } form)
        {
            return ManifestForm(request, form.Groups[1].Success ? Uri.UnescapeDataString(form.Groups[1].Value) : null);
        }

        if (request.Method == "POST" && Regex.Match(path, "^/api/v3/app-manifests/([^/]+)/conversions$") is { Success: true } conversion)
        {
            return Conversion(Uri.UnescapeDataString(conversion.Groups[1].Value));
        }

        if (Regex.Match(path, "^/apps/([^/]+)/installations(/new)?$") is { Success: true } install)
        {
            return Installation(request, install.Groups[1].Value, page: request.Method == "GET" && install.Groups[2].Success);
        }

        return request.Method == "GET" && path == "/api/v3/app/installations" ? ListInstallations(request) : null;
    }

    private ResponseMessage ManifestForm(FakeRequest request, string? organization)
    {
        var form = QueryHelpers.ParseQuery(request.Body ?? "");
        JsonObject? manifest = null;
        try
        {
            manifest = JsonNode.Parse(form.TryGetValue("manifest", out var text) ? text.ToString() : "") as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (manifest is null)
        {
            return Html(422, "<h1>Invalid GitHub App manifest</h1><p>The manifest parameter is not a JSON object.</p>");
        }

        _manifests.Enqueue(manifest);
        var problems = ManifestProblems(manifest);
        if (problems.Count > 0)
        {
            return Html(422, "<h1>Invalid GitHub App manifest</h1><ul>" + string.Concat(problems.Select(p => $"<li>{WebUtility.HtmlEncode(p)}</li>")) + "</ul>");
        }

        var code = RandomNumberGenerator.GetHexString(20, lowercase: true);
        _codes[code] = (manifest, organization);
        var state = request.Query.TryGetValue("state", out var s) ? s : "";
        var redirect = QueryHelpers.AddQueryString(manifest["redirect_url"]!.GetValue<string>(), new Dictionary<string, string?> { ["code"] = code, ["state"] = state });
        var response = new ResponseMessage { StatusCode = 302 };
        response.AddHeader("Location", redirect);
        return response;
    }

    /// <summary>What GitHub checks of a manifest: required fields, URLs, known permissions and levels, events the permissions allow.</summary>
    internal static List<string> ManifestProblems(JsonObject manifest)
    {
        var problems = new List<string>();
        static bool IsUrl(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var t) && Uri.TryCreate(t, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
        if (manifest["name"] is not JsonValue name || !name.TryGetValue<string>(out var n) || n.Length is 0 or > 34)
        {
            problems.Add("name is required, at most 34 characters");
        }

        if (!IsUrl(manifest["url"]))
        {
            problems.Add("url (the homepage) must be a URL");
        }

        if (manifest["redirect_url"] is not null && !IsUrl(manifest["redirect_url"]))
        {
            problems.Add("redirect_url must be a URL");
        }

        if (manifest["public"] is { } isPublic && isPublic.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add("public must be a boolean");
        }

        var hook = manifest["hook_attributes"] as JsonObject;
        if (manifest["hook_attributes"] is not null && (hook is null || !IsUrl(hook["url"])))
        {
            problems.Add("hook_attributes.url is required and must be a URL");
        }

        var permissions = manifest["default_permissions"] as JsonObject ?? [];
        foreach (var (permission, level) in permissions)
        {
            if (!KnownPermissions.Contains(permission) || level?.GetValue<string>() is not ("read" or "write" or "admin"))
            {
                problems.Add($"default_permissions.{permission} is not a permission with read or write");
            }
        }

        foreach (var item in manifest["default_events"] as JsonArray ?? [])
        {
            var name2 = item?.GetValue<string>() ?? "";
            if (hook is null || hook["active"]?.GetValue<bool>() == false)
            {
                problems.Add($"default_events.{name2}: events need an active webhook");
            }
            else if (!EventPermission.TryGetValue(name2, out var needed) || !permissions.ContainsKey(needed))
            {
                problems.Add($"Default events unsupported: {name2}");
            }
        }

        return problems;
    }

    private ResponseMessage Conversion(string code)
    {
        if (CodesExpired || !_codes.TryRemove(code, out var pending))
        {
            return Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/apps/apps#create-a-github-app-from-a-manifest","status":"404"}""", false);
        }

        var (manifest, owner) = pending;
        var id = Interlocked.Increment(ref _nextAppId);
        var name = manifest["name"]!.GetValue<string>();
        var slug = Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        var key = RSA.Create(2048);
        var app = new FakeApp(id, slug, "Iv23li" + RandomNumberGenerator.GetHexString(14, lowercase: true), owner, manifest, key);
        _apps[id] = app;
        var now = FakeShas.Iso(DateTimeOffset.UtcNow);
        var hasHook = manifest["hook_attributes"] is JsonObject;
        return Json(201, new JsonObject
        {
            ["id"] = id,
            ["slug"] = slug,
            ["node_id"] = "A_kwDO" + id.ToString(CultureInfo.InvariantCulture),
            ["owner"] = new JsonObject { ["login"] = owner ?? "octocat", ["id"] = 1, ["type"] = owner is null ? "User" : "Organization" },
            ["name"] = name,
            ["description"] = manifest["description"]?.DeepClone(),
            ["external_url"] = manifest["url"]?.DeepClone(),
            ["html_url"] = $"{WebUrl}/apps/{slug}",
            ["created_at"] = now,
            ["updated_at"] = now,
            ["permissions"] = manifest["default_permissions"]?.DeepClone() ?? new JsonObject(),
            ["events"] = manifest["default_events"]?.DeepClone() ?? new JsonArray(),
            ["client_id"] = app.ClientId,
            ["client_secret"] = RandomNumberGenerator.GetHexString(40, lowercase: true),
            ["webhook_secret"] = hasHook ? RandomNumberGenerator.GetHexString(40, lowercase: true) : null,
            ["pem"] = key.ExportRSAPrivateKeyPem(),
        }.ToJsonString(), false);
    }

    /// <summary>The installation page (GET, a form with an Install button) and the install itself (POST).</summary>
    private ResponseMessage Installation(FakeRequest request, string slug, bool page)
    {
        if (_apps.Values.FirstOrDefault(a => a.Slug == slug) is not { } app)
        {
            return Html(404, "<h1>Not Found</h1>");
        }

        if (page)
        {
            return Html(200, $"<h1>Install {WebUtility.HtmlEncode(slug)}</h1><form method=\"post\" action=\"/apps/{slug}/installations\"><button type=\"submit\">Install</button></form>");
        }

        if (request.Method != "POST")
        {
            return Html(405, "<h1>Method not allowed</h1>");
        }

        var list = _installations.GetOrAdd(app.Id, _ => []);
        lock (list)
        {
            list.Add((Interlocked.Increment(ref _nextId) + 40_000_000, app.Owner ?? "octocat"));
        }

        return Html(200, $"<h1>Installed {WebUtility.HtmlEncode(slug)}</h1>");
    }

    private ResponseMessage ListInstallations(FakeRequest request)
    {
        if (AppOfJwt(request, out var problem) is not { } app)
        {
            return Json(401, new JsonObject { ["message"] = problem, ["documentation_url"] = "https://docs.github.com/rest", ["status"] = "401" }.ToJsonString(), false);
        }

        var list = _installations.GetOrAdd(app.Id, _ => []);
        var body = new JsonArray();
        lock (list)
        {
            foreach (var (id, account) in list)
            {
                body.Add(new JsonObject
                {
                    ["id"] = id,
                    ["account"] = new JsonObject { ["login"] = account, ["id"] = 1, ["type"] = app.Owner is null ? "User" : "Organization" },
                    ["repository_selection"] = "selected",
                    ["access_tokens_url"] = $"{ApiUrl}/app/installations/{id}/access_tokens",
                    ["repositories_url"] = $"{ApiUrl}/installation/repositories",
                    ["html_url"] = $"{WebUrl}/settings/installations/{id}",
                    ["app_id"] = app.Id,
                    ["app_slug"] = app.Slug,
                    ["target_id"] = 1,
                    ["target_type"] = app.Owner is null ? "User" : "Organization",
                    ["permissions"] = app.Manifest["default_permissions"]?.DeepClone() ?? new JsonObject(),
                    ["events"] = app.Manifest["default_events"]?.DeepClone() ?? new JsonArray(),
                    ["created_at"] = FakeShas.Iso(DateTimeOffset.UtcNow),
                    ["updated_at"] = FakeShas.Iso(DateTimeOffset.UtcNow),
                    ["single_file_name"] = null,
                });
            }
        }

        return Json(200, body.ToJsonString(), false);
    }

    /// <summary>The App whose key signed the request's JWT under GitHub's rules, or null with GitHub's reason.</summary>
    private FakeApp? AppOfJwt(FakeRequest request, out string problem)
    {
        problem = "A JSON web token could not be decoded";
        var header = request.Header("Authorization") ?? "";
        var parts = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Split('.') : [];
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var head = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement;
            var claims = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
            var issuer = claims.GetProperty("iss").ValueKind == JsonValueKind.Number ? claims.GetProperty("iss").GetInt64().ToString(CultureInfo.InvariantCulture) : claims.GetProperty("iss").GetString();
            var app = _apps.Values.FirstOrDefault(a => a.Id.ToString(CultureInfo.InvariantCulture) == issuer || a.ClientId == issuer);
            if (head.GetProperty("alg").GetString() != "RS256" || app is null
                || !app.Key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                problem = "'Issuer' claim ('iss') must be an Integer or the client ID of a GitHub App signed with its private key";
                return null;
            }

            var now = Clock.GetUtcNow().ToUnixTimeSeconds();
            var (iat, exp) = (claims.GetProperty("iat").GetInt64(), claims.GetProperty("exp").GetInt64());
            if (iat > now)
            {
                problem = "'Issued at' claim ('iat') must be an Integer representing a time in the past";
                return null;
            }

            if (exp <= now || exp > now + 600)
            {
                problem = "'Expiration time' claim ('exp') is too far in the future, or in the past";
                return null;
            }

            return app;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ResponseMessage Html(int status, string body)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = $"<!doctype html><html lang=\"en\"><head><title>GitHub</title></head><body>{body}</body></html>", DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "text/html; charset=utf-8");
        return response;
    }
}
