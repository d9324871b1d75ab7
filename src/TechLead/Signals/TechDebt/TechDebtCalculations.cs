using System.Globalization;
using System.Text.RegularExpressions;
using TechLead.Activity;
using TechLead.Signals.Ci;
using TechLead.Signals.Flow;
using TechLead.Signals.WorkItems;

namespace TechLead.Signals.TechDebt;

/// <summary>
/// A tech-debt item, from a GitHub issue or a Jira work item. A Jira item with its status history is read as it was
/// at the instant asked about (a debt item done and later reopened was resolved in the week it was done).
/// </summary>
internal sealed record DebtItem(string Label, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, bool HasOwner, bool Accepted, IReadOnlyList<string> Labels,
    WorkItemRecord? WorkItem = null)
{
    public bool OpenAt(DateTimeOffset instant) => WorkItem is { CategoryChanges: not null } item
        ? CreatedAt < instant && WorkItemHistory.CategoryAt(item, instant) != WorkItemStatus.Done
        : CreatedAt < instant && (ResolvedAt is null || ResolvedAt >= instant);

    public bool ResolvedIn(TimeWindow window) => WorkItem is { CategoryChanges: not null } item
        ? WorkItemHistory.DoneIn(item, window) is not null
        : window.Contains(ResolvedAt);
}

/// <summary>Tech-debt signals ("Leveling Up as a Tech Lead" by A. Fiser, ch. 8): the debt backlog and its trend, what the team invests, drift and hotspots.</summary>
internal static partial class TechDebtCalculations
{
    private const string C = SignalCategories.TechDebt;

    public static IEnumerable<SignalValue> Compute(SignalContext context)
    {
        var items = DebtItems(context);
        return
        [
            OpenItems(context, items),
            NetChange(context, items),
            WithoutOwner(context, items),
            Accepted(context, items),
            InvestmentShare(context),
            DependencyUpdates(context),
            CiCalculations.DeploymentsFailingCi(context),
            Hotspots(context),
            ValueOverEffort(context, items),
        ];
    }

    public static IReadOnlyList<DebtItem> DebtItems(SignalContext context)
    {
        var settings = context.Settings;
        var fromIssues = context.Activity.Issues
            .Where(i => settings.IsDebt(i.Labels))
            .Select(i => new DebtItem(
                string.Create(CultureInfo.InvariantCulture, $"{i.Repository}#{i.Number} {i.Title}"),
                i.CreatedAt,
                i.ClosedAt ?? (string.Equals(i.State, "closed", StringComparison.OrdinalIgnoreCase) ? i.UpdatedAt : null),
                i.HasOwner,
                settings.IsAccepted(i.Labels),
                i.Labels));
        var fromJira = context.Activity.WorkItems
            .Where(settings.IsDebt)
            .Select(w => new DebtItem(
                $"{w.Key} {w.Summary}",
                w.CreatedAt,
                w.ResolvedAt ?? (string.Equals(w.StatusCategory, "Done", StringComparison.OrdinalIgnoreCase) ? w.UpdatedAt : null),
                w.HasOwner,
                settings.IsAccepted(w.Labels),
                w.Labels,
                w));
        return [.. fromIssues, .. fromJira];
    }

    private static string NoItems(SignalContext context) =>
        $"No items carry a debt label ({string.Join(", ", context.Settings.DebtLabels)}) or Jira debt type; set Signals:DebtLabels to the labels the team uses.";

    private static SignalValue OpenItems(SignalContext context, IReadOnlyList<DebtItem> items)
    {
        var end = context.Current.End;
        var open = items.Where(i => !i.Accepted && i.OpenAt(end)).ToList();
        var meta = new SignalMeta("debt_open_items", "Open tech-debt items", C, SignalUnits.Count,
            "Tech-debt items (debt labels or Jira debt types) open at the end of the week, not counting accepted ones, with their age.",
            SignalSources.BookTechDebt, items.Count == 0 ? NoItems(context) : "Labels are read as they are now.");
        var signal = SignalShapes.Count(context, meta,
            w => items.Count == 0 ? null : items.Count(i => !i.Accepted && i.OpenAt(w.End)),
            n => SignalFormat.Count(n, "open item"));
        var ages = open.Select(i => SignalContext.AgeDays(i.CreatedAt, end)).ToList();
        return signal with
        {
            P90 = Statistics.Percentile(ages, 90),
            Breakdown = FlowCalculations.AgeBuckets(ages,
                [("under_30_days", "Under 30 days", 0, 30), ("30_to_90_days", "30 to 90 days", 30, 90), ("90_to_180_days", "90 to 180 days", 90, 180), ("over_180_days", "Over 180 days", 180, double.MaxValue)]),
            Items = Oldest(open, end, 5),
        };
    }

    private static SignalValue NetChange(SignalContext context, IReadOnlyList<DebtItem> items)
    {
        int? Net(TimeWindow w) => items.Count == 0 ? null : items.Count(i => w.Contains(i.CreatedAt)) - items.Count(i => i.ResolvedIn(w));

        var meta = new SignalMeta("debt_net_change", "Tech debt added minus resolved", C, SignalUnits.Count,
            "Tech-debt items added in the week minus items resolved in the week; above zero the backlog grows.",
            SignalSources.BookTechDebt, items.Count == 0 ? NoItems(context) : null);
        var added = items.Count(i => context.Current.Contains(i.CreatedAt));
        var resolved = items.Count(i => i.ResolvedIn(context.Current));
        var signal = SignalShapes.Count(context, meta, Net, n => string.Create(CultureInfo.InvariantCulture, $"{n:+0;-0;0} ({added} added, {resolved} resolved)"));
        if (signal.Value is null)
        {
            return signal;
        }

        var fourWeeks = new[] { context.Current }.Concat(context.Weeks.Previous.Take(3)).ToList();
        var lastFour = fourWeeks.Sum(w => Net(w) ?? 0);
        // The items added or resolved in those weeks: not every item read, which depends on how far back the load reached.
        var movedInFour = items.Count(i => fourWeeks.Any(w => w.Contains(i.CreatedAt) || i.ResolvedIn(w)));
        return signal with
        {
            Breakdown =
            [
                SignalShapes.CountPart("added", "Added", SignalUnits.Count, added, SignalFormat.Count(added, "item"), added),
                SignalShapes.CountPart("resolved", "Resolved", SignalUnits.Count, resolved, SignalFormat.Count(resolved, "item"), resolved),
                SignalShapes.CountPart("net_last_4_weeks", "Net over the last 4 weeks", SignalUnits.Count, lastFour,
                    string.Create(CultureInfo.InvariantCulture, $"{lastFour:+0;-0;0}"), movedInFour),
            ],
        };
    }

    private static SignalValue WithoutOwner(SignalContext context, IReadOnlyList<DebtItem> items)
    {
        var meta = new SignalMeta("debt_without_owner", "Tech-debt items without an owner", C, SignalUnits.Count,
            "Open, not accepted tech-debt items at the end of the week that nobody is assigned to.",
            SignalSources.BookTechDebt, items.Count == 0 ? NoItems(context) : null);
        var end = context.Current.End;
        var signal = SignalShapes.Count(context, meta,
            w => items.Count == 0 ? null : items.Count(i => !i.Accepted && !i.HasOwner && i.OpenAt(w.End)),
            n => SignalFormat.Count(n, "item"));
        return signal with { Items = Oldest(items.Where(i => !i.Accepted && !i.HasOwner && i.OpenAt(end)), end, 5) };
    }

    private static SignalValue Accepted(SignalContext context, IReadOnlyList<DebtItem> items)
    {
        var labels = string.Join(", ", context.Settings.AcceptedDebtLabels);
        var meta = new SignalMeta("debt_accepted", "Accepted tech debt (live with)", C, SignalUnits.Count,
            $"Open tech-debt items the team decided to live with (labels {labels}), kept apart from the backlog.",
            SignalSources.BookTechDebt, items.Count == 0 ? NoItems(context) : null);
        var end = context.Current.End;
        var signal = SignalShapes.Count(context, meta,
            w => items.Count == 0 ? null : items.Count(i => i.Accepted && i.OpenAt(w.End)),
            n => SignalFormat.Count(n, "accepted item"));
        return signal with { Items = Oldest(items.Where(i => i.Accepted && i.OpenAt(end)), end, 5) };
    }

    private static SignalValue InvestmentShare(SignalContext context)
    {
        var settings = context.Settings;
        (int Debt, int Total) PullRequests(TimeWindow w)
        {
            var merged = context.MergedIn(w).Where(p => !p.AuthorIsBot).ToList();
            return (merged.Count(p => settings.IsDebt(p.Labels)), merged.Count);
        }

        (int Debt, int Total) WorkItems(TimeWindow w)
        {
            var resolved = WorkItemCalculations.DoneIn(WorkItemHistory.FlowItems(context.Activity.WorkItems), w).Where(i => !settings.IsIncident(i)).ToList();
            return (resolved.Count(settings.IsDebt), resolved.Count);
        }

        var target = settings.DebtInvestmentTarget;
        var meta = new SignalMeta("debt_investment_share", "Tech-debt investment share", C, SignalUnits.Ratio,
            $"Share of people's PRs merged in the week that are tech-debt work (debt labels), against the team's target of {SignalFormat.Percent(target)} (Signals:DebtInvestmentTarget).",
            SignalSources.BookInvestment, "Counts PRs, not effort: one large refactoring weighs as much as a one-line fix.");
        var signal = SignalShapes.Share(context, meta, "merged PR", PullRequests);
        var jira = WorkItems(context.Current);
        var prs = PullRequests(context.Current);
        return signal with
        {
            Display = signal.Value is null ? signal.Display : $"{signal.Display}, target {SignalFormat.Percent(target)}",
            Target = target,
            Breakdown =
            [
                SignalShapes.CountPart("pull_requests", "Merged PRs", SignalUnits.Ratio, prs.Total == 0 ? null : (double)prs.Debt / prs.Total,
                    prs.Total == 0 ? SignalFormat.NotEnough(0) : SignalShapes.ShareDisplay(prs.Debt, prs.Total, "PR"), prs.Total),
                SignalShapes.CountPart("jira_items", "Resolved Jira items", SignalUnits.Ratio, jira.Total == 0 ? null : (double)jira.Debt / jira.Total,
                    jira.Total == 0 ? SignalFormat.NotEnough(0) : SignalShapes.ShareDisplay(jira.Debt, jira.Total, "item"), jira.Total),
            ],
        };
    }

    private static SignalValue DependencyUpdates(SignalContext context)
    {
        var hasUpdates = context.Activity.PullRequests.Any(context.Settings.IsDependencyUpdate);
        var updates = context.OpenDuringSpan.Where(context.Settings.IsDependencyUpdate).ToList();
        var meta = new SignalMeta("dependency_update_prs", "Open dependency updates", C, SignalUnits.Count,
            "Dependency-update PRs (Dependabot, Renovate or the dependencies label) open at the end of the week, with their age: drift that grows quietly.",
            SignalSources.BookTechDebt,
            !hasUpdates ? "No dependency-update PRs are stored; is a dependency bot set up (Signals:DependencyBots, Signals:DependencyUpdateLabels)?" : null);
        var end = context.Current.End;
        var open = updates.Where(p => SignalContext.OpenAt(p, end)).ToList();
        var signal = SignalShapes.Count(context, meta,
            w => !hasUpdates ? null : updates.Count(p => SignalContext.OpenAt(p, w.End)),
            n => SignalFormat.Count(n, "open update"));
        var ages = open.Select(p => SignalContext.AgeDays(p.CreatedAt, end)).ToList();
        var median = Statistics.Median(ages);
        return signal with
        {
            P90 = Statistics.Percentile(ages, 90),
            Breakdown = median is null ? [] :
            [
                SignalShapes.CountPart("median_age_days", "Median age", SignalUnits.Days, median.Value, SignalFormat.Value(median.Value, SignalUnits.Days), ages.Count),
                SignalShapes.CountPart("oldest_age_days", "Oldest", SignalUnits.Days, ages.Max(), SignalFormat.Value(ages.Max(), SignalUnits.Days), ages.Count),
            ],
            Items = open.OrderBy(p => p.CreatedAt).ThenBy(p => p.Repository.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Number).Take(5).Select(p => new SignalItem
            {
                Label = SignalContext.PullRequestLabel(p),
                Detail = string.Create(CultureInfo.InvariantCulture, $"open {SignalContext.AgeDays(p.CreatedAt, end):0} days"),
                Value = Math.Round(SignalContext.AgeDays(p.CreatedAt, end), 1),
            }).ToArray(),
        };
    }

    private static SignalValue Hotspots(SignalContext context)
    {
        var span = context.Weeks.Span;
        var withFiles = context.MergedIn(span).Where(p => !p.AuthorIsBot && p.Files.Count > 0).ToList();
        var changes = withFiles
            .SelectMany(p => p.Files.Distinct(StringComparer.Ordinal).Select(f => (p.Repository, File: f)))
            .GroupBy(x => x)
            .Select(g => (g.Key.Repository, g.Key.File, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Repository.ToString(), StringComparer.OrdinalIgnoreCase).ThenBy(x => x.File, StringComparer.Ordinal)
            .ToList();
        var meta = new SignalMeta("churn_hotspots", "Churn hotspots", C, SignalUnits.Files,
            "Files changed by the most people's PRs merged in this week and the four before; the value is how many distinct files changed.",
            SignalSources.BookTechDebt,
            "Churn is where debt costs the most, or simply where the work is: check the top files with the team. No week-by-week trend: the period already spans five weeks.");
        return meta.Build(
            withFiles.Count == 0 ? null : changes.Count,
            withFiles.Count == 0 ? SignalFormat.NotEnough(0) : $"{SignalFormat.Count(changes.Count, "file")} changed by {SignalFormat.Count(withFiles.Count, "PR")}",
            withFiles.Count,
            previous: null) with
        {
            Items = changes.Take(10).Select(x => new SignalItem
            {
                Label = $"{x.Repository}: {x.File}",
                Detail = $"changed in {SignalFormat.Count(x.Count, "PR")}",
                Value = x.Count,
            }).ToArray(),
        };
    }

    private static SignalValue ValueOverEffort(SignalContext context, IReadOnlyList<DebtItem> items)
    {
        var end = context.Current.End;
        var rated = items
            .Where(i => !i.Accepted && i.OpenAt(end))
            .Select(i => (Item: i, Value: Rating(i.Labels, "value"), Effort: Rating(i.Labels, "effort")))
            .Where(x => x.Value is not null && x.Effort is not null)
            .Select(x => (x.Item, x.Value, x.Effort, Ratio: (double)x.Value!.Value / x.Effort!.Value))
            .OrderByDescending(x => x.Ratio).ThenBy(x => x.Item.CreatedAt).ThenBy(x => x.Item.Label, StringComparer.Ordinal)
            .ToList();
        var meta = new SignalMeta("debt_value_effort", "Tech debt by value over effort", C, SignalUnits.Count,
            "Open tech-debt items labelled with value and effort from 1 to 5 (value:4, effort:2), ranked by value divided by effort; the value is how many are rated.",
            SignalSources.BookTechDebt, rated.Count == 0 ? "No open debt item carries both a value:N and an effort:N label." : null);
        return meta.Build(rated.Count == 0 ? null : rated.Count, rated.Count == 0 ? SignalFormat.NotEnough(0) : SignalFormat.Count(rated.Count, "rated item"), rated.Count, previous: null) with
        {
            Items = rated.Take(5).Select(x => new SignalItem
            {
                Label = x.Item.Label,
                Detail = string.Create(CultureInfo.InvariantCulture, $"value {x.Value}, effort {x.Effort}"),
                Value = Math.Round(x.Ratio, 2),
            }).ToArray(),
        };
    }

    private static int? Rating(IReadOnlyList<string> labels, string kind)
    {
        foreach (var label in labels)
        {
            var match = RatingLabel().Match(label);
            if (match.Success && string.Equals(match.Groups["kind"].Value, kind, StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static SignalItem[] Oldest(IEnumerable<DebtItem> items, DateTimeOffset asOf, int count) =>
        items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Label, StringComparer.Ordinal).Take(count).Select(i => new SignalItem
        {
            Label = i.Label,
            Detail = string.Create(CultureInfo.InvariantCulture, $"open {SignalContext.AgeDays(i.CreatedAt, asOf):0} days{(i.HasOwner ? "" : ", no owner")}"),
            Value = Math.Round(SignalContext.AgeDays(i.CreatedAt, asOf), 1),
        }).ToArray();

    // A fixed pattern without nested quantifiers, on labels (50 characters at most on GitHub): it needs no match
    // time-out, and a time-out of a fraction of a second is what a busy machine reaches on harmless input.
    [GeneratedRegex(@"^(?<kind>value|effort)\s*[:=/ -]\s*(?<n>[1-5])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RatingLabel();
}
