using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using TechLead.Tests.Infrastructure;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace TechLead.Tests.GitHub;

/// <summary>A request the fake received, with the status it answered.</summary>
internal sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public int Status { get; set; }

    public bool IsGraphQl => Path.EndsWith("/graphql", StringComparison.Ordinal);

    /// <summary>The GraphQL operation name (<c>query Name(...)</c>), for GraphQL requests.</summary>
    public string? Operation => IsGraphQl && Body is not null && Regex.Match(Body, @"query\s+(\w+)") is { Success: true } m ? m.Groups[1].Value : null;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}?{string.Join('&', Query.Select(q => $"{q.Key}={q.Value}"))} -> {Status}";
}

/// <summary>What an interceptor answers instead of the fake's normal response.</summary>
internal sealed record FakeResponse(int Status, string? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse SecondaryRateLimit(int? retryAfterSeconds) => new(403,
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits","status":"403"}""",
        retryAfterSeconds is null ? null : new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture) });

    /// <summary>The primary rate limit used up until <paramref name="reset"/>, as GitHub answers it (403, remaining 0).</summary>
    public static FakeResponse PrimaryRateLimit(DateTimeOffset reset) => new(403,
        """{"message":"API rate limit exceeded for installation ID 78901.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api","status":"403"}""",
        new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        });

    public static FakeResponse Forbidden(string message) => new(403,
        $$"""{"message":"{{message}}","documentation_url":"https://docs.github.com/rest","status":"403"}""");

    public static FakeResponse ServerError() => new(502, """{"message":"Server Error"}""");
}

/// <summary>
/// A loopback GitHub (WireMock.Net) for tests and benchmarks: REST and GraphQL with GitHub's real object shapes,
/// token checks, the list parameters as documented (<see cref="ListOrder"/>), GraphQL validated against GitHub's schema
/// and answering only what is selected (<see cref="FakeGitHubGraphQl"/>), Link-header pagination, ETags and 304s (which cost no rate limit), x-ratelimit headers, the
/// workflow-runs 1,000-result cap, a GitHub App token exchange, and interceptors to inject faults.
/// Served under <c>/api/v3</c> like GitHub Enterprise Server, so the GraphQL URL is derived as <c>/api/graphql</c>.
/// </summary>
public sealed partial class FakeGitHub : IDisposable
{
    public const string DefaultToken = "ghp_testtoken0123456789abcdefABCDEF0123";
    private const int RateLimit = 5000;
    private const int WorkflowRunsCap = 1000;

    private readonly WireMockServer _server;
    private readonly ConcurrentDictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly FakeInterceptors _interceptors = new();
    private readonly HashSet<string> _tokens = [DefaultToken];
    private readonly Lock _lock = new();
    private readonly FakeGitHubGraphQl _graphQl;
    private (long AppId, long InstallationId, RSA PublicKey)? _app;
    private int _restUsed;
    private int _graphQlUsed;
    private long _nextId = 1000;

    private FakeGitHub()
    {
        _graphQl = new FakeGitHubGraphQl(() => _repositories.Values);
        _server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 0, StartAdminInterface = false });
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Answer));
    }

    public static FakeGitHub Start() => new();

    /// <summary>The REST root, GHES style.</summary>
    public string ApiUrl => $"{_server.Url}/api/v3";

    internal IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    /// <summary>Rate-limit points used: 304 answers are free, as on GitHub.</summary>
    public int RestRateLimitUsed => Volatile.Read(ref _restUsed);

    public int GraphQlRateLimitUsed => Volatile.Read(ref _graphQlUsed);

    /// <summary>What a host needs to sync <paramref name="repositories"/> against this fake with the default token.</summary>
    public Dictionary<string, string?> Settings(params string[] repositories)
    {
        var settings = new Dictionary<string, string?> { ["GitHub:ApiUrl"] = ApiUrl, ["GitHub:Token"] = DefaultToken };
        for (var i = 0; i < repositories.Length; i++)
        {
            settings[$"GitHub:Repositories:{i}"] = repositories[i];
        }

        return settings;
    }

    internal FakeRepository AddRepository(string fullName)
    {
        var parts = fullName.Split('/');
        return _repositories.GetOrAdd(fullName, _ => new FakeRepository(parts[0], parts[1], Interlocked.Increment(ref _nextId)));
    }

    public void ResetRequests() => _requests.Clear();

    /// <summary>A new rate-limit hour: the used points go back to zero.</summary>
    public void ResetRateLimit()
    {
        Interlocked.Exchange(ref _restUsed, 0);
        Interlocked.Exchange(ref _graphQlUsed, 0);
    }

    /// <summary>Revokes every token: from now on each request is answered 401 Bad credentials.</summary>
    public void RevokeTokens()
    {
        lock (_lock)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Accepts JWTs of this App (verified with its public key) at the installation-token endpoint.</summary>
    public void AcceptApp(long appId, long installationId, RSA publicKey) => _app = (appId, installationId, publicKey);

    /// <summary>Answers requests <paramref name="interceptor"/> returns a response for; until the returned handle is disposed.</summary>
    internal IDisposable Intercept(Func<FakeRequest, FakeResponse?> interceptor) => _interceptors.Add(interceptor);

    public void Dispose() => _server.Stop();

    private ResponseMessage Answer(IRequestMessage message)
    {
        var query = QueryHelpers.ParseQuery(message.RawQuery ?? "").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var headers = message.Headers?.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal) ?? [];
        var request = new FakeRequest(message.Method, message.Path, query, headers, message.Body);
        _requests.Enqueue(request);
        var response = Route(request, message);
        request.Status = response.StatusCode is int status ? status : 200;
        return response;
    }

    private ResponseMessage Route(FakeRequest request, IRequestMessage message)
    {
        if (_interceptors.Answer(request) is { } injected)
        {
            var overridesLimit = injected.Headers?.ContainsKey("x-ratelimit-remaining") == true;
            var response = Json(injected.Status, injected.Body ?? "", request.IsGraphQl, rateLimitHeaders: !overridesLimit);
            foreach (var header in injected.Headers ?? new Dictionary<string, string>())
            {
                response.AddHeader(header.Key, header.Value);
            }

            return response;
        }

        if (AppManifestFlow(request) is { } manifestFlow)
        {
            return manifestFlow;
        }

        var path = request.Path;
        if (request.Method == "POST" && Regex.Match(path, @"^/api/v3/app/installations/(\d+)/access_tokens$") is { Success: true } install)
        {
            return InstallationToken(request, long.Parse(install.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (!Authorized(request))
        {
            return Json(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""", request.IsGraphQl);
        }

        if (request.Method == "GET" && path == "/api/v3/rate_limit")
        {
            // GET /rate_limit does not count against the limit (docs.github.com, "Get rate limit status for the authenticated user").
            return Json(200, RateLimitStatus(), graphQl: false);
        }

        if (request.Method == "POST" && path == "/api/graphql")
        {
            Interlocked.Increment(ref _graphQlUsed);
            return Json(200, _graphQl.Execute(request.Body ?? "{}"), graphQl: true);
        }

        var match = Regex.Match(path, @"^/api/v3/repos/([^/]+)/([^/]+)(/.*)?$");
        if (request.Method != "GET" || !match.Success)
        {
            return NotFound();
        }

        if (!_repositories.TryGetValue($"{match.Groups[1].Value}/{match.Groups[2].Value}", out var repository))
        {
            return NotFound();
        }

        var rest = match.Groups[3].Value;
        var selfUrl = $"{_server.Url}{path}";
        JsonNode? body;
        var link = "";
        int? total = null;
        List<Func<JsonObject>>? items = null;
        lock (repository)
        {
            switch (rest)
            {
                case "":
                    body = Shapes.Repository(ApiUrl, repository);
                    break;
                case "/pulls":
                    if (ListOrder.Pulls(request.Query) is not { } pullOrder)
                    {
                        return Invalid("pulls", "list-pull-requests");
                    }

                    items = pullOrder.Apply(repository.PullRequests.Select(p => new Listed(p.Number, p.CreatedAt, p.UpdatedAt, p.ClosedAt is not null,
                            () => Shapes.PullRequest(ApiUrl, repository, p, full: false))))
                        .Select(l => l.Render).ToList();
                    body = null;
                    break;
                case "/issues":
                    // GitHub's issues list holds pull requests too.
                    if (ListOrder.Issues(request.Query) is not { } issueOrder)
                    {
                        return Invalid("issues", "list-repository-issues");
                    }

                    items = issueOrder.Apply(repository.Issues.Select(i => new Listed(i.Number, i.CreatedAt, i.UpdatedAt, i.ClosedAt is not null, () => Shapes.Issue(ApiUrl, repository, i)))
                            .Concat(repository.PullRequests.Select(p => new Listed(p.Number, p.CreatedAt, p.UpdatedAt, p.ClosedAt is not null, () => Shapes.PullRequestAsIssue(ApiUrl, repository, p)))))
                        .Select(l => l.Render).ToList();
                    body = null;
                    break;
                case "/releases":
                    items = repository.Releases.OrderByDescending(repository.ReleaseCreatedAt).Select(r => (Func<JsonObject>)(() => Shapes.Release(ApiUrl, repository, r))).ToList();
                    body = null;
                    break;
                case "/deployments":
                    items = repository.Deployments.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Select(d => (Func<JsonObject>)(() => Shapes.Deployment(ApiUrl, repository, d))).ToList();
                    body = null;
                    break;
                case "/actions/runs":
                    var runs = FilterRuns(repository, request.Query).ToList();
                    total = runs.Count;
                    items = runs.Take(WorkflowRunsCap).Select(r => (Func<JsonObject>)(() => Shapes.WorkflowRun(ApiUrl, repository, r))).ToList();
                    body = null;
                    break;
                case var compare when compare.StartsWith("/compare/", StringComparison.Ordinal):
                    if (Comparison(repository, Uri.UnescapeDataString(compare["/compare/".Length..]), request, selfUrl, out link) is not { } comparison)
                    {
                        return NotFound();
                    }

                    body = comparison;
                    break;
                case var commit when commit.StartsWith("/commits/", StringComparison.Ordinal):
                    if (repository.Resolve(Uri.UnescapeDataString(commit["/commits/".Length..])) is not { } found)
                    {
                        return Json(422, $$"""{"message":"No commit found for SHA: {{commit["/commits/".Length..]}}","documentation_url":"https://docs.github.com/rest/commits/commits#get-a-commit","status":"422"}""", false);
                    }

                    body = Shapes.Commit(ApiUrl, repository, found);
                    break;
                default:
                    body = SubResource(repository, rest, request, out var known);
                    if (!known)
                    {
                        return NotFound();
                    }

                    break;
            }

            if (items is not null)
            {
                var perPage = int.TryParse(request.Query.GetValueOrDefault("per_page"), out var perPageValue) ? Math.Clamp(perPageValue, 1, 100) : 30;
                var page = int.TryParse(request.Query.GetValueOrDefault("page"), out var pageValue) ? Math.Max(1, pageValue) : 1;
                var pages = Math.Max(1, (items.Count + perPage - 1) / perPage);
                var slice = new JsonArray(items.Skip((page - 1) * perPage).Take(perPage).Select(render => (JsonNode?)render()).ToArray());
                body = total is null ? slice : new JsonObject { ["total_count"] = total, ["workflow_runs"] = slice };
                link = Link(selfUrl, request.Query, page, pages);
            }
        }

        var text = body?.ToJsonString() ?? "null";
        var etag = $"W/\"{FakeShas.Of(text)}\"";
        if (request.Header("If-None-Match") == etag)
        {
            var notModified = new ResponseMessage { StatusCode = 304 };
            notModified.AddHeader("ETag", etag);
            AddRateLimit(notModified, graphQl: false);
            return notModified;
        }

        Interlocked.Increment(ref _restUsed);
        var ok = Json(200, text, graphQl: false);
        ok.AddHeader("ETag", etag);
        if (link.Length > 0)
        {
            ok.AddHeader("Link", link);
        }

        return ok;
    }

    private JsonNode? SubResource(FakeRepository repository, string rest, FakeRequest request, out bool found)
    {
        found = true;
        if (Regex.Match(rest, @"^/pulls/(\d+)(/commits|/reviews)?$") is { Success: true } pull
            && repository.PullRequests.FirstOrDefault(p => p.Number == int.Parse(pull.Groups[1].Value, CultureInfo.InvariantCulture)) is { } pr)
        {
            return pull.Groups[2].Value switch
            {
                "/commits" => new JsonArray(Shapes.Commit(ApiUrl, repository, pr.HeadSha, pr.FirstCommitAt ?? pr.CreatedAt, pr.Author)),
                "/reviews" => new JsonArray(pr.Reviews.Select((r, i) => Shapes.Review(ApiUrl, repository, pr, r, i)).ToArray<JsonNode?>()),
                _ => Shapes.PullRequest(ApiUrl, repository, pr, full: true),
            };
        }

        if (Regex.Match(rest, @"^/deployments/(\d+)/statuses$") is { Success: true } statuses
            && repository.Deployments.FirstOrDefault(d => d.Id == long.Parse(statuses.Groups[1].Value, CultureInfo.InvariantCulture)) is { } deployment)
        {
            return new JsonArray(deployment.Statuses.OrderByDescending(s => s.CreatedAt)
                .Select((s, i) => Shapes.DeploymentStatus(ApiUrl, repository, deployment, s, i)).ToArray<JsonNode?>());
        }

        if (rest.StartsWith("/contents/", StringComparison.Ordinal))
        {
            var folder = Uri.UnescapeDataString(rest["/contents/".Length..]).TrimEnd('/');
            var entries = repository.Files.Where(f => Path.GetDirectoryName(f.Key)?.Replace('\\', '/') == folder).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            var exists = repository.Files.Keys.Any(k => k.StartsWith(folder + "/", StringComparison.Ordinal));
            if (exists)
            {
                return new JsonArray(entries.Select(f => Shapes.ContentEntry(ApiUrl, repository, f.Key, f.Value)).ToArray<JsonNode?>());
            }
        }

        found = false;
        return null;
    }

    /// <summary>
    /// <c>compare/BASE...HEAD</c> as documented: without per_page or page at most 250 commits (the last one the most
    /// recent); with them, pages of chronological commits with a Link header; files only on the first page.
    /// </summary>
    private JsonObject? Comparison(FakeRepository repository, string basehead, FakeRequest request, string selfUrl, out string link)
    {
        link = "";
        var sides = basehead.Split("...");
        if (sides.Length != 2 || repository.Compare(sides[0], sides[1]) is not { } comparison)
        {
            return null;
        }

        if (!request.Query.ContainsKey("per_page") && !request.Query.ContainsKey("page"))
        {
            var commits = comparison.Ahead.Count <= 250 ? comparison.Ahead : [.. comparison.Ahead.Take(249), comparison.Ahead[^1]];
            return Shapes.Comparison(ApiUrl, repository, comparison, commits, firstPage: true);
        }

        var perPage = int.TryParse(request.Query.GetValueOrDefault("per_page"), out var perPageValue) ? Math.Clamp(perPageValue, 1, 100) : 30;
        var page = int.TryParse(request.Query.GetValueOrDefault("page"), out var pageValue) ? Math.Max(1, pageValue) : 1;
        var pages = Math.Max(1, (comparison.Ahead.Count + perPage - 1) / perPage);
        link = Link(selfUrl, request.Query, page, pages);
        return Shapes.Comparison(ApiUrl, repository, comparison, comparison.Ahead.Skip((page - 1) * perPage).Take(perPage), firstPage: page == 1);
    }

    private static IEnumerable<FakeWorkflowRun> FilterRuns(FakeRepository repository, IReadOnlyDictionary<string, string> query)
    {
        var runs = repository.WorkflowRuns.AsEnumerable();
        if (query.TryGetValue("branch", out var branch))
        {
            runs = runs.Where(r => r.HeadBranch == branch);
        }

        if (query.TryGetValue("created", out var created))
        {
            var (from, to) = Created(created);
            runs = runs.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
        }

        return runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
    }

    /// <summary>GitHub's search syntax for dates: <c>&gt;=X</c>, <c>X..Y</c>, <c>&lt;=X</c> (whole seconds, inclusive).</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Created(string text)
    {
        static DateTimeOffset Parse(string t) => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (text.StartsWith(">=", StringComparison.Ordinal))
        {
            return (Parse(text[2..]), DateTimeOffset.MaxValue);
        }

        if (text.StartsWith("<=", StringComparison.Ordinal))
        {
            return (DateTimeOffset.MinValue, Parse(text[2..]));
        }

        var parts = text.Split("..");
        return (Parse(parts[0]), Parse(parts[1]));
    }

    private ResponseMessage InstallationToken(FakeRequest request, long installationId)
    {
        var jwt = request.Header("Authorization")?.Replace("Bearer ", "", StringComparison.Ordinal) ?? "";
        var parts = jwt.Split('.');
        if (_app is not { } app || app.InstallationId != installationId || parts.Length != 3
            || !app.PublicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            || JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement.GetProperty("iss").GetString() != app.AppId.ToString(CultureInfo.InvariantCulture))
        {
            return Json(401, """{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}""", false);
        }

        var token = "ghs_" + Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _tokens.Add(token);
        }

        return Json(201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = FakeShas.Iso(DateTimeOffset.UtcNow.AddHours(1)),
            ["permissions"] = new JsonObject { ["pull_requests"] = "read", ["contents"] = "read" },
            ["repository_selection"] = "all",
        }.ToJsonString(), false);
    }

    private bool Authorized(FakeRequest request)
    {
        var header = request.Header("Authorization") ?? "";
        // The scheme is case-insensitive (Octokit sends "bearer"); GitHub accepts "Bearer" and "token".
        var parts = header.Split(' ', 2);
        var token = parts.Length == 2 && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("token", StringComparison.OrdinalIgnoreCase)) ? parts[1] : null;
        lock (_lock)
        {
            return token is not null && _tokens.Contains(token);
        }
    }

    private static string Link(string selfUrl, IReadOnlyDictionary<string, string> query, int page, int pages)
    {
        string Url(int target)
        {
            var parameters = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
            parameters["page"] = target.ToString(CultureInfo.InvariantCulture);
            return QueryHelpers.AddQueryString(selfUrl, parameters!);
        }

        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{Url(page - 1)}>; rel=\"prev\"");
        }

        if (page < pages)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
            links.Add($"<{Url(pages)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{Url(1)}>; rel=\"first\"");
        }

        return string.Join(", ", links);
    }

    private ResponseMessage Json(int status, string body, bool graphQl, bool rateLimitHeaders = true)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json; charset=utf-8");
        if (rateLimitHeaders)
        {
            AddRateLimit(response, graphQl);
        }

        return response;
    }

    /// <summary>The documented shape of GET /rate_limit: every resource, and <c>rate</c> (the core limit, kept for compatibility).</summary>
    private string RateLimitStatus()
    {
        var reset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        JsonObject Resource(int used) => new() { ["limit"] = RateLimit, ["used"] = used, ["remaining"] = Math.Max(0, RateLimit - used), ["reset"] = reset };
        return new JsonObject
        {
            ["resources"] = new JsonObject
            {
                ["core"] = Resource(RestRateLimitUsed),
                ["search"] = new JsonObject { ["limit"] = 30, ["used"] = 0, ["remaining"] = 30, ["reset"] = reset },
                ["graphql"] = Resource(GraphQlRateLimitUsed),
            },
            ["rate"] = Resource(RestRateLimitUsed),
        }.ToJsonString();
    }

    private void AddRateLimit(ResponseMessage response, bool graphQl)
    {
        var used = graphQl ? GraphQlRateLimitUsed : RestRateLimitUsed;
        response.AddHeader("x-ratelimit-limit", RateLimit.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("x-ratelimit-remaining", Math.Max(0, RateLimit - used).ToString(CultureInfo.InvariantCulture));
        response.AddHeader("x-ratelimit-used", used.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("x-ratelimit-reset", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        response.AddHeader("x-ratelimit-resource", graphQl ? "graphql" : "core");
    }

    /// <summary>GitHub's 422 for a parameter value it does not take.</summary>
    private ResponseMessage Invalid(string resource, string anchor) =>
        Json(422, $$"""{"message":"Validation Failed","errors":[{"resource":"{{resource}}","code":"invalid"}],"documentation_url":"https://docs.github.com/rest/{{resource}}/{{resource}}#{{anchor}}","status":"422"}""", false);

    private ResponseMessage NotFound() =>
        Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}""", false);

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

}
