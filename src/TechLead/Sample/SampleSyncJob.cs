using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechLead.Activity;
using TechLead.Hosting;
using TechLead.Storage;
using TechLead.Team;

namespace TechLead.Sample;

/// <summary>
/// Stores the sample workspace through the same ingestion path as real sources. The data ends with the last
/// complete week, so every run within a week writes the same rows (and a rerun adds none).
/// </summary>
public sealed partial class SampleSyncJob : IJob
{
    private readonly SampleWorkspaceGenerator generator;
    private readonly ActivityIngestor ingestor;
    private readonly SyncCursorStore cursors;
    private readonly TeamCalendar calendar;
    private readonly IOptions<SampleWorkspaceOptions> options;
    private readonly ILogger<SampleSyncJob> logger;

    /// <summary>Internal, so its dependencies stay internal: the library's composition builds it (the container calls public constructors only).</summary>
    internal SampleSyncJob(
        SampleWorkspaceGenerator generator,
        ActivityIngestor ingestor,
        SyncCursorStore cursors,
        TeamCalendar calendar,
        IOptions<SampleWorkspaceOptions> options,
        ILogger<SampleSyncJob> logger)
    {
        this.generator = generator;
        this.ingestor = ingestor;
        this.cursors = cursors;
        this.calendar = calendar;
        this.options = options;
        this.logger = logger;
    }

    public string Name => "SyncSample";

    public Task RunAsync(CancellationToken cancellationToken) => SyncAsync(cancellationToken);

    public async Task<StoredCounts> SyncAsync(CancellationToken cancellationToken)
    {
        var end = calendar.Bounds(calendar.CurrentWeek).Start;
        var batch = generator.Generate(options.Value.Seed, options.Value.Weeks, end);
        var counts = await ingestor.StoreAsync(batch, cancellationToken);
        await cursors.SetAsync(Origins.Sample, "workspace", "generated", new SyncCursor(calendar.LastCompleteWeek.ToString(), null, calendar.Now), cancellationToken);
        LogStored(counts.Total, options.Value.Seed, calendar.LastCompleteWeek);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Rows} sample rows (seed {Seed}, through {Week}).")]
    private partial void LogStored(int rows, int seed, IsoWeek week);
}
