using TechLead.Chat;

namespace TechLead.Tests.Chat;

/// <summary>The chat ledger holds these strings (and a run prints them): renaming a member must not change them.</summary>
public sealed class ChatStateTests
{
    [Theory]
    [InlineData(ChatState.Sending, "sending")]
    [InlineData(ChatState.Sent, "sent")]
    [InlineData(ChatState.Failed, "failed")]
    [InlineData(ChatState.Rejected, "rejected")]
    public void Each_state_round_trips_through_its_stored_string(ChatState state, string stored)
    {
        Assert.Equal(stored, state.ToStoredString());
        Assert.Equal(state, ChatStates.Parse(stored));
    }

    [Fact]
    public void Every_state_is_pinned() => Assert.Equal(4, Enum.GetValues<ChatState>().Length);

    [Fact]
    public void An_unknown_state_is_none() => Assert.Null(ChatStates.Parse("Sent"));
}
