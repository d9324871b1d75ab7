using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;

namespace TechLead.Tests.GitHub;

/// <summary>
/// The fake GitHub's GraphQL endpoint: a schema-first GraphQL for .NET server over <c>GitHubSchemaSubset.graphql</c>
/// (GitHub's published names and types), so a request is validated as GitHub validates it (an unknown field,
/// argument or enum value is an error and no data) and the answer holds exactly the fields selected. Connections
/// honour <c>first</c>/<c>last</c> (one of them required, at most 100, as GitHub enforces), <c>after</c> with
/// <c>pageInfo</c>, and the filters the product uses (<c>itemTypes</c>, <c>states</c>, <c>path</c>). A commit found by
/// <c>object(oid:)</c> is one of the fake's git history, with its parents and its history in <c>git log</c> order.
/// </summary>
internal sealed class FakeGitHubGraphQl
{
    private static readonly Lazy<Schema> Schema = new(Build);
    private static readonly GraphQLSerializer Serializer = new();
    private static readonly DocumentExecuter Executer = new();

    private readonly Func<IEnumerable<FakeRepository>> _repositories;

    public FakeGitHubGraphQl(Func<IEnumerable<FakeRepository>> repositories) => _repositories = repositories;

    /// <summary>The JSON answer to one POSTed GraphQL request body.</summary>
    public string Execute(string body)
    {
        var request = Serializer.Deserialize<GraphQLRequest>(body) ?? new GraphQLRequest();
        var result = Executer.ExecuteAsync(options =>
        {
            options.Schema = Schema.Value;
            options.Query = request.Query;
            options.Variables = request.Variables;
            options.OperationName = request.OperationName;
            options.Root = Root();
            options.ThrowOnUnhandledException = true;
        }).GetAwaiter().GetResult();
        var json = JsonNode.Parse(Serializer.Serialize(result))!;
        // GitHub names the kind of a resolver error in "type" (NOT_FOUND, FORBIDDEN...), where GraphQL for .NET puts extensions.code.
        foreach (var error in json["errors"]?.AsArray() ?? [])
        {
            if (error?["extensions"]?["code"] is { } code && (string?)code is "NOT_FOUND" or "MISSING_PAGINATION_BOUNDARIES" or "EXCESSIVE_PAGINATION")
            {
                error["type"] = (string?)code;
            }
        }

        return json.ToJsonString();
    }

    private GqlObject Root() => new("Query")
    {
        ["nodes"] = Resolve(c => c.GetArgument<List<string>>("ids").Select(id => (object?)NodeById(id)).ToList()),
        ["node"] = Resolve(c => NodeById(c.GetArgument<string>("id"))),
        ["repository"] = Resolve(c =>
        {
            var (owner, name) = (c.GetArgument<string>("owner"), c.GetArgument<string>("name"));
            var repository = _repositories().FirstOrDefault(r => string.Equals(r.FullName, $"{owner}/{name}", StringComparison.OrdinalIgnoreCase));
            return repository is null
                ? throw new ExecutionError($"Could not resolve to a Repository with the name '{owner}/{name}'.") { Code = "NOT_FOUND" }
                : Repository(repository);
        }),
    };

    /// <summary>A pull request or a deployment by the node_id REST gave it; null (as GitHub answers) for any other id.</summary>
    private GqlObject? NodeById(string id) =>
        _repositories().SelectMany(r => r.PullRequests).FirstOrDefault(p => p.NodeId == id) is { } pr ? PullRequest(pr)
        : _repositories().SelectMany(r => r.Deployments).FirstOrDefault(d => d.NodeId == id) is { } deployment ? Deployment(deployment)
        : null;

    /// <summary>A deployment with its statuses newest first, as REST lists them; states in GraphQL's upper case.</summary>
    private static GqlObject Deployment(FakeDeployment deployment) => new("Deployment")
    {
        ["id"] = deployment.NodeId,
        ["statuses"] = Connection("DeploymentStatusConnection", _ => deployment.Statuses.OrderByDescending(s => s.CreatedAt)
            .Select((s, i) => new GqlObject("DeploymentStatus") { ["id"] = $"DES_kwDO{deployment.Id}{i}", ["state"] = s.State.ToUpperInvariant(), ["createdAt"] = FakeShas.Iso(s.CreatedAt) })
            .ToList()),
    };

    private static GqlObject PullRequest(FakePullRequest pr)
    {
        var firstCommit = pr.FirstCommitAt ?? pr.CreatedAt;
        var events = new List<(string Type, GqlObject Node)>();
        if (pr.ReadyForReviewAt is { } ready)
        {
            events.Add(("READY_FOR_REVIEW_EVENT", new GqlObject("ReadyForReviewEvent") { ["id"] = $"RFRE_{pr.Number}", ["createdAt"] = FakeShas.Iso(ready) }));
        }

        if (pr.MergedAt is { } merged)
        {
            events.Add(("MERGED_EVENT", new GqlObject("MergedEvent") { ["id"] = $"ME_{pr.Number}", ["createdAt"] = FakeShas.Iso(merged) }));
        }

        return new GqlObject("PullRequest")
        {
            ["id"] = pr.NodeId,
            ["number"] = pr.Number,
            ["title"] = pr.Title,
            ["additions"] = pr.Additions,
            ["deletions"] = pr.Deletions,
            ["changedFiles"] = pr.ChangedPaths.Count,
            ["commits"] = Connection("PullRequestCommitConnection", _ =>
            [
                new GqlObject("PullRequestCommit") { ["id"] = $"PURC_{pr.Number}", ["commit"] = Commit(pr.HeadSha, firstCommit, _ => []) },
            ]),
            ["reviews"] = Connection("PullRequestReviewConnection", c =>
            {
                var states = Names(c, "states");
                var author = c.GetArgument<string?>("author");
                return pr.Reviews
                    .Where(r => (states is null || states.Contains(r.State)) && (author is null || r.Login == author))
                    .Select((r, i) => new GqlObject("PullRequestReview")
                    {
                        ["id"] = $"PRR_{pr.Number}_{i}",
                        ["state"] = r.State,
                        ["submittedAt"] = FakeShas.Iso(r.SubmittedAt),
                        ["author"] = new GqlObject(r.IsBot ? "Bot" : "User") { ["id"] = $"U_{r.Login}", ["login"] = r.Login },
                    }).ToList();
            }),
            ["timelineItems"] = Connection("PullRequestTimelineItemsConnection", c =>
            {
                var types = Names(c, "itemTypes");
                return events.Where(e => types is null || types.Contains(e.Type)).Select(e => e.Node).ToList();
            }),
            ["files"] = Connection("PullRequestChangedFileConnection", _ =>
                pr.ChangedPaths.Select(p => new GqlObject("PullRequestChangedFile") { ["path"] = p, ["additions"] = 0, ["deletions"] = 0 }).ToList()),
        };
    }

    private static GqlObject Repository(FakeRepository repository) => new("Repository")
    {
        ["id"] = $"R_{repository.Id}",
        ["name"] = repository.Name,
        ["object"] = Resolve(c => c.GetArgument<string?>("expression") is { } expression && expression.StartsWith("HEAD:", StringComparison.Ordinal)
            ? GitObject(repository, expression["HEAD:".Length..])
            : c.GetArgument<string?>("oid") is { } oid && repository.Commits.TryGetValue(oid, out var commit) ? GitCommit(repository, commit)
            : null),
        ["ref"] = Resolve(c => Ref(repository, c.GetArgument<string>("qualifiedName"))),
        ["defaultBranchRef"] = new GqlObject("Ref")
        {
            ["id"] = $"REF_{repository.Id}",
            ["name"] = repository.DefaultBranch,
            ["target"] = Commit(FakeShas.Of($"head-{repository.FullName}"), repository.PushedAt, c =>
                c.GetArgument<string?>("path") is { } path && repository.Files.TryGetValue(path, out var file)
                    ? [Commit(file.Sha, file.LastCommitAt, _ => [])]
                    : []),
        },
    };

    /// <summary>
    /// <c>ref(qualifiedName:)</c> as documented: the fully qualified name first (<c>refs/tags/v1</c>), then a short name
    /// (tags before branches here); null for no such ref. A lightweight tag's target is its commit, an annotated tag's
    /// is the tag object, whose target is the commit.
    /// </summary>
    private static GqlObject? Ref(FakeRepository repository, string qualifiedName)
    {
        var (kind, name) = qualifiedName.StartsWith("refs/tags/", StringComparison.Ordinal) ? ("tag", qualifiedName["refs/tags/".Length..])
            : qualifiedName.StartsWith("refs/heads/", StringComparison.Ordinal) ? ("branch", qualifiedName["refs/heads/".Length..])
            : repository.Tags.ContainsKey(qualifiedName) ? ("tag", qualifiedName)
            : ("branch", qualifiedName);
        var sha = kind == "tag" ? repository.Tags.GetValueOrDefault(name) : repository.Branches.GetValueOrDefault(name);
        if (sha is null)
        {
            return null;
        }

        var commit = Commit(sha, repository.Commits.TryGetValue(sha, out var found) ? found.Date : repository.PushedAt, _ => []);
        var target = kind == "tag" && repository.AnnotatedTags.Contains(name)
            ? new GqlObject("Tag") { ["id"] = $"TAG_{FakeShas.Of($"tag-{name}-{sha}")}", ["oid"] = FakeShas.Of($"tag-{name}-{sha}"), ["name"] = name, ["message"] = $"Release {name}", ["target"] = commit }
            : commit;
        return new GqlObject("Ref") { ["id"] = $"REF_{FakeShas.Of(qualifiedName)}", ["name"] = name, ["target"] = target };
    }

    /// <summary>A blob for a file, a tree for a folder (its direct entries), null for nothing at that path.</summary>
    private static GqlObject? GitObject(FakeRepository repository, string path)
    {
        if (repository.Files.TryGetValue(path, out var file))
        {
            return new GqlObject("Blob") { ["id"] = $"B_{file.Sha}", ["oid"] = file.Sha, ["text"] = file.Text, ["isBinary"] = false };
        }

        var prefix = path.TrimEnd('/') + "/";
        var inside = repository.Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToList();
        if (inside.Count == 0)
        {
            return null;
        }

        var entries = inside
            .Select(rest => rest.Split('/'))
            .DistinctBy(parts => parts[0])
            .Select(parts => (object?)new GqlObject("TreeEntry") { ["name"] = parts[0], ["path"] = prefix + parts[0], ["type"] = parts.Length > 1 ? "tree" : "blob" })
            .ToList();
        return new GqlObject("Tree") { ["id"] = $"T_{FakeShas.Of(prefix)}", ["oid"] = FakeShas.Of(prefix), ["entries"] = entries };
    }

    private static GqlObject Commit(string sha, DateTimeOffset at, Func<IResolveFieldContext, List<GqlObject>> history) => new("Commit")
    {
        ["id"] = $"C_{sha}",
        ["oid"] = sha,
        ["authoredDate"] = FakeShas.Iso(at),
        ["committedDate"] = FakeShas.Iso(at),
        ["parents"] = Connection("CommitConnection", _ => []),
        ["history"] = Connection("CommitHistoryConnection", history),
    };

    /// <summary>
    /// A commit of the fake's git history: its parents in order, and its history "in the same order as git log"
    /// (GitHub's description): newest committed date first, a commit listed once, as git's date-ordered walk lists
    /// them (equal dates in the order the walk reached them). The history has no per-file changes, so a <c>path</c>
    /// filter matches none.
    /// </summary>
    private static GqlObject GitCommit(FakeRepository repository, FakeCommit commit) => new("Commit")
    {
        ["id"] = $"C_{commit.Sha}",
        ["oid"] = commit.Sha,
        ["authoredDate"] = FakeShas.Iso(commit.Date),
        ["committedDate"] = FakeShas.Iso(commit.Date),
        ["parents"] = Connection("CommitConnection", _ => commit.Parents.Select(p => GitCommit(repository, repository.Commits[p]))),
        ["history"] = Connection("CommitHistoryConnection", c => c.GetArgument<string?>("path") is null
            ? GitLog(repository, commit).Select(found => GitCommit(repository, found))
            : []),
    };

    private static IEnumerable<FakeCommit> GitLog(FakeRepository repository, FakeCommit start)
    {
        var queued = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start.Sha };
        var queue = new PriorityQueue<FakeCommit, (long Newest, long Order)>();
        var order = 0L;
        queue.Enqueue(start, (-start.Date.UtcTicks, order++));
        while (queue.TryDequeue(out var next, out _))
        {
            yield return next;
            foreach (var parent in next.Parents)
            {
                if (queued.Add(parent) && repository.Commits.TryGetValue(parent, out var commit))
                {
                    queue.Enqueue(commit, (-commit.Date.UtcTicks, order++));
                }
            }
        }
    }

    /// <summary>
    /// A connection: GitHub requires <c>first</c> or <c>last</c>, at most 100, and answers that slice (after the
    /// <c>after</c> cursor, an opaque string), with its page info. Items are read only as far as the slice needs.
    /// </summary>
    private static Func<IResolveFieldContext, object?> Connection(string type, Func<IResolveFieldContext, IEnumerable<GqlObject>> items) => c =>
    {
        var first = c.GetArgument<int?>("first");
        var last = c.GetArgument<int?>("last");
        var field = c.FieldAst.Name.StringValue;
        if (first is null && last is null)
        {
            throw new ExecutionError($"You must provide a `first` or `last` value to properly paginate the `{field}` connection.") { Code = "MISSING_PAGINATION_BOUNDARIES" };
        }

        if (first > 100 || last > 100)
        {
            throw new ExecutionError($"Requesting {first ?? last} records on the `{field}` connection exceeds the `{(first is null ? "last" : "first")}` limit of 100 records.") { Code = "EXCESSIVE_PAGINATION" };
        }

        var all = items(c);
        var skip = c.GetArgument<string?>("after") is { } after ? Offset(after) : 0;
        List<GqlObject> slice;
        bool hasNext;
        if (first is { } f)
        {
            var read = all.Skip(skip).Take(f + 1).ToList();
            (slice, hasNext) = (read.Take(f).ToList(), read.Count > f);
        }
        else
        {
            var rest = all.Skip(skip).ToList();
            (slice, hasNext) = (rest.TakeLast(last!.Value).ToList(), false);
            skip += rest.Count - slice.Count;
        }

        return new GqlObject(type)
        {
            ["nodes"] = slice.Cast<object?>().ToList(),
            ["totalCount"] = Resolve(_ => all.Count()),
            ["pageInfo"] = new GqlObject("PageInfo")
            {
                ["hasNextPage"] = hasNext,
                ["hasPreviousPage"] = skip > 0,
                ["startCursor"] = slice.Count > 0 ? Cursor(skip) : null,
                ["endCursor"] = slice.Count > 0 ? Cursor(skip + slice.Count - 1) : null,
            },
        };
    };

    private static string Cursor(int index) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"cursor:{index + 1}"));

    private static int Offset(string cursor)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("cursor:", StringComparison.Ordinal) && int.TryParse(text["cursor:".Length..], System.Globalization.CultureInfo.InvariantCulture, out var offset) && offset >= 0
                ? offset
                : throw new ExecutionError($"`{cursor}` does not appear to be a valid cursor.");
        }
        catch (FormatException)
        {
            throw new ExecutionError($"`{cursor}` does not appear to be a valid cursor.");
        }
    }

    private static List<string>? Names(IResolveFieldContext context, string argument) =>
        context.GetArgument<List<object>?>(argument)?.Select(v => v.ToString()!).ToList();

    private static Func<IResolveFieldContext, object?> Resolve(Func<IResolveFieldContext, object?> resolve) => resolve;

    private static Schema Build()
    {
        using var stream = typeof(FakeGitHubGraphQl).Assembly.GetManifestResourceStream("GitHubSchemaSubset.graphql")!;
        using var reader = new StreamReader(stream);
        var sdl = reader.ReadToEnd();
        var document = GraphQLParser.Parser.Parse(sdl);
        var schema = GraphQL.Types.Schema.For(sdl, builder =>
        {
            foreach (var type in document.Definitions.OfType<GraphQLObjectTypeDefinition>())
            {
                var name = type.Name.StringValue;
                var config = builder.Types.For(name);
                config.IsTypeOfFunc = source => source is GqlObject o && o.TypeName == name;
                foreach (var field in type.Fields?.Items ?? [])
                {
                    config.FieldFor(field.Name.StringValue).Resolver = FromSource.Instance;
                }
            }
        });
        foreach (var scalar in document.Definitions.OfType<GraphQLScalarTypeDefinition>())
        {
            schema.RegisterType(new TextScalar(scalar.Name.StringValue));
        }

        schema.Initialize();
        return schema;
    }

    /// <summary>An object of one GraphQL type: field values, or resolvers of fields that take arguments.</summary>
    private sealed class GqlObject(string typeName) : Dictionary<string, object?>(StringComparer.Ordinal)
    {
        public string TypeName { get; } = typeName;
    }

    /// <summary>Reads a field from its <see cref="GqlObject"/>: the value, or what its resolver answers for the arguments.</summary>
    private sealed class FromSource : IFieldResolver
    {
        public static readonly FromSource Instance = new();

        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) =>
            ValueTask.FromResult(context.Source is GqlObject source && source.TryGetValue(context.FieldDefinition.Name, out var value)
                ? value is Func<IResolveFieldContext, object?> resolve ? resolve(context) : value
                : null);
    }

    /// <summary>GitHub's string-shaped scalars (DateTime, GitTimestamp, GitObjectID): ISO 8601 times and SHAs as text.</summary>
    private sealed class TextScalar : StringGraphType
    {
        public TextScalar(string name) => Name = name;
    }
}
