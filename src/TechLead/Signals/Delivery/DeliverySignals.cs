using System.Globalization;
using TechLead.Activity;
using TechLead.Storage;
using TechLead.Sync;
using TechLead.Team;

namespace TechLead.Signals.Delivery;

/// <summary>Computes the week's delivery signals for every known repository, with a 4-week trend baseline.</summary>
public sealed class DeliverySignals(ActivityStore store, ActivityIngestor ingestor, TeamCalendar calendar)
{
    private const int TrendWeeks = 4;
    private const string DoraSource = "DORA 2024 guide (dora.dev)";

    public async Task<SignalReport> ComputeAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        var repositories = await ingestor.RepositoriesAsync(cancellationToken);
        var (start, end) = calendar.Bounds(week);
        var windowStart = calendar.Bounds(week.AddWeeks(-TrendWeeks)).Start;
        var data = await LoadAsync(repositories.Select(r => r.Repository), windowStart, end, cancellationToken);

        var weeks = Enumerable.Range(1, TrendWeeks).Select(i => calendar.Bounds(week.AddWeeks(-i))).ToList();
        return new SignalReport
        {
            Team = calendar.TeamName,
            Week = week.ToString(),
            Start = start,
            End = end,
            TimeZone = calendar.TimeZone.Id,
            Repositories = repositories.Select(r => r.Repository.ToString()).Order(StringComparer.Ordinal).ToArray(),
            IsSampleData = repositories.Any(r => r.IsSample),
            Signals = [DeploymentFrequency(data, start, end, weeks), LeadTime(data, start, end, weeks)],
        };
    }

    private SignalValue DeploymentFrequency(DeliveryData data, DateTimeOffset start, DateTimeOffset end, List<(DateTimeOffset Start, DateTimeOffset End)> weeks)
    {
        var deployments = DeliveryCalculations.SuccessfulDeployments(data, start, end);
        var days = DeliveryCalculations.DeploymentDays(deployments, calendar.LocalDate);
        var previous = weeks.Select(w => (double)DeliveryCalculations.SuccessfulDeployments(data, w.Start, w.End).Count);
        return new SignalValue
        {
            Id = "deployment_frequency",
            Name = "Deployment frequency",
            Category = "delivery",
            Value = deployments.Count,
            Unit = "deployments/week",
            Display = string.Create(CultureInfo.InvariantCulture, $"{deployments.Count} deployments on {days} {(days == 1 ? "day" : "days")}"),
            Previous4WeekMedian = Statistics.Median(previous),
            SampleSize = deployments.Count,
            Definition = "Successful deployments to production in the week, and the number of days with at least one.",
            Source = DoraSource,
        };
    }

    private static SignalValue LeadTime(DeliveryData data, DateTimeOffset start, DateTimeOffset end, List<(DateTimeOffset Start, DateTimeOffset End)> weeks)
    {
        var hours = DeliveryCalculations.LeadTimesHours(data, start, end);
        var median = Statistics.Median(hours);
        var previous = weeks.Select(w => Statistics.Median(DeliveryCalculations.LeadTimesHours(data, w.Start, w.End))).OfType<double>();
        return new SignalValue
        {
            Id = "change_lead_time",
            Name = "Change lead time (median)",
            Category = "delivery",
            Value = median,
            Unit = "hours",
            Display = median is null ? $"not enough data ({hours.Count} changes)" : $"{SignalFormat.Hours(median.Value)} over {hours.Count} changes",
            Previous4WeekMedian = Statistics.Median(previous),
            SampleSize = hours.Count,
            Definition = "Time from a change's first commit to the first successful production deployment that contains it.",
            Source = DoraSource,
            Note = "Changes merged more than 30 days before their first deployment are left out: they predate tracking.",
        };
    }

    private async Task<DeliveryData> LoadAsync(IEnumerable<RepositoryName> repositories, DateTimeOffset windowStart, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var pullRequests = new List<PullRequestRecord>();
        var deployments = new List<DeploymentRecord>();
        var mergedSince = windowStart - DeliveryCalculations.MaxShippingDelay;
        foreach (var repository in repositories)
        {
            var partition = Tables.RepositoryKey(repository);
            pullRequests.AddRange(await store.QueryAsync(PullRequestMap.Instance, partition, Tables.Between("MergedAt", mergedSince, end), cancellationToken));
            deployments.AddRange(await store.QueryAsync(DeploymentMap.Instance, partition, Tables.Between("DeployedAt", windowStart, end), cancellationToken));
        }

        return new DeliveryData(pullRequests, deployments);
    }
}
