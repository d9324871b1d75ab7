using TechLead.Overview;
using TechLead.Signals;
using static TechLead.Tests.Digest.DigestChartTests;

namespace TechLead.Tests.Digest;

/// <summary>The "what moved" rule on hand-worked weeks (docs/signals.md, "What moved").</summary>
public sealed class SignalMovesTests
{
    [Fact]
    public void Lead_time_above_the_previous_eight_weeks_maximum_moved_up_and_that_is_worse()
    {
        // Previous 8 weeks: 20..34 h; this week 48 h > 34 h + 10%.
        var move = SignalMoves.Evaluate(Series("change_lead_time", SignalUnits.Hours, 99, 20, 24, 30, 22, 34, 28, 25, 21, 48));

        Assert.NotNull(move);
        Assert.Equal(MoveDirection.Up, move.Direction);
        Assert.Equal((20, 34, 8), (move.UsualLow, move.UsualHigh, move.WeeksCompared));
        Assert.False(move.Better);
    }

    [Fact]
    public void Deployments_below_the_previous_minimum_moved_down_and_that_is_worse()
    {
        var move = SignalMoves.Evaluate(Series("deployment_frequency", SignalUnits.DeploymentsPerWeek, 5, 6, 7, 5, 8, 6, 2));

        Assert.NotNull(move);
        Assert.Equal(MoveDirection.Down, move.Direction);
        Assert.Equal((5, 8, 6), (move.UsualLow, move.UsualHigh, move.WeeksCompared));
        Assert.False(move.Better);
    }

    [Fact]
    public void Fewer_than_five_earlier_weeks_with_data_flag_nothing_however_large_the_change()
    {
        Assert.Null(SignalMoves.Evaluate(Series("change_lead_time", SignalUnits.Hours, 10, null, 12, null, 11, 11, null, null, 500)));
    }

    [Fact]
    public void A_week_without_enough_data_is_never_flagged()
    {
        Assert.Null(SignalMoves.Evaluate(Series("change_lead_time", SignalUnits.Hours, 10, 12, 11, 13, 12, 10, 11, 12, null)));
    }

    [Theory]
    [InlineData(13.0)] // the previous maximum: inside the range
    [InlineData(14.0)] // above the maximum, but within 10% of it
    [InlineData(10.0)] // the previous minimum
    public void A_week_inside_its_usual_range_or_within_the_margin_is_steady(double thisWeek)
    {
        Assert.Null(SignalMoves.Evaluate(Series("change_lead_time", SignalUnits.Hours, 10, 12, 11, 13, 12, 10, 11, 12, thisWeek)));
    }

    [Fact]
    public void Only_the_eight_weeks_before_count_as_usual()
    {
        // 100 h ten weeks ago is outside the baseline, so 40 h still moved up from 10..13 h.
        var move = SignalMoves.Evaluate(Series("change_lead_time", SignalUnits.Hours, 100, 10, 12, 11, 13, 12, 10, 11, 12, 40));

        Assert.Equal(MoveDirection.Up, move?.Direction);
        Assert.Equal(13, move?.UsualHigh);
    }

    [Fact]
    public void A_signal_without_a_better_direction_moves_but_is_neither_better_nor_worse()
    {
        var move = SignalMoves.Evaluate(Series("open_prs", SignalUnits.Count, 3, 4, 3, 5, 4, 3, 12));

        Assert.Equal(MoveDirection.Up, move?.Direction);
        Assert.Null(move?.Better);
    }
}
