using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TechLead.GitHub;
using TechLead.Activity;

namespace TechLead.Jira;

/// <summary>Jira answered with an error; <see cref="Messages"/> quotes its <c>errorMessages</c> and <c>errors</c>.</summary>
internal sealed class JiraApiException(HttpStatusCode status, string path, IReadOnlyList<string> messages, bool rateLimited = false)
    : Exception($"Jira answered {(int)status} {status} to {path}" + (messages.Count > 0 ? ": \"" + string.Join("\"; \"", messages) + "\"" : ""))
{
    public HttpStatusCode Status { get; } = status;

    public IReadOnlyList<string> Messages { get; } = messages;

    /// <summary>429/503 that lasted past what this run may wait.</summary>
    public bool RateLimited { get; } = rateLimited;
}

/// <summary>What one run sent, by purpose: the benchmark's requests per issue.</summary>
public sealed class JiraRequestCounts
{
    private int _search;
    private int _changelog;
    private int _other;
    private int _retried;

    public int Search => _search;

    public int Changelog => _changelog;

    public int Other => _other;

    public int Retried => _retried;

    public int Total => Search + Changelog + Other;

    internal void Count(JiraRequestKind kind)
    {
        _ = kind switch
        {
            JiraRequestKind.Search => Interlocked.Increment(ref _search),
            JiraRequestKind.Changelog => Interlocked.Increment(ref _changelog),
            _ => Interlocked.Increment(ref _other),
        };
    }

    internal void CountRetry() => Interlocked.Increment(ref _retried);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total} requests ({Search} search, {Changelog} changelog, {Other} other; {Retried} retried after 429/503)");
}

internal enum JiraRequestKind
{
    Search,
    Changelog,
    Other,
}

/// <summary>One run's time budget and request counts, shared by every call the run makes.</summary>
internal sealed class JiraRun(SyncBudget budget)
{
    public SyncBudget Budget { get; } = budget;

    public JiraRequestCounts Requests { get; } = new();
}

/// <summary>
/// Typed HttpClient for Jira REST. Cloud: <c>POST /rest/api/3/search/jql</c> paged by <c>nextPageToken</c> until
/// <c>isLast</c>, <c>POST /rest/api/3/changelog/bulkfetch</c> for cut histories. Data Center:
/// <c>POST /rest/api/2/search</c> paged by <c>startAt</c>/<c>total</c>, <c>GET /rest/api/2/issue/{key}?expand=changelog</c>.
/// 429 and 503 are retried after <c>Retry-After</c> while the run's budget allows; credentials go in a header
/// set per request and are never logged.
/// </summary>
internal sealed class JiraClient
{
    private const int MaxAttempts = 5;
    private static readonly JsonSerializerOptions Json = JiraJson.Options;

    private static readonly string[] ChangelogExpand = ["changelog"];
    private static readonly string[] StatusField = ["status"];

    /// <summary>The IHttpClientFactory client whose pooled handler carries every Jira request.</summary>
    public const string HttpClientName = "Jira";

    private readonly IHttpClientFactory _factory;
    private readonly IOptions<JiraOptions> _options;
    private readonly TimeProvider _time;

    public JiraClient(IHttpClientFactory factory, IOptions<JiraOptions> options, TimeProvider time) =>
        (_factory, _options, _time) = (factory, options, time);

    public static IReadOnlyList<string> Fields { get; } =
        ["summary", "issuetype", "status", "labels", "assignee", "priority", "resolution", "created", "updated", "resolutiondate", "description", "project", "parent"];

    /// <summary>The fields a search asks for: <see cref="Fields"/> and the Epic Link custom field when one is set.</summary>
    private IReadOnlyList<string> SearchFields => _options.Value.EpicLinkFieldId is { } epicLink ? [.. Fields, epicLink] : Fields;

    /// <summary>Cloud or Data Center: from the setting, else <c>/rest/api/2/serverInfo</c>'s deploymentType, else the auth configured.</summary>
    public async Task<bool> IsCloudAsync(JiraRun run, CancellationToken cancellationToken)
    {
        var configured = _options.Value.Deployment?.Trim().ToLowerInvariant();
        if (configured == JiraDeployments.Cloud || configured == JiraDeployments.DataCenter)
        {
            return configured == JiraDeployments.Cloud;
        }

        try
        {
            var info = await SendAsync<JiraServerInfo>(run, JiraRequestKind.Other, () => new HttpRequestMessage(HttpMethod.Get, new Uri("rest/api/2/serverInfo", UriKind.Relative)), cancellationToken);
            if (!string.IsNullOrWhiteSpace(info.DeploymentType))
            {
                return string.Equals(info.DeploymentType, "Cloud", StringComparison.OrdinalIgnoreCase);
            }
        }
        catch (JiraApiException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Some proxies hide serverInfo: the auth configured tells.
        }

        return !_options.Value.UsesPersonalAccessToken;
    }

    public Task<JiraMyself> MyselfAsync(JiraRun run, bool cloud, CancellationToken cancellationToken) =>
        SendAsync<JiraMyself>(run, JiraRequestKind.Other, () => new HttpRequestMessage(HttpMethod.Get, new Uri($"rest/api/{Version(cloud)}/myself", UriKind.Relative)), cancellationToken);

    public Task<List<JiraStatusDefinition>> StatusesAsync(JiraRun run, bool cloud, CancellationToken cancellationToken) =>
        SendAsync<List<JiraStatusDefinition>>(run, JiraRequestKind.Other, () => new HttpRequestMessage(HttpMethod.Get, new Uri($"rest/api/{Version(cloud)}/status", UriKind.Relative)), cancellationToken);

    /// <summary>One page of enhanced search (Cloud). The first page has no token.</summary>
    public Task<JiraSearchPage> SearchCloudAsync(JiraRun run, string jql, int pageSize, string? nextPageToken, CancellationToken cancellationToken) =>
        SendAsync<JiraSearchPage>(run, JiraRequestKind.Search, () => Post("rest/api/3/search/jql", new
        {
            jql,
            fields = SearchFields,
            maxResults = pageSize,
            nextPageToken,
            expand = "changelog",
        }), cancellationToken);

    /// <summary>One page of search (Data Center), from <paramref name="startAt"/>.</summary>
    public Task<JiraSearchPage> SearchDataCenterAsync(JiraRun run, string jql, int pageSize, int startAt, CancellationToken cancellationToken) =>
        SendAsync<JiraSearchPage>(run, JiraRequestKind.Search, () => Post("rest/api/2/search", new
        {
            jql,
            fields = SearchFields,
            maxResults = pageSize,
            startAt,
            expand = ChangelogExpand,
        }), cancellationToken);

    /// <summary>Complete status histories of up to 1,000 issues per request (Cloud), following nextPageToken.</summary>
    public async Task<Dictionary<string, List<JiraHistory>>> BulkChangelogsAsync(JiraRun run, IReadOnlyList<string> issueIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<JiraHistory>>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await SendAsync<JiraBulkChangelogs>(run, JiraRequestKind.Changelog, () => Post("rest/api/3/changelog/bulkfetch", new
            {
                issueIdsOrKeys = issueIds,
                fieldIds = StatusField,
                maxResults = 1000,
                nextPageToken = token,
            }), cancellationToken);
            foreach (var log in page.IssueChangeLogs ?? [])
            {
                if (log.IssueId is { } id)
                {
                    if (!result.TryGetValue(id, out var histories))
                    {
                        result[id] = histories = [];
                    }

                    histories.AddRange(log.ChangeHistories ?? []);
                }
            }

            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        return result;
    }

    /// <summary>One issue's whole history (Data Center returns it in full with expand=changelog).</summary>
    public async Task<List<JiraHistory>> IssueChangelogAsync(JiraRun run, string key, CancellationToken cancellationToken)
    {
        var issue = await SendAsync<JiraIssue>(run, JiraRequestKind.Changelog,
            () => new HttpRequestMessage(HttpMethod.Get, new Uri($"rest/api/2/issue/{Uri.EscapeDataString(key)}?expand=changelog&fields=status", UriKind.Relative)), cancellationToken);
        return issue.Changelog?.Histories ?? [];
    }

    /// <summary>A project by key, as the account sees it (404 when it does not exist or is not visible).</summary>
    internal Task<JiraProject> ProjectAsync(JiraRun run, bool cloud, string key, CancellationToken cancellationToken) =>
        SendAsync<JiraProject>(run, JiraRequestKind.Other, () => new HttpRequestMessage(HttpMethod.Get, new Uri($"rest/api/{Version(cloud)}/project/{Uri.EscapeDataString(key)}", UriKind.Relative)), cancellationToken);

    /// <summary>Every field of the site, system and custom.</summary>
    internal Task<List<JiraField>> FieldsAsync(JiraRun run, bool cloud, CancellationToken cancellationToken) =>
        SendAsync<List<JiraField>>(run, JiraRequestKind.Other, () => new HttpRequestMessage(HttpMethod.Get, new Uri($"rest/api/{Version(cloud)}/field", UriKind.Relative)), cancellationToken);

    private static string Version(bool cloud) => cloud ? "3" : "2";

    private static HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: Json) };

    private async Task<T> SendAsync<T>(JiraRun run, JiraRequestKind kind, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            request.RequestUri = new Uri(_options.Value.BaseUri, request.RequestUri!);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            Authorize(request);
            run.Requests.Count(kind);
            var http = _factory.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var path = request.RequestUri.PathAndQuery;
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new JiraApiException(response.StatusCode, path, ["the answer was empty"]);
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                if (attempt < MaxAttempts && run.Budget.CanWait(wait))
                {
                    run.Requests.CountRetry();
                    await Task.Delay(wait, _time, cancellationToken);
                    continue;
                }

                throw new JiraApiException(response.StatusCode, path, await MessagesAsync(response, cancellationToken), rateLimited: true);
            }

            throw new JiraApiException(response.StatusCode, path, await MessagesAsync(response, cancellationToken));
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        var options = _options.Value;
        request.Headers.Authorization = options.UsesPersonalAccessToken
            ? new AuthenticationHeaderValue("Bearer", options.PersonalAccessToken!.Trim())
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email?.Trim()}:{options.ApiToken?.Trim()}")));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return retryAfter.Date is { } date ? (date - _time.GetUtcNow()) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }

    private static async Task<IReadOnlyList<string>> MessagesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonSerializer.Deserialize<JiraErrorBody>(text, Json);
            var messages = (body?.ErrorMessages ?? []).Concat((body?.Errors ?? []).Select(e => $"{e.Key}: {e.Value}")).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
            if (messages.Count > 0)
            {
                return messages;
            }
        }
        catch (JsonException)
        {
            // Not Jira's error shape (a proxy's page): the status says enough.
        }

        return [];
    }
}
