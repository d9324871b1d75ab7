using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TechLead.Team;

namespace TechLead.Signals.Snapshots;

/// <summary>
/// The open week's report per team, kept for <c>Signals:LiveCacheSeconds</c> so a dashboard's burst of requests
/// computes it once; any stored activity drops it at once in this process (other processes within those seconds).
/// </summary>
internal sealed class LiveReports(IOptions<SignalsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Team, IsoWeek Week), Entry> _entries = new();
    private long _generation;

    /// <summary>Rows were stored: nothing cached before now is served again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<SignalReport> GetAsync(string team, IsoWeek week, Func<Task<SignalReport>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var ttl = TimeSpan.FromSeconds(options.Value.LiveCacheSeconds);
        // Read before computing: rows stored during the computation leave the entry already out of date.
        var generation = Interlocked.Read(ref _generation);
        var key = (team, week);
        if (ttl > TimeSpan.Zero && _entries.TryGetValue(key, out var cached) && cached.Generation == generation && time.GetUtcNow() < cached.Expires)
        {
            return cached.Report;
        }

        var report = await compute();
        if (ttl > TimeSpan.Zero)
        {
            _entries[key] = new Entry(report, generation, time.GetUtcNow() + ttl);
        }

        return report;
    }

    private sealed record Entry(SignalReport Report, long Generation, DateTimeOffset Expires);
}
