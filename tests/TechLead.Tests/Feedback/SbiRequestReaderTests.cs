using System.Text;
using System.Text.Json;
using TechLead.Feedback;

namespace TechLead.Tests.Feedback;

/// <summary>Reading the request body: defaults, and every problem listed at once by field.</summary>
public sealed class SbiRequestReaderTests
{
    private static SbiRequestResult Read(string json, int maxPartLength = 2000) =>
        SbiRequestReader.Read(Encoding.UTF8.GetBytes(json), maxPartLength, Sbi.Today);

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static readonly Dictionary<string, object?> Valid = new()
    {
        ["kind"] = "constructive",
        ["situation"] = Sbi.PlanningSituation,
        ["behavior"] = Sbi.PlanningBehavior,
        ["impact"] = Sbi.PlanningImpact,
    };

    private static string With(string field, object? value)
    {
        var body = new Dictionary<string, object?>(Valid) { [field] = value };
        return Json(body);
    }

    [Fact]
    public void A_minimal_request_gets_the_documented_defaults()
    {
        var read = Read(Json(Valid));

        Assert.True(read.IsValid);
        var input = read.Input!;
        Assert.Equal(FeedbackKind.Constructive, input.Kind);
        Assert.Equal(FeedbackAudience.Peer, input.Audience);
        Assert.Equal(FeedbackTone.Direct, input.Tone);
        Assert.Equal("en", input.Language);
        Assert.False(input.Keep);
        Assert.Null(input.ObservedOn);
        Assert.Equal(Sbi.PlanningBehavior, input.Behavior);
    }

    [Fact]
    public void Every_optional_field_is_read()
    {
        var read = Read(Json(new
        {
            kind = "Positive", situation = "s s", behavior = "b b b", impact = "i i i",
            observedOn = "2025-03-10", audience = "manager", tone = "warm", language = "en-GB", keep = true,
        }));

        var input = read.Input!;
        Assert.Equal(FeedbackKind.Positive, input.Kind);
        Assert.Equal(new DateOnly(2025, 3, 10), input.ObservedOn);
        Assert.Equal(FeedbackAudience.Manager, input.Audience);
        Assert.Equal(FeedbackTone.Warm, input.Tone);
        Assert.Equal("en-GB", input.Language);
        Assert.True(input.Keep);
    }

    [Fact]
    public void An_empty_object_lists_all_four_required_fields()
    {
        var read = Read("{}");

        Assert.False(read.IsValid);
        Assert.Equal(["behavior", "impact", "kind", "situation"], read.Problems.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("kind", "friendly", "Must be one of positive, constructive.")]
    [InlineData("kind", 1, "Must be one of positive, constructive.")]
    [InlineData("situation", 5, "Must be a string")]
    [InlineData("behavior", "   \u200B ", "Is empty")]
    [InlineData("impact", null, "Is required")]
    [InlineData("observedOn", "14/03/2025", "Must be a date as yyyy-MM-dd")]
    [InlineData("observedOn", "2025-04-01", "Is in the future")]
    [InlineData("audience", "boss", "Must be one of peer, report, manager.")]
    [InlineData("tone", "angry", "Must be one of direct, warm.")]
    [InlineData("language", "english please", "Must be a BCP 47 language tag")]
    [InlineData("keep", "yes", "Must be true or false.")]
    public void Each_invalid_field_is_named_with_its_rule(string field, object? value, string message)
    {
        var read = Read(With(field, value));

        Assert.False(read.IsValid);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(field, problem.Key);
        Assert.StartsWith(message, Assert.Single(problem.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_longer_than_the_limit_is_refused_without_echoing_it()
    {
        var read = Read(With("impact", new string('x', 2001)));

        Assert.Equal("Is 2001 characters long; the limit is 2000.", Assert.Single(read.Problems["impact"]));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var read = Read(Json(new
        {
            kind = "x", situation = 1, observedOn = "yesterday", audience = "boss", tone = "angry", language = "!!", keep = "yes", behaviour = "you interrupted Priya",
        }));

        Assert.Equal(
            ["audience", "behavior", "behaviour", "impact", "keep", "kind", "language", "observedOn", "situation", "tone"],
            read.Problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Did you mean 'behavior'?", read.Problems["behaviour"][0], StringComparison.Ordinal);
        Assert.DoesNotContain(read.Problems.Values.SelectMany(v => v), m => m.Contains("interrupted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_given_twice_is_a_problem()
    {
        var read = Read("{\"kind\":\"positive\",\"KIND\":\"constructive\",\"situation\":\"a b\",\"behavior\":\"a b c\",\"impact\":\"a b c\"}");

        Assert.Equal("Appears more than once.", Assert.Single(read.Problems["kind"]));
    }

    [Theory]
    [InlineData("", "The body is empty")]
    [InlineData("{\"kind\": ", "The body is not valid JSON")]
    [InlineData("[1,2]", "The body must be a JSON object")]
    [InlineData("\"text\"", "The body must be a JSON object")]
    public void A_body_that_is_not_a_json_object_is_one_problem(string body, string message)
    {
        var read = Read(body);

        Assert.StartsWith(message, Assert.Single(read.Problems["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_value_or_a_name_are_a_problem_not_an_exception()
    {
        var value = Encoding.UTF8.GetBytes(With("situation", "placeholder")).ToList();
        var at = Encoding.UTF8.GetString(value.ToArray()).IndexOf("placeholder", StringComparison.Ordinal);
        value[at] = 0xFF;
        var name = Encoding.UTF8.GetBytes("{\"k\":1}");
        name[2] = 0xFF;

        var badValue = SbiRequestReader.Read(value.ToArray(), 2000, Sbi.Today);
        var badName = SbiRequestReader.Read(name, 2000, Sbi.Today);

        Assert.Equal(["situation"], badValue.Problems.Keys);
        Assert.Equal(["$"], badName.Problems.Keys);
    }

    [Fact]
    public void A_byte_order_mark_is_fine()
    {
        var read = SbiRequestReader.Read(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Json(Valid))).ToArray(), 2000, Sbi.Today);

        Assert.True(read.IsValid);
    }

    [Fact]
    public void Deep_nesting_is_one_problem_not_an_exception()
    {
        var read = Read("{\"kind\":" + new string('[', 100) + new string(']', 100) + "}");

        Assert.StartsWith("The body is not valid JSON", Assert.Single(read.Problems["$"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("situation")]
    [InlineData("kind")]
    [InlineData("observedOn")]
    [InlineData("language")]
    public void A_lone_surrogate_escape_is_a_problem_not_an_exception(string field)
    {
        var read = Read(With(field, "placeholder").Replace("placeholder", "\\ud800 text", StringComparison.Ordinal));

        Assert.False(read.IsValid);
        Assert.Contains(field, read.Problems.Keys);
    }

    [Fact]
    public void Hidden_characters_are_removed_and_remembered()
    {
        var read = Read(With("behavior", "you interrupted\u200B Priya \u202Ethree times\u2066 while she presented"));

        Assert.Equal("you interrupted Priya three times while she presented", read.Input!.Behavior);
        Assert.Equal([SbiPart.Behavior], read.Input.HiddenCharactersRemoved);
        Assert.Contains(Sbi.Check(read.Input), f => f.Code == FindingCatalog.HiddenCharacters && f.Part == SbiPart.Behavior);
    }
}
