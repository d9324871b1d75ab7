using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TechLead.Team;

namespace TechLead.Tests.Team;

public sealed class TeamCalendarTests
{
    [Theory]
    [InlineData("2026-W47", 2026, 47)]
    [InlineData(" 2026-w01 ", 2026, 1)]
    [InlineData("2026-W53", 2026, 53)]
    public void Iso_weeks_parse(string text, int year, int week)
    {
        Assert.True(IsoWeek.TryParse(text, out var parsed));
        Assert.Equal(new IsoWeek(year, week), parsed);
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-47")]
    [InlineData("W47")]
    [InlineData("2026-W00")]
    [InlineData("")]
    public void Malformed_weeks_are_refused(string text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Fact]
    public void A_week_starts_at_local_midnight_on_monday()
    {
        var calendar = Calendar("Europe/Amsterdam", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

        var (start, end) = calendar.Bounds(IsoWeek.Parse("2026-W47"));

        Assert.Equal(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(IsoWeek.Parse("2026-W48"), calendar.CurrentWeek);
        Assert.Equal(IsoWeek.Parse("2026-W47"), calendar.LastCompleteWeek);
    }

    [Fact]
    public void The_week_of_a_dst_change_is_an_hour_longer()
    {
        // Europe/Amsterdam leaves summer time on Sunday 25 October 2026, in ISO week 43.
        var calendar = Calendar("Europe/Amsterdam", new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

        var (start, end) = calendar.Bounds(IsoWeek.Parse("2026-W43"));

        Assert.Equal(TimeSpan.FromHours(169), end - start);
    }

    [Fact]
    public void Sunday_evening_utc_can_already_be_next_week_for_the_team()
    {
        var calendar = Calendar("Pacific/Auckland", new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(IsoWeek.Parse("2026-W48"), calendar.CurrentWeek);
    }

    private static TeamCalendar Calendar(string zone, DateTimeOffset now) =>
        new(new TeamSettings { Name = "t", TimeZone = zone }, new FakeTimeProvider(now));
}
