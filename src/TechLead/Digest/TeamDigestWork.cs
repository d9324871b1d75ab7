using Microsoft.Extensions.Logging;
using TechLead.Queues;
using TechLead.Team;

namespace TechLead.Digest;

/// <summary>
/// One message of <see cref="QueueNames.Digest"/>: that team's digest for its last complete week. No lease: the
/// digest ledger's claim already makes two workers (or a redelivered message) send it once.
/// </summary>
internal sealed partial class TeamDigestWork(WeeklyDigestJob digests, TeamDirectory teams, ILogger<TeamDigestWork> logger) : IQueueHandler
{
    public string Queue => QueueNames.Digest;

    public bool Exclusive => false;

    public string Subject(string message) =>
        string.IsNullOrWhiteSpace(message) ? throw new FormatException("The message names no team.") : message.Trim();

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var team = teams.Find(Subject(message));
        if (team is null)
        {
            // Queued before the team was removed from settings: nobody is left to send it to.
            LogNotConfigured(teams.NotConfigured(Subject(message)));
            return;
        }

        await digests.SendAsync(team, team.Calendar.LastCompleteWeek, force: false, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A queued digest is dropped: {Reason}")]
    private partial void LogNotConfigured(string reason);
}
