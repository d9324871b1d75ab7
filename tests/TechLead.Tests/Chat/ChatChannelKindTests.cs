using TechLead.Chat;

namespace TechLead.Tests.Chat;

/// <summary>The chat ledger's message keys, dry runs and logs name platforms so: renaming a member must not change them.</summary>
public sealed class ChatChannelKindTests
{
    [Theory]
    [InlineData(ChatChannelKind.Teams, "teams")]
    [InlineData(ChatChannelKind.Slack, "slack")]
    public void Each_kind_round_trips_through_its_name(ChatChannelKind kind, string stored)
    {
        Assert.Equal(stored, kind.ToStoredString());
        Assert.Equal(kind, ChatChannelKinds.Parse(stored));
    }

    [Fact]
    public void Every_kind_is_pinned()
    {
        Assert.Equal(Enum.GetValues<ChatChannelKind>(), ChatChannelKinds.All);
        Assert.Null(ChatChannelKinds.Parse("Teams"));
    }
}
