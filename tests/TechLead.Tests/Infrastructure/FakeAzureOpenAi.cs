using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using WireMock.Settings;

namespace TechLead.Tests.Infrastructure;

/// <summary>One answer of the fake: an HTTP status, a JSON body and headers.</summary>
internal sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>Which output-cap parameter the fake deployment accepts, as the real ones answer.</summary>
internal enum FakeTokenCap
{
    /// <summary>gpt-4o on a current API version: either parameter.</summary>
    Either,

    /// <summary>gpt-5-family and o-series: max_tokens is a 400 unsupported_parameter.</summary>
    MaxCompletionTokensOnly,

    /// <summary>An older API version that does not know max_completion_tokens.</summary>
    MaxTokensOnly,
}

/// <summary>
/// A loopback fake of the Azure OpenAI chat completions endpoint (<c>POST /openai/deployments/{d}/chat/completions</c>)
/// answering in the service's documented shapes: completions with usage, 429 with <c>retry-after-ms</c>, 400
/// <c>content_filter</c>, refusals. Tests drive the real Azure.AI.OpenAI client against it.
/// </summary>
internal sealed class FakeAzureOpenAi : IDisposable
{
    public const string Deployment = "gpt-4o-test";
    public const string ApiKey = "test-api-key";
    public const string Model = "gpt-4o-2024-08-06";

    private readonly WireMockServer _server;

    public FakeAzureOpenAi()
    {
        var port = NodeService.FreePort();
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")] });
        Reply(Completion("""{"items":[]}"""));
    }

    public Uri Endpoint => new(_server.Urls[0]);

    public string Path => $"/openai/deployments/{Deployment}/chat/completions";

    /// <summary>Which output-cap parameter this deployment accepts; the other one is refused as the service refuses it.</summary>
    public FakeTokenCap TokenCap { get; set; } = FakeTokenCap.Either;

    /// <summary>Settings that point the product at this fake.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Drafting:Endpoint"] = Endpoint.ToString(),
        ["Drafting:Deployment"] = Deployment,
        ["Drafting:ApiKey"] = ApiKey,
    };

    /// <summary>The JSON bodies of the requests received, in order.</summary>
    public IReadOnlyList<JsonNode> Requests =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == Path).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonNode.Parse(e.RequestMessage.Body ?? "null")!).ToList();

    public IReadOnlyList<IDictionary<string, WireMockList<string>>> RequestHeaders =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == Path).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => e.RequestMessage.Headers!).ToList();

    /// <summary>Answers every request with <paramref name="reply"/>.</summary>
    public void Reply(FakeReply reply) => Sequence(reply);

    /// <summary>Answers the requests with these replies in order; the last one repeats.</summary>
    public void Sequence(params FakeReply[] replies)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replies.Length);
        _server.Reset();
        var answered = 0;
        _server.Given(Request.Create().WithPath(new WildcardMatcher("/openai/deployments/*/chat/completions")).UsingPost()).RespondWith(Response.Create().WithCallback(request =>
        {
            var reply = request.Path != Path ? DeploymentNotFound
                : RefusedTokenCap(request.Body) ?? replies[Math.Min(Interlocked.Increment(ref answered) - 1, replies.Length - 1)];
            var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                headers[name] = new WireMockList<string>(value);
            }

            return new ResponseMessage
            {
                StatusCode = reply.Status,
                Headers = headers,
                BodyData = new BodyData { BodyAsString = reply.Body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
            };
        }));
    }

    /// <summary>Azure OpenAI's answer for a deployment name the resource does not have.</summary>
    private static readonly FakeReply DeploymentNotFound = new(404,
        """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""");

    private FakeReply? RefusedTokenCap(string? body)
    {
        var sent = JsonNode.Parse(body ?? "{}");
        return TokenCap switch
        {
            // OpenAI's and Azure OpenAI's answer to max_tokens on a reasoning model.
            FakeTokenCap.MaxCompletionTokensOnly when sent?["max_tokens"] is not null => new FakeReply(400,
                """{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}"""),
            // Azure OpenAI's answer to an unknown request argument on an older API version.
            FakeTokenCap.MaxTokensOnly when sent?["max_completion_tokens"] is not null => new FakeReply(400,
                """{"error":{"message":"Unrecognized request argument supplied: max_completion_tokens","type":"invalid_request_error","param":null,"code":null}}"""),
            _ => null,
        };
    }

    /// <summary>A completion whose message content is <paramref name="content"/> (the JSON the schema asks for).</summary>
    public static FakeReply Completion(string content, int promptTokens = 812, int completionTokens = 97, string finishReason = "stop", string? refusal = null)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_767_000_000,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = refusal is null ? content : null, ["refusal"] = refusal },
                ["finish_reason"] = finishReason,
                ["logprobs"] = null,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
            ["system_fingerprint"] = "fp_fake",
        };
        return new FakeReply(200, body.ToJsonString());
    }

    /// <summary>The body of a completion built from an object, serialised as the model would write it.</summary>
    public static FakeReply CompletionOf(object content) => Completion(JsonSerializer.Serialize(content));

    /// <summary>429 as Azure OpenAI sends it when a deployment's rate limit is hit.</summary>
    public static FakeReply RateLimited(int retryAfterMs) => new(429,
        """{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second."}}""",
        new Dictionary<string, string>
        {
            ["retry-after-ms"] = retryAfterMs.ToString(CultureInfo.InvariantCulture),
            ["Retry-After"] = Math.Max(1, retryAfterMs / 1000).ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>400 content_filter: the prompt tripped the content filter (here: the jailbreak/prompt-shield category).</summary>
    public static FakeReply ContentFiltered() => new(400,
        """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}""");

    public static FakeReply ServerError() => new(500, """{"error":{"code":"InternalServerError","message":"The server had an error while processing your request."}}""");

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

}
