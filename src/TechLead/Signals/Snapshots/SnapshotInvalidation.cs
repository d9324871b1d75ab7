using TechLead.Activity;
using TechLead.Team;

namespace TechLead.Signals.Snapshots;

/// <summary>
/// Marks stale every stored week whose report a stored row can change, for every team the row's repository or Jira
/// project belongs to. A report for week W reads rows from four weeks before W (the trend baseline) less
/// Signals:MaxShippingDelayDays, up to the end of W plus Signals:FailureWindowHours and MaxShippingDelayDays; a row
/// spans from its first date to its last (an open item, or a deployment that tells later weeks that tracking had begun,
/// reaches to now). Every week those two ranges can meet is marked, with a week's margin either side for time zones.
/// </summary>
internal sealed class SnapshotInvalidation(
    SignalSnapshotStore store,
    TeamDirectory teams,
    SignalSettings settings,
    LiveReports live,
    TimeProvider time) : IStoredActivityObserver
{
    public async Task StoredAsync(ActivityBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        live.Invalidate();
        // The clock is read after the rows were stored: a week that closed before then is marked.
        var now = time.GetUtcNow();
        var spans = Spans(batch, now).ToList();
        var before = settings.FailureWindow + settings.MaxShippingDelay + TimeSpan.FromDays(7);
        var after = TimeSpan.FromDays(7 * (SignalWeeks.TrendWeeks + 1)) + settings.MaxShippingDelay;
        foreach (var team in teams.All)
        {
            var projects = settings.ForTeam(team).JiraProjects;
            var last = team.Calendar.CurrentWeek;
            var weeks = new HashSet<IsoWeek>();
            foreach (var span in spans)
            {
                var belongs = span.Repository is { } repository
                    ? team.Includes(repository)
                    : projects.Contains(span.Project!, StringComparer.OrdinalIgnoreCase);
                if (!belongs)
                {
                    continue;
                }

                var to = team.Calendar.WeekOf(span.To + after);
                for (var week = team.Calendar.WeekOf(span.From - before); week <= to && week <= last; week = week.AddWeeks(1))
                {
                    weeks.Add(week);
                }
            }

            await store.MarkAsync(team.Name, weeks, now, cancellationToken);
        }
    }

    private IEnumerable<RowSpan> Spans(ActivityBatch batch, DateTimeOffset now)
    {
        foreach (var pr in batch.PullRequests)
        {
            // Under the merges source a merge is a deployment: like one, it tells every later week that tracking had begun.
            var open = (pr.MergedAt is null && pr.ClosedAt is null)
                || (pr.MergedAt is not null && settings.DeploymentSource(pr.Repository) == DeploymentSources.Merges);
            yield return Span(pr.Repository, null, now, open, pr.CreatedAt, pr.FirstCommitAt, pr.ReadyForReviewAt, pr.FirstReviewAt, pr.MergedAt, pr.ClosedAt, pr.UpdatedAt);
        }

        foreach (var deployment in batch.Deployments)
        {
            yield return Span(deployment.Repository, null, now, true, deployment.DeployedAt);
        }

        foreach (var release in batch.Releases)
        {
            yield return Span(release.Repository, null, now, true, release.CreatedAt, release.PublishedAt);
        }

        foreach (var issue in batch.Issues)
        {
            yield return Span(issue.Repository, null, now, issue.ClosedAt is null, issue.CreatedAt, issue.ClosedAt, issue.UpdatedAt);
        }

        foreach (var run in batch.WorkflowRuns)
        {
            yield return Span(run.Repository, null, now, run.CompletedAt is null, run.StartedAt, run.CompletedAt);
        }

        foreach (var item in batch.WorkItems)
        {
            DateTimeOffset?[] dates = [item.CreatedAt, item.InProgressAt, item.ResolvedAt, item.UpdatedAt, .. (item.CategoryChanges ?? []).Select(c => (DateTimeOffset?)c.At)];
            yield return Span(null, item.Project, now, item.ResolvedAt is null || item.StatusCategory != WorkItemStatus.Done, dates);
        }

        // ADR files feed no signal.
    }

    private static RowSpan Span(RepositoryName? repository, string? project, DateTimeOffset now, bool reachesNow, params DateTimeOffset?[] dates)
    {
        var known = dates.OfType<DateTimeOffset>().ToList();
        var from = known.Min();
        var to = reachesNow ? now : known.Max();
        return new RowSpan(repository, project, from, to > from ? to : from);
    }

    private sealed record RowSpan(RepositoryName? Repository, string? Project, DateTimeOffset From, DateTimeOffset To);
}
