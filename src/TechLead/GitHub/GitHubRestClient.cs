using System.Net;
using Octokit;
using Octokit.Internal;

namespace TechLead.GitHub;

/// <summary>GitHub answered with JSON we cannot use (malformed, or missing what a record needs). Nothing from it is stored.</summary>
internal sealed class GitHubDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One page of a REST list: its items, its ETag, and the Link header's next page.</summary>
internal sealed record RestPage<T>(bool NotModified, T? Body, string? ETag, Uri? Next);

/// <summary>
/// REST through Octokit's connection (its errors, Link-header parsing and models), plus conditional requests:
/// Octokit does not send <c>If-None-Match</c> on its own, so a thin <see cref="IHttpClient"/> decorator adds the
/// ETag the caller stored, and a 304 comes back as <see cref="RestPage{T}.NotModified"/> (it costs no rate limit).
/// </summary>
internal sealed class GitHubRestClient : IDisposable
{
    private readonly Connection _connection;
    private readonly ConditionalHttpClient _http;

    internal GitHubRestClient(Uri apiBase, IHttpClient http)
    {
        _http = new ConditionalHttpClient(http);
        _connection = new Connection(GitHubComposition.ProductHeader, apiBase,
            new InMemoryCredentialStore(Credentials.Anonymous), _http, GitHubJson.Instance);
    }

    /// <summary>The Octokit connection, for callers that want Octokit's typed clients over the same handlers.</summary>
    public IConnection Connection => _connection;

    public void Dispose() => _http.Dispose();

    /// <summary>GET <paramref name="uri"/> (relative to the API root, or a Link-header URL); with an ETag, a conditional request.</summary>
    public async Task<RestPage<T>> GetAsync<T>(Uri uri, string? etag, CancellationToken cancellationToken)
    {
        IApiResponse<T> response;
        using (_http.IfNoneMatch(etag))
        {
            response = await _connection.Get<T>(uri, null, null, cancellationToken);
        }

        var info = response.HttpResponse.ApiInfo;
        if (response.HttpResponse.StatusCode == HttpStatusCode.NotModified)
        {
            return new RestPage<T>(true, default, etag, null);
        }

        if (response.Body is null)
        {
            throw new GitHubDataException($"GitHub answered {uri} with {(int)response.HttpResponse.StatusCode} but no JSON body.");
        }

        return new RestPage<T>(false, response.Body, info?.Etag, info?.GetNextPageUrl());
    }

    /// <summary>Adds If-None-Match to the next request made in this async flow.</summary>
    private sealed class ConditionalHttpClient(IHttpClient inner) : IHttpClient
    {
        private readonly AsyncLocal<string?> _etag = new();

        public IDisposable IfNoneMatch(string? etag)
        {
            _etag.Value = etag;
            return new Reset(_etag);
        }

        public Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
        {
            if (_etag.Value is { Length: > 0 } etag && request.Method == HttpMethod.Get)
            {
                request.Headers["If-None-Match"] = etag;
            }

            return inner.Send(request, cancellationToken, preprocessResponseBody);
        }

        public void SetRequestTimeout(TimeSpan timeout) => inner.SetRequestTimeout(timeout);

        public void Dispose() => inner.Dispose();

        private sealed class Reset(AsyncLocal<string?> etag) : IDisposable
        {
            public void Dispose() => etag.Value = null;
        }
    }
}

/// <summary>Octokit's serializer, with any parse failure turned into one exception the sync knows to skip.</summary>
internal sealed class GitHubJson : IJsonSerializer
{
    public static readonly GitHubJson Instance = new();

    private readonly SimpleJsonSerializer _inner = new();

    public string Serialize(object item) => _inner.Serialize(item);

    public T Deserialize<T>(string json)
    {
        try
        {
            return _inner.Deserialize<T>(json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GitHubDataException($"malformed JSON from GitHub ({e.GetType().Name}: {e.Message})", e);
        }
    }
}
