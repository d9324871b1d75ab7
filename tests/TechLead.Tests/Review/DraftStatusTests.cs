using TechLead.Review;

namespace TechLead.Tests.Review;

/// <summary>The review queue's rows, filters, JSON answers and CLI output hold these strings: renaming a member must not change them.</summary>
public sealed class DraftStatusTests
{
    [Theory]
    [InlineData(DraftStatus.Pending, "pending")]
    [InlineData(DraftStatus.PendingReview, "pending-review")]
    [InlineData(DraftStatus.Approved, "approved")]
    [InlineData(DraftStatus.Edited, "edited")]
    [InlineData(DraftStatus.Rejected, "rejected")]
    [InlineData(DraftStatus.Expired, "expired")]
    public void Each_status_round_trips_through_its_stored_string(DraftStatus status, string stored)
    {
        Assert.Equal(stored, status.ToStoredString());
        Assert.Equal(status, DraftStatuses.Parse(stored));
    }

    [Fact]
    public void Every_status_is_pinned_in_the_order_people_are_shown_them() =>
        Assert.Equal(["pending", "pending-review", "approved", "edited", "rejected", "expired"], DraftStatuses.All);

    [Fact]
    public void An_unknown_or_differently_cased_status_is_none()
    {
        Assert.Null(DraftStatuses.Parse("all"));
        Assert.Null(DraftStatuses.Parse("Pending"));
        Assert.Null(DraftStatuses.Parse(null));
    }
}
