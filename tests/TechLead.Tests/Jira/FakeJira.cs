using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using TechLead.Tests.GitHub;
using TechLead.Tests.Infrastructure;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace TechLead.Tests.Jira;

/// <summary>One issue as the fake Jira knows it; rendered in Jira's published v3 (Cloud) or v2 (Data Center) shape.</summary>
public sealed class FakeIssue
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required string Project { get; init; }
    public string Type { get; set; } = "Story";
    public bool Subtask { get; set; }
    public string Summary { get; set; } = "";
    public List<string> Labels { get; init; } = [];
    public bool Assigned { get; set; }
    public string? Priority { get; set; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; set; }
    public DateTimeOffset? ResolutionDate { get; set; }
    /// <summary>ADF document (Cloud) or wiki text (Data Center); null as Jira sends for an empty description.</summary>
    public JsonNode? Description { get; set; }
    public string? WikiDescription { get; set; }
    /// <summary>The key of the epic it belongs to: Cloud's <c>parent</c>, Data Center's Epic Link field.</summary>
    public string? Epic { get; set; }
    /// <summary>Status moves oldest first: (when, from, to) by status name.</summary>
    public List<(DateTimeOffset At, string From, string To)> Moves { get; } = [];

    public string Status => Moves.Count > 0 ? Moves[^1].To : "To Do";
}

/// <summary>
/// A loopback Jira (WireMock.Net) answering as Atlassian's REST reference documents it: Cloud's
/// <c>POST /rest/api/3/search/jql</c> (nextPageToken, isLast), <c>POST /rest/api/3/changelog/bulkfetch</c>,
/// Data Center's <c>POST /rest/api/2/search</c> (startAt, maxResults, total) and <c>GET /rest/api/2/issue/{key}?expand=changelog</c>,
/// <c>/serverInfo</c>, <c>/myself</c> (with the user's time zone) and <c>/status</c>. Times are rendered in the
/// user's zone with a <c>+0100</c>-style offset; JQL dates are read in that zone, at minute precision, as Jira does.
/// A search's changelog holds only the newest <see cref="ChangelogLimit"/> histories, newest first, with the real total.
/// </summary>
public sealed class FakeJira : IDisposable
{
    public const string Email = "lead@example.com";
    public const string ApiToken = "ATATT3xFfGF0-fake-token";
    public const string PersonalAccessToken = "NjQ2-fake-pat";

    private static readonly (string Id, string Name, string Category)[] Statuses =
    [
        ("10000", "To Do", "new"), ("3", "In Progress", "indeterminate"), ("10001", "In Review", "indeterminate"), ("10002", "Done", "done"),
    ];

    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly FakeInterceptors _interceptors = new();
    private readonly Lock _lock = new();
    private readonly List<FakeIssue> _issues = [];

    private FakeJira(bool cloud, string timeZone)
    {
        Cloud = cloud;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        _server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 0, StartAdminInterface = false });
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Answer));
    }

    public static FakeJira Start(bool cloud = true, string timeZone = "Europe/Amsterdam") => new(cloud, timeZone);

    public bool Cloud { get; }

    public TimeZoneInfo Zone { get; }

    public string BaseUrl => _server.Url!;

    /// <summary>Histories a search result carries per issue before it is cut.</summary>
    public int ChangelogLimit { get; set; } = 3;

    /// <summary>Issues per bulk changelog page (the real one pages by issues too).</summary>
    public int BulkChangelogIssuesPerPage { get; set; } = 2;

    /// <summary>The Data Center site's Epic Link custom field (its id differs per site).</summary>
    public const string EpicLinkField = "customfield_10101";

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    public void ResetRequests() => _requests.Clear();

    public Dictionary<string, string?> Settings(params string[] projects)
    {
        var settings = new Dictionary<string, string?> { ["Jira:BaseUrl"] = BaseUrl };
        if (Cloud)
        {
            settings["Jira:Email"] = Email;
            settings["Jira:ApiToken"] = ApiToken;
        }
        else
        {
            settings["Jira:PersonalAccessToken"] = PersonalAccessToken;
        }

        for (var i = 0; i < projects.Length; i++)
        {
            settings[$"Jira:Projects:{i}"] = projects[i];
        }

        return settings;
    }

    public FakeIssue Add(string key, DateTimeOffset created, Action<FakeIssue>? configure = null)
    {
        var issue = new FakeIssue
        {
            Id = (10000 + _issues.Count + 1).ToString(CultureInfo.InvariantCulture),
            Key = key,
            Project = key.Split('-')[0],
            Created = created,
            Updated = created,
        };
        configure?.Invoke(issue);
        if (issue.Moves.Count > 0 && issue.Updated < issue.Moves[^1].At)
        {
            issue.Updated = issue.Moves[^1].At;
        }

        lock (_lock)
        {
            _issues.Add(issue);
        }

        return issue;
    }

    public IDisposable Intercept(Func<FakeRequest, FakeResponse?> interceptor) => _interceptors.Add(interceptor);

    public void Dispose() => _server.Stop();

    /// <summary>Jira's time format in the user's zone: 2026-03-02T14:05:00.000+0100.</summary>
    public string Time(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var offset = local.Offset;
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hhmm", CultureInfo.InvariantCulture);
    }

    private ResponseMessage Answer(IRequestMessage message)
    {
        var query = QueryHelpers.ParseQuery(message.RawQuery ?? "").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var headers = message.Headers?.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal) ?? [];
        var request = new FakeRequest(message.Method, message.Path, query, headers, message.Body);
        _requests.Enqueue(request);
        var response = Route(request);
        request.Status = response.StatusCode is int status ? status : 200;
        return response;
    }

    private ResponseMessage Route(FakeRequest request)
    {
        if (_interceptors.Answer(request) is { } intercepted)
        {
            var response = Json(intercepted.Status, intercepted.Body ?? "");
            foreach (var (name, value) in intercepted.Headers ?? new Dictionary<string, string>())
            {
                response.AddHeader(name, value);
            }

            return response;
        }

        if (!Authorized(request))
        {
            return Json(401, """{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}""");
        }

        var v = Cloud ? "3" : "2";
        return (request.Method, request.Path) switch
        {
            ("GET", "/rest/api/2/serverInfo") => Json(200, new JsonObject
            {
                ["baseUrl"] = BaseUrl,
                ["version"] = Cloud ? "1001.0.0-SNAPSHOT" : "9.12.15",
                ["versionNumbers"] = Cloud ? new JsonArray(1001, 0, 0) : new JsonArray(9, 12, 15),
                ["deploymentType"] = Cloud ? "Cloud" : "Server",
                ["buildNumber"] = 100263,
                ["serverTitle"] = "Jira",
            }.ToJsonString()),
            ("GET", var p) when p == $"/rest/api/{v}/myself" => Json(200, new JsonObject
            {
                ["accountId"] = "5b10ac8d82e05b22cc7d4ef5",
                ["emailAddress"] = Email,
                ["displayName"] = "Tech Lead",
                ["active"] = true,
                ["timeZone"] = Zone.Id,
                ["locale"] = "en_US",
            }.ToJsonString()),
            ("GET", var p) when p == $"/rest/api/{v}/status" => Json(200, new JsonArray(Statuses.Select(s => (JsonNode)new JsonObject
            {
                ["self"] = $"{BaseUrl}/rest/api/{v}/status/{s.Id}",
                ["id"] = s.Id,
                ["name"] = s.Name,
                ["statusCategory"] = new JsonObject { ["id"] = 2, ["key"] = s.Category, ["colorName"] = "blue-gray", ["name"] = s.Name },
            }).ToArray()).ToJsonString()),
            ("POST", "/rest/api/3/search/jql") when Cloud => SearchCloud(request),
            ("POST", "/rest/api/3/changelog/bulkfetch") when Cloud => BulkChangelog(request),
            ("POST", "/rest/api/2/search") when !Cloud => SearchDataCenter(request),
            ("GET", var p) when !Cloud && p.StartsWith("/rest/api/2/issue/", StringComparison.Ordinal) => IssueWithChangelog(p["/rest/api/2/issue/".Length..]),
            _ => Json(404, """{"errorMessages":["null for uri"],"errors":{}}"""),
        };
    }

    private bool Authorized(FakeRequest request)
    {
        var expected = Cloud
            ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"))
            : "Bearer " + PersonalAccessToken;
        return request.Header("Authorization") == expected;
    }

    private (List<FakeIssue>? Issues, ResponseMessage? Error) Query(string jql)
    {
        var match = Regex.Match(jql, "^project = \"(?<project>[A-Z0-9_]+)\" AND updated >= \"(?<since>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2})\" ORDER BY updated ASC$");
        if (!match.Success)
        {
            return (null, Error(400, $"Error in the JQL Query: unexpected query {jql}"));
        }

        var project = match.Groups["project"].Value;
        lock (_lock)
        {
            if (!_issues.Any(i => i.Project == project))
            {
                return (null, Error(400, $"The value '{project}' does not exist for the field 'project'."));
            }

            // JQL dates have no zone: Jira reads them in the searching user's zone.
            var local = DateTime.ParseExact(match.Groups["since"].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var since = new DateTimeOffset(local, Zone.GetUtcOffset(local));
            return (_issues.Where(i => i.Project == project && i.Updated >= since).OrderBy(i => i.Updated).ThenBy(i => i.Id).ToList(), null);
        }
    }

    private ResponseMessage SearchCloud(FakeRequest request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var (issues, error) = Query((string)body["jql"]!);
        if (error is not null)
        {
            return error;
        }

        var size = Math.Min((int?)body["maxResults"] ?? 50, 100);
        var start = body["nextPageToken"] is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)token!)), CultureInfo.InvariantCulture) : 0;
        var page = issues!.Skip(start).Take(size).ToList();
        var last = start + page.Count >= issues!.Count;
        var result = new JsonObject
        {
            ["issues"] = new JsonArray(page.Select(i => (JsonNode)Render(i, searchResult: true, Requested(body))).ToArray()),
            ["isLast"] = last,
        };
        if (!last)
        {
            result["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture)));
        }

        return Json(200, result.ToJsonString());
    }

    private ResponseMessage SearchDataCenter(FakeRequest request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var (issues, error) = Query((string)body["jql"]!);
        if (error is not null)
        {
            return error;
        }

        var size = Math.Min((int?)body["maxResults"] ?? 50, 50);
        var start = (int?)body["startAt"] ?? 0;
        var page = issues!.Skip(start).Take(size).ToList();
        return Json(200, new JsonObject
        {
            ["expand"] = "schema,names",
            ["startAt"] = start,
            ["maxResults"] = size,
            ["total"] = issues!.Count,
            ["issues"] = new JsonArray(page.Select(i => (JsonNode)Render(i, searchResult: true, Requested(body))).ToArray()),
        }.ToJsonString());
    }

    private ResponseMessage BulkChangelog(FakeRequest request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var ids = body["issueIdsOrKeys"]!.AsArray().Select(n => (string)n!).ToList();
        var start = body["nextPageToken"] is { } token ? int.Parse((string)token!, CultureInfo.InvariantCulture) : 0;
        List<FakeIssue> wanted;
        lock (_lock)
        {
            wanted = ids.Skip(start).Take(BulkChangelogIssuesPerPage).Select(id => _issues.Single(i => i.Id == id || i.Key == id)).ToList();
        }

        var result = new JsonObject
        {
            ["issueChangeLogs"] = new JsonArray(wanted.Select(i => (JsonNode)new JsonObject
            {
                ["issueId"] = i.Id,
                ["changeHistories"] = Histories(i, newestFirst: false, limit: int.MaxValue),
            }).ToArray()),
        };
        if (start + wanted.Count < ids.Count)
        {
            result["nextPageToken"] = (start + wanted.Count).ToString(CultureInfo.InvariantCulture);
        }

        return Json(200, result.ToJsonString());
    }

    private ResponseMessage IssueWithChangelog(string key)
    {
        FakeIssue? issue;
        lock (_lock)
        {
            issue = _issues.SingleOrDefault(i => i.Key == key || i.Id == key);
        }

        if (issue is null)
        {
            return Json(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
        }

        var rendered = Render(issue, searchResult: false, new HashSet<string>(StringComparer.Ordinal) { "status" });
        return Json(200, rendered.ToJsonString());
    }

    private static HashSet<string> Requested(JsonNode body) =>
        (body["fields"]?.AsArray() ?? []).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);

    private JsonObject Render(FakeIssue issue, bool searchResult, HashSet<string> requested)
    {
        var status = Statuses.Single(s => s.Name == issue.Status);
        var total = issue.Moves.Count;
        var limit = searchResult ? ChangelogLimit : int.MaxValue;
        var rendered = new JsonObject
        {
            ["expand"] = "operations,versionedRepresentations,editmeta,changelog,renderedFields",
            ["id"] = issue.Id,
            ["self"] = $"{BaseUrl}/rest/api/{(Cloud ? "3" : "2")}/issue/{issue.Id}",
            ["key"] = issue.Key,
            ["fields"] = new JsonObject
            {
                ["summary"] = issue.Summary,
                ["issuetype"] = new JsonObject { ["id"] = "10001", ["name"] = issue.Type, ["subtask"] = issue.Subtask, ["hierarchyLevel"] = issue.Subtask ? -1 : 0 },
                ["status"] = new JsonObject
                {
                    ["id"] = status.Id,
                    ["name"] = status.Name,
                    ["statusCategory"] = new JsonObject { ["id"] = 4, ["key"] = status.Category, ["colorName"] = "yellow", ["name"] = status.Name },
                },
                ["labels"] = new JsonArray(issue.Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["assignee"] = issue.Assigned
                    ? new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "Mia Krystof", ["active"] = true, ["timeZone"] = Zone.Id }
                    : null,
                ["priority"] = issue.Priority is null ? null : new JsonObject { ["id"] = "3", ["name"] = issue.Priority },
                ["resolution"] = issue.ResolutionDate is null ? null : new JsonObject { ["id"] = "10000", ["name"] = "Done" },
                ["created"] = Time(issue.Created),
                ["updated"] = Time(issue.Updated),
                ["resolutiondate"] = issue.ResolutionDate is { } resolved ? Time(resolved) : null,
                ["description"] = Cloud ? issue.Description?.DeepClone() : issue.WikiDescription,
                ["project"] = new JsonObject { ["id"] = "10000", ["key"] = issue.Project, ["name"] = issue.Project },
            },
            ["changelog"] = new JsonObject
            {
                ["startAt"] = 0,
                ["maxResults"] = Math.Min(total, limit),
                ["total"] = total,
                ["histories"] = Histories(issue, newestFirst: searchResult, limit),
            },
        };

        // Only fields asked for come back. Cloud links every child to its parent in "parent" (the Epic Link field
        // is retired there); Data Center sends a sub-task's parent there and an epic's stories the Epic Link key.
        var fields = rendered["fields"]!.AsObject();
        if (Cloud && requested.Contains("parent") && issue.Epic is { } parent)
        {
            FakeIssue epic;
            lock (_lock)
            {
                epic = _issues.Single(i => i.Key == parent);
            }

            fields["parent"] = new JsonObject
            {
                ["id"] = epic.Id,
                ["key"] = epic.Key,
                ["self"] = $"{BaseUrl}/rest/api/3/issue/{epic.Id}",
                ["fields"] = new JsonObject
                {
                    ["summary"] = epic.Summary,
                    ["issuetype"] = new JsonObject { ["id"] = "10000", ["name"] = epic.Type, ["subtask"] = false, ["hierarchyLevel"] = 1 },
                },
            };
        }

        if (!Cloud && requested.Contains(EpicLinkField))
        {
            fields[EpicLinkField] = issue.Epic;
        }

        return rendered;
    }

    private JsonArray Histories(FakeIssue issue, bool newestFirst, int limit)
    {
        var histories = issue.Moves.Select((m, n) => (JsonNode)new JsonObject
        {
            ["id"] = (long.Parse(issue.Id, CultureInfo.InvariantCulture) * 100 + n).ToString(CultureInfo.InvariantCulture),
            ["author"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "Mia Krystof" },
            ["created"] = Time(m.At),
            ["items"] = new JsonArray(new JsonObject
            {
                ["field"] = "status",
                ["fieldtype"] = "jira",
                ["fieldId"] = "status",
                ["from"] = Statuses.Single(s => s.Name == m.From).Id,
                ["fromString"] = m.From,
                ["to"] = Statuses.Single(s => s.Name == m.To).Id,
                ["toString"] = m.To,
            }, new JsonObject
            {
                ["field"] = "Rank",
                ["fieldtype"] = "custom",
                ["fieldId"] = "customfield_10019",
                ["from"] = "",
                ["fromString"] = "",
                ["to"] = "",
                ["toString"] = "Ranked higher",
            }),
        }).ToList();
        if (newestFirst)
        {
            histories.Reverse();
        }

        return new JsonArray(histories.Take(limit).ToArray());
    }

    /// <summary>Jira's error shape: {"errorMessages":[...],"errors":{}}.</summary>
    private static ResponseMessage Error(int status, string message) =>
        Json(status, new JsonObject { ["errorMessages"] = new JsonArray(message), ["errors"] = new JsonObject() }.ToJsonString());

    private static ResponseMessage Json(int status, string body)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json;charset=UTF-8");
        return response;
    }

}
