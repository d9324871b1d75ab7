using Microsoft.Extensions.Logging;
using TechLead.Activity;
using TechLead.Team;

namespace TechLead.Signals.Snapshots;

/// <summary>
/// A team's closed weeks as <see cref="SignalReports"/> serves them: each week's report from its stored snapshot,
/// computed once and again only when it is missing, marked stale by stored activity, or computed under other settings or
/// another build. Every report is the one <see cref="SignalEngine"/> computes for that week.
/// </summary>
internal sealed partial class SignalSnapshots(
    SignalEngine engine,
    SignalSnapshotStore store,
    RepositoryCatalog catalog,
    TimeProvider time,
    ILogger<SignalSnapshots> logger)
{
    // Any change to the signal code is a new build: a snapshot from another build is recomputed, never trusted.
    private static readonly string CodeVersion = typeof(SignalCalculator).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>What a team's snapshots are computed from besides rows: code, settings, calendar and repositories.</summary>
    public async Task<string> FingerprintAsync(TeamScope team, CancellationToken cancellationToken)
    {
        var known = await catalog.ListAsync(cancellationToken);
        var repositories = known.Where(r => team.Includes(r.Repository))
            .Select(r => $"{r.Repository}:{r.Origin}")
            .Order(StringComparer.Ordinal);
        var text = string.Join("\n",
        [
            CodeVersion,
            team.Name,
            team.Calendar.TimeZone.Id,
            engine.SettingsFor(team).Fingerprint(),
            string.Join(",", team.Repositories.Select(r => r.ToString()).Order(StringComparer.Ordinal)),
            string.Join(",", repositories),
        ]);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The reports of <paramref name="closed"/> (consecutive closed weeks, oldest first), by week.</summary>
    public async Task<IReadOnlyDictionary<IsoWeek, SignalReport>> ClosedAsync(TeamScope team, IReadOnlyList<IsoWeek> closed, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<IsoWeek, SignalReport>();
        // Marks and fingerprint are read before any row is loaded: rows stored after this leave a new mark behind.
        var fingerprint = await FingerprintAsync(team, cancellationToken);
        var stored = await store.ReadAsync(team.Name, closed[0], closed[^1], cancellationToken);
        var missing = new List<IsoWeek>();
        foreach (var week in closed)
        {
            if (stored.TryGetValue(week, out var row) && row.IsFreshFor(fingerprint) && row.Report() is { } report)
            {
                reports[week] = report;
            }
            else
            {
                missing.Add(week);
            }
        }

        if (missing.Count == 0)
        {
            return reports;
        }

        // One load for the whole stretch from the first to the last missing week, as a live trend does.
        var count = Weeks(missing[0], missing[^1]);
        var (computed, statistics) = await engine.ComputeWeeksAsync(team, missing[^1], count, cancellationToken);
        var now = time.GetUtcNow();
        var writes = new List<Task<bool>>();
        for (var i = 0; i < count; i++)
        {
            var week = missing[0].AddWeeks(i);
            if (!missing.Contains(week))
            {
                continue;
            }

            reports[week] = computed[i];
            writes.Add(store.TryWriteAsync(team.Name, week, stored.GetValueOrDefault(week), fingerprint, computed[i], statistics, now, cancellationToken));
        }

        var written = (await Task.WhenAll(writes)).Count(w => w);
        LogComputed(team.Name, missing.Count, written, missing[0], missing[^1]);
        return reports;
    }

    private static int Weeks(IsoWeek first, IsoWeek last)
    {
        var count = 1;
        for (var week = first; week < last; week = week.AddWeeks(1))
        {
            count++;
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signal snapshots for {Team}: {Missing} weeks missing or stale ({First} to {Last}) computed, {Written} stored.")]
    private partial void LogComputed(string team, int missing, int written, IsoWeek first, IsoWeek last);
}
