using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace TechLead.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers armed on it by due time. Moving the clock fires what was
/// due, but the code woken runs on (a renewal against storage) before it waits again; a test counts the timers to know
/// it is waiting again before it moves the clock further, so no step is skipped however slowly the machine runs.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<TimeSpan, int> _armed = new();

    /// <summary>Timers armed so far that were due <paramref name="dueTime"/> after they were armed.</summary>
    public int Armed(TimeSpan dueTime) => _armed.GetValueOrDefault(dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.AddOrUpdate(dueTime, 1, (_, n) => n + 1);
        return timer;
    }
}
