namespace TechLead.Tests.Infrastructure;

/// <summary>
/// Waits for something another thread or process brings about (a row stored, a message handled). The condition is the
/// signal; the deadline is only a safety net against a hang, far beyond what a loaded machine takes, so it never
/// decides a test that works.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a test waits for anything before it calls it a hang.</summary>
    public static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the safety net.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > SafetyNet)
            {
                throw new Xunit.Sdk.XunitException($"Still not so after {SafetyNet}: {what}.");
            }

            await Task.Delay(Pause);
        }
    }

    /// <summary>Waits for <paramref name="task"/>; fails naming <paramref name="what"/> if it has not ended after the safety net.</summary>
    public static async Task AwaitAsync(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task.WaitAsync(SafetyNet);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Still not so after {SafetyNet}: {what}.");
        }
    }
}
