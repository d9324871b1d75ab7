using Microsoft.Extensions.Options;
using TechLead.Hosting;

namespace TechLead.Queues;

/// <summary>
/// How queued work is consumed. The Functions host reads the same figures from host.json (extensions.queues);
/// <c>serve</c> reads these, so the two behave alike: defaults equal host.json's.
/// </summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>Messages <c>serve</c> handles at once, across every queue (host.json: batchSize per queue).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Attempts before a message moves to <c>&lt;queue&gt;-poison</c> (host.json: maxDequeueCount).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its next attempt (host.json: visibilityTimeout).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a worker's lease on a repository, project or team lasts without renewal (renewed every third of it
    /// while the work runs), and how long <c>serve</c> keeps a message hidden between renewals: a worker that dies
    /// frees both within this time.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle <c>serve</c> worker looks for messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Prepended to every queue name, so test runs or local runners can share one Azurite. The Functions app's
    /// triggers listen to the unprefixed names: leave it empty there.
    /// </summary>
    public string Prefix { get; set; } = "";
}

internal sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var problems = new SettingProblems();
        if (options.Workers is < 1 or > 64)
        {
            problems.Add("Queues:Workers", "must be between 1 and 64", "Queues:Workers=4");
        }

        if (options.MaxDequeueCount is < 1 or > 100)
        {
            problems.Add("Queues:MaxDequeueCount", "must be between 1 and 100", "Queues:MaxDequeueCount=5");
        }

        // Azure Queue Storage accepts a visibility timeout of 0 to 7 days.
        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > TimeSpan.FromDays(7))
        {
            problems.Add("Queues:VisibilityTimeout", "must be between 00:00:00 and 7.00:00:00", "Queues:VisibilityTimeout=00:00:30");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            problems.Add("Queues:LeaseDuration", "must be between 00:00:01 and 01:00:00", "Queues:LeaseDuration=00:02:00");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add("Queues:PollInterval", "must be between 00:00:00.010 and 00:01:00", "Queues:PollInterval=00:00:01");
        }

        // Queue names are lowercase letters, digits and hyphens; the longest name here plus the prefix stays within 63.
        if (options.Prefix.Length > 20 || !options.Prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            || (options.Prefix.Length > 0 && !char.IsAsciiLetterLower(options.Prefix[0])))
        {
            problems.Add("Queues:Prefix", "must be up to 20 lowercase letters or digits, starting with a letter", "Queues:Prefix=payments");
        }

        return problems.ToResult();
    }
}
