using TechLead.Digest;

namespace TechLead.Tests.Digest;

/// <summary>The digests table holds these strings: renaming a member must not change what is stored.</summary>
public sealed class DigestStateTests
{
    [Theory]
    [InlineData(DigestState.Sending, "sending")]
    [InlineData(DigestState.Sent, "sent")]
    [InlineData(DigestState.Failed, "failed")]
    public void Each_state_round_trips_through_its_stored_string(DigestState state, string stored)
    {
        Assert.Equal(stored, state.ToStoredString());
        Assert.Equal(state, DigestStates.Parse(stored));
    }

    [Fact]
    public void Every_state_is_pinned() => Assert.Equal(3, Enum.GetValues<DigestState>().Length);

    [Fact]
    public void A_row_without_a_state_is_sent_and_an_unknown_one_is_none()
    {
        Assert.Equal(DigestState.Sent, DigestStates.Parse(null));
        Assert.Null(DigestStates.Parse("Sent"));
    }
}
