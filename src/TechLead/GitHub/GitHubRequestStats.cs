using System.Globalization;
using System.Net;

namespace TechLead.GitHub;

/// <summary>What one run asked GitHub: requests sent, how many were answered 304 (free), waits for rate limits.</summary>
public sealed record GitHubRequestCounts(int Rest, int NotModified, int GraphQl, int RateLimitWaits, TimeSpan Waited)
{
    public int Total => Rest + GraphQl;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total} GitHub requests ({Rest} REST of which {NotModified} answered 304 Not Modified, {GraphQl} GraphQL)")
        + (RateLimitWaits > 0 ? string.Create(CultureInfo.InvariantCulture, $", waited {RateLimitWaits}x for rate limits ({Waited.TotalSeconds:0}s)") : "");
}

internal sealed class GitHubRequestStats
{
    private int _rest;
    private int _notModified;
    private int _graphQl;
    private int _waits;
    private long _waitedTicks;

    public void Record(bool graphQl, HttpStatusCode status)
    {
        Interlocked.Increment(ref graphQl ? ref _graphQl : ref _rest);
        if (status == HttpStatusCode.NotModified)
        {
            Interlocked.Increment(ref _notModified);
        }
    }

    public void RecordWait(TimeSpan wait)
    {
        Interlocked.Increment(ref _waits);
        Interlocked.Add(ref _waitedTicks, wait.Ticks);
    }

    public GitHubRequestCounts Snapshot() =>
        new(Volatile.Read(ref _rest), Volatile.Read(ref _notModified), Volatile.Read(ref _graphQl), Volatile.Read(ref _waits), TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks)));
}
