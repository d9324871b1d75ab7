namespace TechLead.Activity;

/// <summary>The time one run may still use; the sync stops cleanly (stored, cursors moved) before it runs out.</summary>
internal sealed class SyncBudget
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _deadline;

    public SyncBudget(TimeProvider time, TimeSpan budget)
    {
        _time = time;
        _deadline = time.GetUtcNow() + budget;
        // Room to store the last page and move its cursor after the last request.
        Margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, budget.Ticks / 10));
    }

    public TimeSpan Margin { get; }

    public TimeSpan Remaining => _deadline - _time.GetUtcNow();

    public bool IsExhausted => Remaining <= Margin;

    public bool CanWait(TimeSpan wait) => Remaining - wait > Margin;
}
