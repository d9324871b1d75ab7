namespace TechLead.Tests.Queues;

/// <summary>
/// Holds the first request a sync of one repository sends to the fake GitHub until the test releases it: that sync is
/// mid-way (holding its lease) for exactly as long as the test needs, however loaded the machine, and the test acts
/// in between instead of hoping to land inside a window of real time.
/// </summary>
internal sealed class HeldSync(string repository)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    /// <summary>The held request arrived: its sync has started and waits.</summary>
    public Task Started => _started.Task;

    /// <summary>The held request was let go and answered.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Called by the fake for each request: holds the first one for the repository; true if this was it.</summary>
    public bool Hold(string requested)
    {
        if (!string.Equals(requested, repository, StringComparison.OrdinalIgnoreCase) || Interlocked.Exchange(ref _taken, 1) == 1)
        {
            return false;
        }

        _started.TrySetResult();
        // The safety net only: a test that never releases must not hold the fake's thread forever.
        _release.Task.Wait(TechLead.Tests.Infrastructure.Eventually.SafetyNet);
        return true;
    }

    public void Release() => _release.TrySetResult();

    public void SetEnded() => _ended.TrySetResult();
}
