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
internal sealed class FakeIssue
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

    /// <summary>Histories that only re-ranked the issue (a board drag), oldest first: no status item in them.</summary>
    public List<DateTimeOffset> Reranks { get; } = [];

    public string Status => Moves.Count > 0 ? Moves[^1].To : "To Do";
}

/// <summary>
/// A loopback Jira (WireMock.Net) answering as Atlassian's REST reference documents it: Cloud's
/// <c>POST /rest/api/3/search/jql</c> (nextPageToken, isLast), <c>POST /rest/api/3/changelog/bulkfetch</c>,
/// Data Center's <c>POST /rest/api/2/search</c> (startAt, maxResults, total) and <c>GET /rest/api/2/issue/{key}?expand=changelog</c>,
/// <c>/serverInfo</c>, <c>/myself</c> (with the user's time zone) and <c>/status</c>. Times are rendered in the
/// user's zone with a <c>+0100</c>-style offset; JQL dates are read in that zone, at minute precision, as Jira does.
/// A search's changelog holds only the newest <see cref="ChangelogLimit"/> histories, newest first, with the real total.
/// As documented: Cloud's search returns only the <c>fields</c> asked for (none asked: just the id), Data Center's
/// defaults to <c>*navigable</c>; both carry a changelog only with <c>expand=changelog</c>; bulkfetch filters by
/// <c>fieldIds</c> and pages by <c>maxResults</c> changelogs, oldest first. The JQL is parsed (the clauses the product
/// uses: <c>project =</c>, <c>updated &gt;=</c>/<c>&gt;</c>, <c>ORDER BY updated|created|key ASC|DESC</c>); anything else is
/// answered 400 with Jira's <c>errorMessages</c>. A project with no issues answers an empty page; an unknown one 400.
/// </summary>
internal sealed class FakeJira : IDisposable
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
    private readonly HashSet<string> _projects = new(StringComparer.Ordinal);

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

    /// <summary>The most changelogs one bulkfetch page holds, whatever <c>maxResults</c> asks (Jira documents 1,000 per page by default).</summary>
    public int BulkChangelogPageCap { get; set; } = 1000;

    /// <summary>A project that exists but may have no issues (it answers an empty page, not an error).</summary>
    public void AddProject(string key)
    {
        lock (_lock)
        {
            _projects.Add(key);
        }
    }

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
            _projects.Add(issue.Project);
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
            ("GET", var p) when p.StartsWith($"/rest/api/{v}/project/", StringComparison.Ordinal) => Project(p[$"/rest/api/{v}/project/".Length..], v),
            ("GET", var p) when p == $"/rest/api/{v}/field" => Json(200, Fields()),
            ("POST", "/rest/api/3/search/jql") when Cloud => SearchCloud(request),
            ("POST", "/rest/api/3/changelog/bulkfetch") when Cloud => BulkChangelog(request),
            ("POST", "/rest/api/2/search") when !Cloud => SearchDataCenter(request),
            ("GET", var p) when !Cloud && p.StartsWith("/rest/api/2/issue/", StringComparison.Ordinal) => IssueWithChangelog(p["/rest/api/2/issue/".Length..], request.Query),
            _ => Json(404, """{"errorMessages":["null for uri"],"errors":{}}"""),
        };
    }

    /// <summary>GET /project/{key}: the project, or Jira's 404 for a key that does not exist or is not visible.</summary>
    private ResponseMessage Project(string key, string v)
    {
        key = Uri.UnescapeDataString(key);
        bool known;
        lock (_lock)
        {
            known = _projects.Contains(key);
        }

        return known
            ? Json(200, new JsonObject { ["self"] = $"{BaseUrl}/rest/api/{v}/project/{key}", ["id"] = "10000", ["key"] = key, ["name"] = $"{key} project", ["projectTypeKey"] = "software" }.ToJsonString())
            : Json(404, new JsonObject { ["errorMessages"] = new JsonArray($"No project could be found with key '{key}'."), ["errors"] = new JsonObject() }.ToJsonString());
    }

    /// <summary>GET /field: the system fields the sync reads and, on Data Center, the Epic Link custom field.</summary>
    private string Fields()
    {
        string[] system = ["summary", "issuetype", "status", "labels", "assignee", "priority", "resolution", "created", "updated", "resolutiondate", "description", "project", "parent"];
        var fields = new JsonArray(system.Select(id => (JsonNode)new JsonObject
        {
            ["id"] = id, ["key"] = id, ["name"] = id, ["custom"] = false, ["orderable"] = true, ["navigable"] = true, ["searchable"] = true,
        }).ToArray());
        if (!Cloud)
        {
            fields.Add(new JsonObject
            {
                ["id"] = EpicLinkField, ["name"] = "Epic Link", ["custom"] = true,
                ["schema"] = new JsonObject { ["type"] = "any", ["custom"] = "com.pyxis.greenhopper.jira:gh-epic-link", ["customId"] = 10101 },
            });
        }

        return fields.ToJsonString();
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
        if (FakeJql.Parse(jql) is not { } parsed)
        {
            return (null, Error(400, $"Error in the JQL Query: the query '{jql}' could not be parsed."));
        }

        if (parsed.Problem is { } problem)
        {
            return (null, Error(400, problem));
        }

        lock (_lock)
        {
            if (!_projects.Contains(parsed.Project))
            {
                return (null, Error(400, $"The value '{parsed.Project}' does not exist for the field 'project'."));
            }

            // JQL dates have no zone: Jira reads them in the searching user's zone.
            DateTimeOffset? since = parsed.UpdatedFrom is { } local ? new DateTimeOffset(local, Zone.GetUtcOffset(local)) : null;
            var matching = _issues.Where(i => i.Project == parsed.Project
                && (since is null || (parsed.UpdatedFromInclusive ? i.Updated >= since : i.Updated > since)));
            Func<FakeIssue, IComparable> key = parsed.OrderBy switch
            {
                "updated" => i => i.Updated,
                "created" => i => i.Created,
                _ => i => long.Parse(i.Id, CultureInfo.InvariantCulture),
            };
            var ordered = parsed.Descending
                ? matching.OrderByDescending(key).ThenByDescending(i => long.Parse(i.Id, CultureInfo.InvariantCulture))
                : matching.OrderBy(key).ThenBy(i => long.Parse(i.Id, CultureInfo.InvariantCulture));
            return (ordered.ToList(), null);
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
        // Cloud: no fields asked for means only the id; expand is one comma-separated string.
        var fields = Names(body["fields"]);
        var changelog = Names(body["expand"]).Contains("changelog");
        var result = new JsonObject
        {
            ["issues"] = new JsonArray(page.Select(i => (JsonNode)Render(i, fields, changelog, searchResult: true)).ToArray()),
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
        // Data Center: the default is *navigable (every field the fake knows); expand is a list.
        var fields = body["fields"] is null ? ["*navigable"] : Names(body["fields"]);
        var changelog = Names(body["expand"]).Contains("changelog");
        return Json(200, new JsonObject
        {
            ["expand"] = "schema,names",
            ["startAt"] = start,
            ["maxResults"] = size,
            ["total"] = issues!.Count,
            ["issues"] = new JsonArray(page.Select(i => (JsonNode)Render(i, fields, changelog, searchResult: true)).ToArray()),
        }.ToJsonString());
    }

    /// <summary>
    /// Changelogs of the issues asked for, oldest first (then by issue id), only the items of <c>fieldIds</c> when given
    /// (a history left with none is dropped), at most <c>maxResults</c> changelogs a page.
    /// </summary>
    private ResponseMessage BulkChangelog(FakeRequest request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var ids = body["issueIdsOrKeys"]!.AsArray().Select(n => (string)n!).ToList();
        var fieldIds = body["fieldIds"] is null ? null : Names(body["fieldIds"]);
        var size = Math.Min((int?)body["maxResults"] ?? 1000, BulkChangelogPageCap);
        var start = body["nextPageToken"] is { } token ? int.Parse((string)token!, CultureInfo.InvariantCulture) : 0;
        List<FakeIssue> wanted;
        lock (_lock)
        {
            wanted = ids.Select(id => _issues.Single(i => i.Id == id || i.Key == id)).ToList();
        }

        var all = wanted
            .SelectMany(i => Histories(i).Select(h => (Issue: i, h.At, History: Filter(h.History, fieldIds))))
            .Where(h => h.History["items"]!.AsArray().Count > 0)
            .OrderBy(h => h.At).ThenBy(h => long.Parse(h.Issue.Id, CultureInfo.InvariantCulture))
            .ToList();
        var page = all.Skip(start).Take(size).ToList();
        var logs = new JsonArray();
        for (var n = 0; n < page.Count;)
        {
            // Consecutive changelogs of one issue share an entry; an issue whose changelogs interleave with another's gets several.
            var run = page.Skip(n).TakeWhile(h => h.Issue == page[n].Issue).ToList();
            logs.Add(new JsonObject { ["issueId"] = page[n].Issue.Id, ["changeHistories"] = new JsonArray(run.Select(h => (JsonNode)h.History).ToArray()) });
            n += run.Count;
        }

        var result = new JsonObject { ["issueChangeLogs"] = logs };
        if (start + page.Count < all.Count)
        {
            result["nextPageToken"] = (start + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return Json(200, result.ToJsonString());
    }

    /// <summary>Data Center's <c>GET /issue/{key}</c>: every field unless <c>fields</c> says which, the changelog only with <c>expand=changelog</c>.</summary>
    private ResponseMessage IssueWithChangelog(string key, IReadOnlyDictionary<string, string> query)
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

        var fields = query.TryGetValue("fields", out var asked) ? Names(JsonValue.Create(asked)) : ["*all"];
        var changelog = query.TryGetValue("expand", out var expand) && Names(JsonValue.Create(expand)).Contains("changelog");
        return Json(200, Render(issue, fields, changelog, searchResult: false).ToJsonString());
    }

    /// <summary>A list parameter as Jira reads it: a JSON array or one comma-separated string.</summary>
    private static List<string> Names(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => (string)n!).SelectMany(n => n.Split(',')).Select(n => n.Trim()).Where(n => n.Length > 0).ToList(),
        _ => ((string)node!).Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToList(),
    };

    private JsonObject Render(FakeIssue issue, List<string> fields, bool changelog, bool searchResult)
    {
        var rendered = new JsonObject { ["id"] = issue.Id };
        var all = AllFields(issue);
        var everything = fields.Contains("*all") || fields.Contains("*navigable");
        var wanted = all.Where(f => (everything || fields.Contains(f.Key)) && !fields.Contains("-" + f.Key)).ToList();
        if (Cloud && fields.Count == 0 && !changelog)
        {
            return rendered;
        }

        rendered["expand"] = "operations,versionedRepresentations,editmeta,changelog,renderedFields";
        rendered["self"] = $"{BaseUrl}/rest/api/{(Cloud ? "3" : "2")}/issue/{issue.Id}";
        rendered["key"] = issue.Key;
        rendered["fields"] = new JsonObject(wanted.Select(f => KeyValuePair.Create(f.Key, f.Value)));
        if (changelog)
        {
            var histories = Histories(issue);
            var limit = searchResult ? ChangelogLimit : int.MaxValue;
            // A search's changelog is the newest histories first, cut at the limit; the issue resource's is whole, oldest first.
            var shown = (searchResult ? Enumerable.Reverse(histories) : histories).Take(limit).Select(h => (JsonNode)h.History).ToArray();
            rendered["changelog"] = new JsonObject
            {
                ["startAt"] = 0,
                ["maxResults"] = shown.Length,
                ["total"] = histories.Count,
                ["histories"] = new JsonArray(shown),
            };
        }

        return rendered;
    }

    private Dictionary<string, JsonNode?> AllFields(FakeIssue issue)
    {
        var status = Statuses.Single(s => s.Name == issue.Status);
        var all = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
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
            ["reporter"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "Mia Krystof" },
        };

        // Cloud links every child to its parent in "parent" (the Epic Link field is retired there); Data Center sends
        // a sub-task's parent there and an epic's stories the Epic Link key. Like every field, only when asked for.
        if (Cloud && issue.Epic is { } parent)
        {
            FakeIssue epic;
            lock (_lock)
            {
                epic = _issues.Single(i => i.Key == parent);
            }

            all["parent"] = new JsonObject
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

        if (!Cloud)
        {
            all[EpicLinkField] = issue.Epic;
        }

        return all;
    }

    /// <summary>Every history of the issue, oldest first: status moves and re-ranks.</summary>
    private List<(DateTimeOffset At, JsonObject History)> Histories(FakeIssue issue)
    {
        var rank = (JsonNode)new JsonObject
        {
            ["field"] = "Rank",
            ["fieldtype"] = "custom",
            ["fieldId"] = "customfield_10019",
            ["from"] = "",
            ["fromString"] = "",
            ["to"] = "",
            ["toString"] = "Ranked higher",
        };
        var moves = issue.Moves.Select(m => (m.At, Items: new JsonArray(new JsonObject
        {
            ["field"] = "status",
            ["fieldtype"] = "jira",
            ["fieldId"] = "status",
            ["from"] = Statuses.Single(s => s.Name == m.From).Id,
            ["fromString"] = m.From,
            ["to"] = Statuses.Single(s => s.Name == m.To).Id,
            ["toString"] = m.To,
        }, rank.DeepClone())));
        var reranks = issue.Reranks.Select(at => (At: at, Items: new JsonArray(rank.DeepClone())));
        return moves.Concat(reranks).OrderBy(h => h.At).Select((h, n) => (h.At, new JsonObject
        {
            ["id"] = (long.Parse(issue.Id, CultureInfo.InvariantCulture) * 10000 + n).ToString(CultureInfo.InvariantCulture),
            ["author"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "Mia Krystof" },
            ["created"] = Time(h.At),
            ["items"] = h.Items,
        })).ToList();
    }

    private static JsonObject Filter(JsonObject history, List<string>? fieldIds)
    {
        var copy = (JsonObject)history.DeepClone();
        if (fieldIds is not null)
        {
            copy["items"] = new JsonArray(copy["items"]!.AsArray().Where(i => fieldIds.Contains((string)i!["fieldId"]!)).Select(i => i!.DeepClone()).ToArray());
        }

        return copy;
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
