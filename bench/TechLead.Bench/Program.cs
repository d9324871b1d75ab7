using TechLead.Bench;
using TechLead.Bench.Digest;
using TechLead.Bench.Signals;

if (args is ["startup-child", ..])
{
    return await StartupBenchmark.ChildAsync(args);
}

// Each capability adds its benchmark here: scripts/bench NAME runs it.
IBenchmark[] benchmarks =
[
    new WebhookBenchmark(),
    new FeedbackBenchmark(),
    new DraftingTokensBenchmark(),
    new SignalsBenchmark(),
    new SignalSnapshotsBenchmark(),
    new GitHubBenchmark(),
    new DashboardBenchmark(),
    new OverviewBenchmark(),
    new OverviewBrowserBenchmark(),
    new JiraBenchmark(),
    new DigestBenchmark(),
    new DigestTeamsBenchmark(),
    new QueuesBenchmark(),
    new StartupBenchmark(),
];

var name = args.FirstOrDefault();
var benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
if (benchmark is null)
{
    Console.Error.WriteLine("usage: scripts/bench NAME [arguments]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }

    return 2;
}

Console.WriteLine($"<!-- {benchmark.Name}: {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version} -->");
await benchmark.RunAsync(args.Skip(1).ToArray(), Console.Out, CancellationToken.None);
return 0;
