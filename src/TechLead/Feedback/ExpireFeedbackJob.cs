using Microsoft.Extensions.Logging;
using TechLead.Hosting;

namespace TechLead.Feedback;

/// <summary>Deletes kept SBI feedback older than Feedback:KeepDays: feedback about a person is not kept for ever.</summary>
public sealed partial class ExpireFeedbackJob(FeedbackDraftStore store, ILogger<ExpireFeedbackJob> logger) : IJob
{
    public string Name => "ExpireFeedback";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteExpiredAsync(cancellationToken);
        LogExpired(deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept SBI feedback past its keep time deleted: {Count} drafts.")]
    private partial void LogExpired(int count);
}
