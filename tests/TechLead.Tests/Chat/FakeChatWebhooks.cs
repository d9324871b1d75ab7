using System.Collections.Concurrent;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace TechLead.Tests.Chat;

/// <summary>A message a fake webhook received.</summary>
internal sealed record ChatPost(string Platform, string Body);

/// <summary>
/// A Slack incoming webhook and a Teams Workflows trigger on loopback, answering as the platforms document: Slack
/// <c>200</c> with the body <c>ok</c> (text/plain); a Workflows trigger <c>202 Accepted</c> with no body (the flow runs
/// later). A test queues other documented answers (<see cref="Answer"/>) that are given to the next posts, in order.
/// The addresses carry a secret part, as real ones do, so tests can check it never reaches a log.
/// </summary>
public sealed class FakeChatWebhooks : IDisposable
{
    public const string SlackSecret = "T0A1B2C3D/B0E4F5G6H/s3cr3tSlackT0ken";
    public const string TeamsSecret = "sig=s3cr3tTeamsSignature";

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 0, StartAdminInterface = false });
    private readonly ConcurrentQueue<ChatPost> _posts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body, string? RetryAfter)>> _answers = new();

    public FakeChatWebhooks()
    {
        _server.Given(Request.Create().WithPath("/services/*").UsingPost()).RespondWith(Response.Create().WithCallback(message => Respond("slack", message.Body ?? "")));
        _server.Given(Request.Create().WithPath("/workflows/*").UsingPost()).RespondWith(Response.Create().WithCallback(message => Respond("teams", message.Body ?? "")));
    }

    public string SlackUrl => $"{_server.Url}/services/{SlackSecret}";

    public string TeamsUrl => $"{_server.Url}/workflows/4f1c2d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&{TeamsSecret}";

    internal IReadOnlyList<ChatPost> Posts => [.. _posts];

    internal IReadOnlyList<ChatPost> PostsTo(string platform) => Posts.Where(p => p.Platform == platform).ToList();

    /// <summary>The next post to <paramref name="platform"/> gets this answer instead of success.</summary>
    public void Answer(string platform, int status, string body = "", string? retryAfter = null) =>
        _answers.GetOrAdd(platform, _ => new()).Enqueue((status, body, retryAfter));

    /// <summary>Forgets the posts and queued answers: one server serves a test class, each test starts clean.</summary>
    public void Reset()
    {
        _posts.Clear();
        _answers.Clear();
    }

    public void Dispose() => _server.Dispose();

    private WireMock.ResponseMessage Respond(string platform, string body)
    {
        _posts.Enqueue(new ChatPost(platform, body));
        if (_answers.TryGetValue(platform, out var queue) && queue.TryDequeue(out var answer))
        {
            var response = new WireMock.ResponseMessage { StatusCode = answer.Status, BodyData = Text(answer.Body) };
            response.AddHeader("Content-Type", "text/plain");
            if (answer.RetryAfter is not null)
            {
                response.AddHeader("Retry-After", answer.RetryAfter);
            }

            return response;
        }

        var ok = platform == "slack"
            ? new WireMock.ResponseMessage { StatusCode = 200, BodyData = Text("ok") }
            : new WireMock.ResponseMessage { StatusCode = 202 };
        ok.AddHeader("Content-Type", "text/plain");
        return ok;
    }

    private static WireMock.Util.BodyData Text(string text) => new()
    {
        BodyAsString = text,
        DetectedBodyType = WireMock.Types.BodyType.String,
        Encoding = System.Text.Encoding.UTF8,
    };
}
