namespace TechLead.Bench;

/// <summary>One measurement: prints a Markdown section for docs/benchmarks.md, with its baseline measured in the same run.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
