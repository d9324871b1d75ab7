using System.Text.Json.Nodes;
using TechLead.Drafting;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Drafting;

/// <summary>The real Azure.AI.OpenAI client against a loopback fake of the chat completions endpoint.</summary>
public sealed class AzureOpenAiLanguageModelTests : IDisposable
{
    private const string Schema = """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"pr":{"type":"integer"}},"required":["pr"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}""";

    private readonly FakeAzureOpenAi _fake = new();

    private static LanguageModelRequest Request(string data = """{"items":[{"pr":12,"title":"Fix checkout"}]}""") =>
        new("test", "Rewrite the items.", data, "test_items", Schema, 300);

    [Fact]
    public async Task A_normal_answer_returns_the_json_with_token_counts_and_sends_a_strict_schema_without_tools()
    {
        _fake.Reply(FakeAzureOpenAi.Completion("""{"items":[{"pr":12}]}""", promptTokens: 321, completionTokens: 12));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("""{"items":[{"pr":12}]}""", result.Json);
        Assert.Equal((321, 12), (result.InputTokens, result.OutputTokens));
        Assert.Equal((DrafterKinds.AzureOpenAi, FakeAzureOpenAi.Deployment, FakeAzureOpenAi.Model), (result.DrafterKind, result.Deployment, result.Model));

        var sent = Assert.Single(_fake.Requests);
        var format = sent["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.True((bool?)format["json_schema"]!["strict"]);
        Assert.Equal("test_items", (string?)format["json_schema"]!["name"]);
        Assert.Null(sent["tools"]);
        Assert.Equal(300, (int?)sent["max_completion_tokens"]);
        Assert.Null(sent["max_tokens"]);
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Contains("Rewrite the items.", ContentOf(messages[0]!), StringComparison.Ordinal);
        Assert.Contains(DraftGuardrails.DataRules, ContentOf(messages[0]!), StringComparison.Ordinal);
        Assert.StartsWith("<data>\n", ContentOf(messages[1]!), StringComparison.Ordinal);
        Assert.Contains("Fix checkout", ContentOf(messages[1]!), StringComparison.Ordinal);
        Assert.Equal(FakeAzureOpenAi.ApiKey, _fake.RequestHeaders[0]["api-key"].Single());
    }

    [Fact]
    public async Task A_reasoning_deployment_that_refuses_max_tokens_gets_max_completion_tokens_and_drafts()
    {
        _fake.TokenCap = FakeTokenCap.MaxCompletionTokensOnly;
        _fake.Reply(FakeAzureOpenAi.Completion("""{"items":[{"pr":12}]}"""));

        var result = await DraftingKit.With(_fake).Model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(300, (int?)Assert.Single(_fake.Requests)["max_completion_tokens"]);
    }

    [Fact]
    public async Task An_older_deployment_drafts_with_UseMaxTokens_and_without_it_the_refusal_names_the_setting()
    {
        _fake.TokenCap = FakeTokenCap.MaxTokensOnly;
        _fake.Reply(FakeAzureOpenAi.Completion("""{"items":[{"pr":12}]}"""));

        var refused = await DraftingKit.With(_fake).Model.CompleteJsonAsync(Request(), CancellationToken.None);
        var drafted = await DraftingKit.With(_fake, new DraftingOptions { UseMaxTokens = true }).Model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Contains("Unrecognized request argument supplied: max_completion_tokens", refused.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Drafting:UseMaxTokens=true", refused.FailureReason, StringComparison.Ordinal);
        Assert.True(drafted.Succeeded, drafted.FailureReason);
        Assert.Equal(300, (int?)_fake.Requests[^1]["max_tokens"]);
        Assert.Null(_fake.Requests[^1]["max_completion_tokens"]);
    }

    [Fact]
    public async Task A_length_finish_with_no_content_says_the_output_cap_was_reached_not_malformed_output()
    {
        _fake.Reply(FakeAzureOpenAi.Completion("", completionTokens: 300, finishReason: "length"));

        var result = await DraftingKit.With(_fake).Model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Equal("not drafted: output cap reached, raise Drafting:MaxOutputTokens", result.FailureReason);
        Assert.Equal(300, result.OutputTokens);
    }

    [Fact]
    public async Task A_429_with_retry_after_ms_is_retried_after_the_requested_wait()
    {
        _fake.Sequence(FakeAzureOpenAi.RateLimited(retryAfterMs: 150), FakeAzureOpenAi.Completion("""{"items":[]}"""));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task A_429_with_only_retry_after_seconds_is_retried()
    {
        _fake.Sequence(
            new FakeReply(429, """{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 1 seconds."}}""", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeAzureOpenAi.Completion("""{"items":[]}"""));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_the_allowed_wait_ends_the_call_with_the_wait_for_the_next_run()
    {
        _fake.Reply(FakeAzureOpenAi.RateLimited(retryAfterMs: 120_000));
        var model = DraftingKit.With(_fake, new DraftingOptions { MaxRetryWait = TimeSpan.FromSeconds(5) }).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Equal(TimeSpan.FromMinutes(2), result.RetryAfter);
        Assert.Contains("rate limiting", result.FailureReason, StringComparison.Ordinal);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task A_400_content_filter_is_not_drafted_with_the_reason_and_not_retried()
    {
        _fake.Reply(FakeAzureOpenAi.ContentFiltered());
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Null(result.Json);
        Assert.Contains("content filter", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("jailbreak", result.FailureReason, StringComparison.Ordinal);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task A_filtered_answer_is_not_drafted()
    {
        _fake.Reply(FakeAzureOpenAi.Completion("""{"items":[""", finishReason: "content_filter"));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.Json);
        Assert.Contains("content filter", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_not_drafted_with_the_models_words()
    {
        _fake.Reply(FakeAzureOpenAi.Completion("", refusal: "I can't help with that request."));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("refused (I can't help with that request.)", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_not_drafted_and_may_be_retried()
    {
        _fake.Reply(FakeAzureOpenAi.Completion("""{"items":[{"pr":12},"""));
        var model = DraftingKit.With(_fake).Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Null(result.Json);
        Assert.Contains("not valid JSON", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_sent()
    {
        var model = DraftingKit.Offline().Model;

        var result = await model.CompleteJsonAsync(Request(), CancellationToken.None);

        Assert.False(model.IsConfigured);
        Assert.False(result.Succeeded);
        Assert.Empty(_fake.Requests);
    }

    public void Dispose() => _fake.Dispose();

    private static string ContentOf(JsonNode message) => message["content"] switch
    {
        JsonValue value => (string)value!,
        JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"])),
        _ => "",
    };
}
