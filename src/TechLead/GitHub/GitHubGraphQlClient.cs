using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TechLead.Activity;

namespace TechLead.GitHub;

/// <summary>A GitHub request failed with an HTTP status (GraphQL endpoint), or GraphQL reported an error.</summary>
internal sealed class GitHubRequestException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The blob and last commit of one file, as GraphQL returns them.</summary>
/// <summary>A file at the default branch's head: its text, its git blob SHA and when a commit last touched it.</summary>
internal sealed record GitHubFileContent(string Path, string? Text, DateTimeOffset? LastChangedAt, string? BlobSha);

/// <summary>What the ADR discovery query found: the config files' text and the entries of each candidate folder.</summary>
internal sealed record AdrDiscoveryAnswer(string? AdrDirText, string? Log4brainsText, IReadOnlyDictionary<string, IReadOnlyList<string>> FolderEntries);

/// <summary>One status of a deployment: its state in REST's lower case, and when it was set.</summary>
internal sealed record GitHubDeploymentStatus(string State, DateTimeOffset CreatedAt);

/// <summary>A commit of a history page: its parents, or null when GraphQL listed fewer than it has (not usable as proof).</summary>
internal sealed record GitHubGraphCommit(string Oid, DateTimeOffset CommittedDate, IReadOnlyList<string>? Parents);

/// <summary>One page of a commit's history (<c>git log</c> order from it), and the cursor of the next page.</summary>
internal sealed record GitHubHistoryPage(IReadOnlyList<GitHubGraphCommit> Commits, string? EndCursor, bool HasNextPage);

/// <summary>
/// GitHub's GraphQL API over HttpClient, where it saves requests: the first commit, reviews and ready-for-review
/// time of 100 pull requests in one request (REST needs two or more per pull request), ADR folder discovery
/// and file contents for many paths at once, the commits of 100 tags, the statuses of 100 deployments, and a
/// page of history (with parents) from each of 50 commits.
/// </summary>
internal sealed class GitHubGraphQlClient(HttpClient http, Uri endpoint)
{
    /// <summary>GitHub accepts at most 100 ids in <c>nodes(ids:)</c>.</summary>
    public const int MaxNodes = 100;

    /// <summary>
    /// Histories per request. Node count of one request: 50 aliases x (100 commits + 100 x 2 parents) = 15,000, far
    /// below GitHub's 500,000 per query; about 51 points of the GraphQL rate limit (one per 100 connections asked).
    /// </summary>
    public const int HistoriesPerRequest = 50;

    /// <summary>Parents asked per commit: a merge has two; a commit with more (an octopus merge) is left unproven.</summary>
    public const int ParentsPerCommit = 2;

    private const int FilesPerRequest = 25;

    private const string PullRequestDetailsQuery = """
        query PullRequestDetails($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on PullRequest {
              id
              number
              additions
              deletions
              changedFiles
              commits(first: 1) { nodes { commit { authoredDate } } }
              reviews(first: 100) { nodes { state submittedAt author { login __typename } } }
              timelineItems(itemTypes: [READY_FOR_REVIEW_EVENT], first: 1) { nodes { ... on ReadyForReviewEvent { createdAt } } }
              files(first: 100) { nodes { path } }
            }
          }
        }
        """;

    private const string DeploymentStatusesQuery = """
        query DeploymentStatuses($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on Deployment {
              id
              statuses(first: 100) { totalCount nodes { state createdAt } }
            }
          }
        }
        """;

    /// <summary>
    /// The statuses of up to 100 deployments by node id, in one request (REST needs one per deployment). A deployment
    /// that came back null, or has more statuses than one page holds, is left out: the caller reads it from REST.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<GitHubDeploymentStatus>>> DeploymentStatusesAsync(IReadOnlyList<string> nodeIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<GitHubDeploymentStatus>>(StringComparer.Ordinal);
        if (nodeIds.Count == 0)
        {
            return result;
        }

        if (nodeIds.Count > MaxNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeIds), $"At most {MaxNodes} deployments per request.");
        }

        var data = await QueryAsync(DeploymentStatusesQuery, new Dictionary<string, object?> { ["ids"] = nodeIds }, cancellationToken);
        foreach (var node in Array(data, "nodes"))
        {
            var statuses = Object(node, "statuses");
            if (Text(node, "id") is not { } id || statuses.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var listed = Array(statuses, "nodes");
            if (Int(statuses, "totalCount") > listed.Count || listed.Any(s => s.ValueKind != JsonValueKind.Object))
            {
                continue;
            }

            result[id] = listed
                .Select(s => new GitHubDeploymentStatus((Text(s, "state") ?? "").ToLowerInvariant(),
                    Time(s, "createdAt") ?? throw new GitHubDataException("GitHub GraphQL returned a deployment status without createdAt.")))
                .ToList();
        }

        return result;
    }

    /// <summary>Details of up to 100 pull requests by GraphQL node id (REST <c>node_id</c>), in one request.</summary>
    public async Task<IReadOnlyDictionary<string, PullRequestDetails>> PullRequestDetailsAsync(IReadOnlyList<string> nodeIds, CancellationToken cancellationToken)
    {
        if (nodeIds.Count == 0)
        {
            return new Dictionary<string, PullRequestDetails>();
        }

        if (nodeIds.Count > MaxNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeIds), $"At most {MaxNodes} pull requests per request.");
        }

        var data = await QueryAsync(PullRequestDetailsQuery, new Dictionary<string, object?> { ["ids"] = nodeIds }, cancellationToken);
        var result = new Dictionary<string, PullRequestDetails>(StringComparer.Ordinal);
        foreach (var node in Array(data, "nodes"))
        {
            // A node the token cannot see comes back null; its pull request keeps what REST said.
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("id", out var id))
            {
                continue;
            }

            result[id.GetString() ?? ""] = new PullRequestDetails
            {
                Additions = Int(node, "additions"),
                Deletions = Int(node, "deletions"),
                ChangedFiles = Int(node, "changedFiles"),
                FirstCommitAt = Array(Object(node, "commits"), "nodes").Select(c => Time(Object(c, "commit"), "authoredDate")).FirstOrDefault(),
                ReadyForReviewAt = Array(Object(node, "timelineItems"), "nodes").Select(e => Time(e, "createdAt")).FirstOrDefault(t => t is not null),
                Reviews = Array(Object(node, "reviews"), "nodes").Select(Review).ToList(),
                Files = Array(Object(node, "files"), "nodes").Select(f => Text(f, "path")).OfType<string>().ToList(),
            };
        }

        return result;
    }

    /// <summary>One request: <c>.adr-dir</c>, <c>.log4brains.yml</c> and the entries of every candidate folder on the default branch.</summary>
    public async Task<AdrDiscoveryAnswer> DiscoverAdrFoldersAsync(RepositoryName repository, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var variables = RepositoryVariables(repository);
        variables["adrDir"] = "HEAD:.adr-dir";
        variables["log4brains"] = "HEAD:.log4brains.yml";
        var query = new StringBuilder("query AdrDiscovery($owner: String!, $name: String!, $adrDir: String!, $log4brains: String!");
        var body = new StringBuilder();
        for (var i = 0; i < folders.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"tree{i}");
            variables[name] = $"HEAD:{folders[i]}";
            query.Append(CultureInfo.InvariantCulture, $", ${name}: String!");
            body.Append(CultureInfo.InvariantCulture, $"    {name}: object(expression: ${name}) {{ ... on Tree {{ entries {{ name type }} }} }}\n");
        }

        query.Append(") {\n  repository(owner: $owner, name: $name) {\n")
            .Append("    adrDir: object(expression: $adrDir) { ... on Blob { text } }\n")
            .Append("    log4brains: object(expression: $log4brains) { ... on Blob { text } }\n")
            .Append(body)
            .Append("  }\n}\n");

        var repositoryData = Object(await QueryAsync(query.ToString(), variables, cancellationToken), "repository");
        var entries = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < folders.Count; i++)
        {
            var tree = Object(repositoryData, string.Create(CultureInfo.InvariantCulture, $"tree{i}"));
            if (tree.ValueKind == JsonValueKind.Object && tree.TryGetProperty("entries", out _))
            {
                entries[folders[i]] = Array(tree, "entries")
                    .Where(e => Text(e, "type") == "blob")
                    .Select(e => Text(e, "name"))
                    .OfType<string>()
                    .ToList();
            }
        }

        return new AdrDiscoveryAnswer(Text(Object(repositoryData, "adrDir"), "text"), Text(Object(repositoryData, "log4brains"), "text"), entries);
    }

    /// <summary>Text and last commit time of files on the default branch, 25 paths per request.</summary>
    public async Task<IReadOnlyList<GitHubFileContent>> FilesAsync(RepositoryName repository, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var result = new List<GitHubFileContent>(paths.Count);
        foreach (var chunk in paths.Chunk(FilesPerRequest))
        {
            var variables = RepositoryVariables(repository);
            var query = new StringBuilder("query AdrFiles($owner: String!, $name: String!");
            var blobs = new StringBuilder();
            var histories = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                variables[$"blob{i}"] = $"HEAD:{chunk[i]}";
                variables[$"path{i}"] = chunk[i];
                query.Append(CultureInfo.InvariantCulture, $", $blob{i}: String!, $path{i}: String!");
                blobs.Append(CultureInfo.InvariantCulture, $"    blob{i}: object(expression: $blob{i}) {{ ... on Blob {{ oid text isBinary }} }}\n");
                histories.Append(CultureInfo.InvariantCulture, $"        hist{i}: history(first: 1, path: $path{i}) {{ nodes {{ committedDate }} }}\n");
            }

            query.Append(") {\n  repository(owner: $owner, name: $name) {\n").Append(blobs)
                .Append("    defaultBranchRef { target { ... on Commit {\n").Append(histories).Append("    } } }\n  }\n}\n");

            var repositoryData = Object(await QueryAsync(query.ToString(), variables, cancellationToken), "repository");
            var commit = Object(Object(repositoryData, "defaultBranchRef"), "target");
            for (var i = 0; i < chunk.Length; i++)
            {
                var blob = Object(repositoryData, string.Create(CultureInfo.InvariantCulture, $"blob{i}"));
                var lastChange = Array(Object(commit, string.Create(CultureInfo.InvariantCulture, $"hist{i}")), "nodes").Select(n => Time(n, "committedDate")).FirstOrDefault();
                result.Add(new GitHubFileContent(chunk[i], Text(blob, "text"), lastChange, Text(blob, "oid")));
            }
        }

        return result;
    }

    /// <summary>
    /// The commit each tag points at, 100 tags per request (<c>repository.ref(qualifiedName:)</c> under one alias per
    /// tag): a lightweight tag's target is the commit, an annotated tag's is a Tag object, peeled here (two levels, a
    /// tag of a tag). A tag that is missing, points at no commit within two levels, or came back null (a partial
    /// answer) is left out: the caller asks REST for it, which peels and explains as before.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> TagCommitsAsync(RepositoryName repository, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in tags.Distinct(StringComparer.Ordinal).Chunk(MaxNodes))
        {
            var variables = RepositoryVariables(repository);
            var query = new StringBuilder("query TagTargets($owner: String!, $name: String!");
            var body = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"tag{i}");
                variables[name] = "refs/tags/" + chunk[i];
                query.Append(CultureInfo.InvariantCulture, $", ${name}: String!");
                body.Append(CultureInfo.InvariantCulture,
                    $"    {name}: ref(qualifiedName: ${name}) {{ target {{ __typename oid ... on Tag {{ target {{ __typename oid ... on Tag {{ target {{ __typename oid }} }} }} }} }} }}\n");
            }

            query.Append(") {\n  repository(owner: $owner, name: $name) {\n").Append(body).Append("  }\n}\n");
            var repositoryData = Object(await QueryAsync(query.ToString(), variables, cancellationToken), "repository");
            for (var i = 0; i < chunk.Length; i++)
            {
                var target = Object(Object(repositoryData, string.Create(CultureInfo.InvariantCulture, $"tag{i}")), "target");
                for (var depth = 0; depth < 3 && Text(target, "__typename") == "Tag"; depth++)
                {
                    target = Object(target, "target");
                }

                if (Text(target, "__typename") == "Commit" && Text(target, "oid") is { Length: > 0 } oid)
                {
                    result[chunk[i]] = oid;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// One page of 100 commits of the history from each start commit (<c>Repository.object(oid:)</c> under one alias
    /// each, <c>after</c> the cursor when given), with each commit's committed date and parents: the graph
    /// <c>base...head</c> is computed from. A start that came back null or is not a commit is left out, as is a commit
    /// without its oid or date; a commit with more parents than asked keeps null parents. The caller proves each range
    /// from what came back, and asks REST for any it cannot.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GitHubHistoryPage>> CommitHistoriesAsync(
        RepositoryName repository, IReadOnlyList<(string Oid, string? After)> starts, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, GitHubHistoryPage>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in starts.DistinctBy(s => s.Oid, StringComparer.OrdinalIgnoreCase).Chunk(HistoriesPerRequest))
        {
            var variables = RepositoryVariables(repository);
            var query = new StringBuilder("query CommitHistories($owner: String!, $name: String!");
            var body = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                variables[$"oid{i}"] = chunk[i].Oid;
                variables[$"after{i}"] = chunk[i].After;
                query.Append(CultureInfo.InvariantCulture, $", $oid{i}: GitObjectID!, $after{i}: String");
                body.Append(CultureInfo.InvariantCulture, $"    h{i}: object(oid: $oid{i}) {{ ... on Commit {{ history(first: 100, after: $after{i}) {{ ...Page }} }} }}\n");
            }

            query.Append(") {\n  repository(owner: $owner, name: $name) {\n").Append(body).Append("  }\n}\n")
                .Append("fragment Page on CommitHistoryConnection {\n  pageInfo { hasNextPage endCursor }\n")
                .Append(CultureInfo.InvariantCulture, $"  nodes {{ oid committedDate parents(first: {ParentsPerCommit}) {{ totalCount nodes {{ oid }} }} }}\n}}\n");
            var repositoryData = Object(await QueryAsync(query.ToString(), variables, cancellationToken), "repository");
            for (var i = 0; i < chunk.Length; i++)
            {
                var history = Object(Object(repositoryData, string.Create(CultureInfo.InvariantCulture, $"h{i}")), "history");
                if (history.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var pageInfo = Object(history, "pageInfo");
                var commits = new List<GitHubGraphCommit>();
                foreach (var node in Array(history, "nodes"))
                {
                    if (Text(node, "oid") is not { Length: > 0 } oid || Time(node, "committedDate") is not { } date)
                    {
                        continue;
                    }

                    var parents = Object(node, "parents");
                    var listed = Array(parents, "nodes").Select(p => Text(p, "oid")).ToList();
                    var complete = parents.ValueKind == JsonValueKind.Object && Object(parents, "totalCount").ValueKind == JsonValueKind.Number
                        && Int(parents, "totalCount") == listed.Count && listed.All(p => !string.IsNullOrEmpty(p));
                    commits.Add(new GitHubGraphCommit(oid, date, complete ? listed.OfType<string>().ToList() : null));
                }

                result[chunk[i].Oid] = new GitHubHistoryPage(commits, Text(pageInfo, "endCursor"),
                    Object(pageInfo, "hasNextPage").ValueKind == JsonValueKind.True);
            }
        }

        return result;
    }

    /// <summary>Runs one query; returns its <c>data</c>. Partial data (some nodes null) is returned as is.</summary>
    public async Task<JsonElement> QueryAsync(string query, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(endpoint, new { query, variables }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            if ((int)response.StatusCode is 403 or 429 && text.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
            {
                throw new GitHubRateLimitedException($"GitHub GraphQL kept answering {(int)response.StatusCode} ({Message(text)}); stopped, the next run resumes where this one stopped");
            }

            throw new GitHubRequestException(response.StatusCode, $"GitHub GraphQL answered {(int)response.StatusCode}: {Message(text)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new GitHubDataException($"malformed JSON from GitHub GraphQL ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d : default;
            var errors = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().ToList()
                : [];
            if (errors.Any(error => Text(error, "type") == "RATE_LIMITED"))
            {
                throw new GitHubRateLimitedException($"the GraphQL rate limit is used up ({Text(errors[0], "message")}); stopped, the next run resumes where this one stopped");
            }

            if (data.ValueKind != JsonValueKind.Object)
            {
                var first = errors.Count > 0 ? errors[0] : default;
                var status = Text(first, "type") is "FORBIDDEN" or "INSUFFICIENT_SCOPES" ? HttpStatusCode.Forbidden
                    : Text(first, "type") == "NOT_FOUND" ? HttpStatusCode.NotFound
                    : errors.Count > 0 ? HttpStatusCode.UnprocessableEntity
                    : HttpStatusCode.OK;
                if (status == HttpStatusCode.OK)
                {
                    throw new GitHubDataException("GitHub GraphQL answered without data or errors.");
                }

                throw new GitHubRequestException(status, $"GitHub GraphQL: {Text(first, "message") ?? "error"}");
            }

            return data.Clone();
        }
    }

    private static Dictionary<string, object?> RepositoryVariables(RepositoryName repository) => new()
    {
        ["owner"] = repository.Owner,
        ["name"] = repository.Name,
    };

    private static SubmittedReview Review(JsonElement review)
    {
        var author = Object(review, "author");
        var login = Text(author, "login");
        return new SubmittedReview(login, Text(author, "__typename") == "Bot" || GitHubRecordMapper.IsBotLogin(login),
            Text(review, "state") ?? "", Time(review, "submittedAt"));
    }

    private static string Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Text(document.RootElement, "message") ?? body[..Math.Min(body.Length, 200)];
        }
        catch (JsonException)
        {
            return body[..Math.Min(body.Length, 200)];
        }
    }

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static List<JsonElement> Array(JsonElement element, string name) =>
        Object(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];

    private static string? Text(JsonElement element, string name) =>
        Object(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int Int(JsonElement element, string name) =>
        Object(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : 0;

    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        var text = Text(element, name);
        return text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
            : throw new GitHubDataException($"GitHub GraphQL returned '{text}' for {name}, which is not a time.");
    }
}
