namespace TechLead.Hosting;

/// <summary>
/// A unit of scheduled work. The Functions timer, <c>serve</c>'s scheduler and the CLI all call the same job.
/// </summary>
public interface IJob
{
    /// <summary>Stable name, used for schedules (<c>Schedules:{Name}</c>) and logs.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
