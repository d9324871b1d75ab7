using System.Text.Json;
using TechLead.Agreements;
using TechLead.Dashboard;

namespace TechLead.Tests.Agreements;

/// <summary>The dashboard's JSON and the chat ledger hold these strings: renaming a member must not change them.</summary>
public sealed class AgreementStateTests
{
    [Theory]
    [InlineData(AgreementState.Kept, "kept")]
    [InlineData(AgreementState.Broken, "broken")]
    [InlineData(AgreementState.NoData, "no_data")]
    public void Each_state_round_trips_through_its_stored_string(AgreementState state, string stored)
    {
        Assert.Equal(stored, state.ToStoredString());
        Assert.Equal(state, AgreementStates.Parse(stored));
    }

    [Fact]
    public void Every_state_is_pinned() => Assert.Equal(3, Enum.GetValues<AgreementState>().Length);

    [Fact]
    public void An_unknown_state_is_none() => Assert.Null(AgreementStates.Parse("NoData"));

    [Theory]
    [InlineData("api")]
    [InlineData("default")]
    [InlineData("snake_case")]
    public void Json_writes_and_reads_the_stored_strings(string serializer)
    {
        var options = serializer switch
        {
            "api" => ApiJson.Options,
            "default" => JsonSerializerOptions.Default,
            _ => new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower },
        };
        AgreementState[] states = [AgreementState.Kept, AgreementState.Broken, AgreementState.NoData];
        var json = JsonSerializer.Serialize(states, options);
        Assert.Equal("""["kept","broken","no_data"]""", json);
        Assert.Equal(states, JsonSerializer.Deserialize<AgreementState[]>(json, options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AgreementState>("\"NoData\"", options));
    }
}
