using Microsoft.Extensions.Logging;

namespace TechLead.Jira;

internal static partial class JiraSyncLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Jira sync is not configured (Jira:BaseUrl and Jira:Projects); nothing to do")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Jira project {Project}: read {Issues} issues, stored {Stored} work items, completed {Changelogs} cut histories")]
    public static partial void ProjectSynced(ILogger logger, string project, int issues, int stored, int changelogs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Jira project {Project}: {Problem}")]
    public static partial void ProjectProblem(ILogger logger, string project, string problem);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Jira sync finished: {Succeeded} of {Total} projects synced; {Requests}")]
    public static partial void RunFinished(ILogger logger, int succeeded, int total, string requests);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Setting '{Legacy}' is deprecated and will be removed in the next release; use '{Setting}' instead (environment variable Jira__Projects__0)")]
    public static partial void LegacyProjects(ILogger logger, string legacy, string setting);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Jira sync: {Count} projects enqueued on {Queue}")]
    public static partial void Enqueued(ILogger logger, int count, string queue);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Jira project {Project} is no longer in Jira:Projects; its queued sync is dropped")]
    public static partial void NotConfiguredProject(ILogger logger, string project);
}
