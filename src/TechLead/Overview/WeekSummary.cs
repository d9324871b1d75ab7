using System.Globalization;
using TechLead.Agreements;
using TechLead.Drafting;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Overview;

/// <summary>Something the lead can open: a PR, a debt item, a draft. <see cref="Url"/> is null when there is no page for it.</summary>
internal sealed record AttentionItem(string Text, string Detail, string? Url);

/// <summary>One kind of thing waiting for the lead, with its count and the first few items (capped).</summary>
internal sealed record AttentionGroup(string Title, int Count, IReadOnlyList<AttentionItem> Items)
{
    public int More => Count - Items.Count;

    /// <summary>Which group this is, stable for code (<see cref="AttentionKinds"/>); the title is for people.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The signal the items come from (the first broken agreement's for that group); null for drafts.</summary>
    public string? Signal { get; init; }

    /// <summary>What the items share, said once under the title rather than on every item.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// The week in one minute: one sentence on delivery, the signals that moved out of their usual range, what needs
/// the lead, and one win. Everything is computed from the report and its trend; nothing is written by a model.
/// </summary>
internal sealed record WeekSummary(string Delivery, IReadOnlyList<SignalMove> Moves, IReadOnlyList<AttentionGroup> Attention, string Win)
{
    public const int MaxMoves = 4;
    public const int MaxItems = 2;

    /// <summary>The "needs you" group of broken working agreements (chat shows them in their own section instead).</summary>
    public const string BrokenAgreements = "Working agreements broken";

    internal static WeekSummary From(SignalReport report, SignalTrend trend, IReadOnlyList<DraftRecord> waiting, ISummaryLinks links, IReadOnlyList<AgreementStatus>? agreements = null)
    {
        var moves = SignalMoves.Evaluate(trend);
        var attention = NeedsTheLead(report, waiting, links);
        // The team chose these lines itself, so a broken one comes first.
        if (agreements?.Where(a => a.State == AgreementState.Broken).ToList() is { Count: > 0 } broken)
        {
            attention.Insert(0, new AttentionGroup(BrokenAgreements, broken.Count, broken.Take(MaxItems).Select(a => new AttentionItem(
                a.Description, $"{a.Detail}; {a.SinceText}", links.Signal(a.Signal, report.Team))).ToList())
            {
                Kind = AttentionKinds.BrokenAgreements,
                Signal = broken[0].Signal,
            });
        }

        return new WeekSummary(DeliverySentence(report), moves.Take(MaxMoves).ToList(), attention, OneWin(report, moves));
    }

    private static string DeliverySentence(SignalReport report)
    {
        if (report.Find("deployment_frequency") is not { } frequency)
        {
            return "No delivery data this week: no repository is synced yet.";
        }

        if (frequency.Value is null or 0)
        {
            return $"No deployments this week ({frequency.Display}), so there is no lead time or fail rate to report.";
        }

        var parts = new List<string> { $"{frequency.Display}{(frequency.Tier is { } tier ? $" ({tier} tier)" : "")}" };
        if (report.Find("change_lead_time") is { Value: { } lead } leadTime)
        {
            parts.Add($"lead time {SignalFormat.Hours(lead)} median ({SignalFormat.Count(leadTime.SampleSize, "change")})");
        }

        if (report.Find("change_fail_rate") is { Value: not null } fail)
        {
            parts.Add(fail.Attributions.Count == 0
                ? "no deployment failed"
                : $"{fail.Attributions.Count} of {SignalFormat.Count(fail.SampleSize, "deployment")} failed");
        }

        return Sentence(string.Join("; ", parts));
    }

    private static List<AttentionGroup> NeedsTheLead(SignalReport report, IReadOnlyList<DraftRecord> waiting, ISummaryLinks links)
    {
        var groups = new List<AttentionGroup>();
        if (waiting.Count > 0)
        {
            // Release notes first: a release is usually waiting on them.
            var shown = waiting.OrderBy(d => d.Kind == DraftKinds.ReleaseNotes ? 0 : 1).Take(MaxItems).ToList();
            var offline = shown.All(d => d.DrafterKind == DrafterKinds.Offline);
            groups.Add(new AttentionGroup("Drafts waiting for your review", waiting.Count, shown.Select(d => new AttentionItem(
                $"{DraftKindName(d.Kind)}: {d.Subject}",
                $"{d.Id[..Math.Min(12, d.Id.Length)]}{(offline ? "" : $", drafted by {d.DrafterKind}")}{Findings(d.Findings.Count)}",
                links.DashboardFor(report.Team, "review"))).ToList())
            {
                Kind = AttentionKinds.Drafts,
                Note = string.Join(" ", new[]
                {
                    offline ? "All drafted without a language model." : null,
                    links.Dashboard is null ? "Open one: TechLead.Local drafts show ID." : null,
                }.OfType<string>()),
            });
        }

        AddItems(groups, report.Find("open_prs"), AttentionKinds.FirstReview, "PRs waiting longest for a first review", links, itemsCount: true);
        AddItems(groups, report.Find("stale_prs"), AttentionKinds.StalePrs, "Stale PRs", links);
        AddItems(groups, report.Find("debt_without_owner"), AttentionKinds.DebtWithoutOwner, "Debt items without an owner", links);
        if (report.Find("change_fail_rate") is { } fail && fail.Attributions.Where(a => a.RecoveryHours is null).ToList() is { Count: > 0 } open)
        {
            groups.Add(new AttentionGroup("Failed deployments without a recovery", open.Count, open.Take(MaxItems).Select(a => new AttentionItem(
                $"{a.Repository} deployment {a.DeploymentId}",
                $"deployed {a.DeployedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; {a.Source.Replace('_', ' ')}: {a.Evidence}",
                links.Repository(a.Repository))).ToList())
            {
                Kind = AttentionKinds.FailedDeployments,
                Signal = fail.Id,
            });
        }

        return groups;
    }

    private static void AddItems(List<AttentionGroup> groups, SignalValue? signal, string kind, string title, ISummaryLinks links, bool itemsCount = false)
    {
        if (signal is null || signal.Items.Count == 0)
        {
            return;
        }

        // open_prs counts every open PR; only its listed items wait for a first review.
        var count = itemsCount ? signal.Items.Count : Math.Max(signal.Items.Count, (int)(signal.Value ?? 0));
        groups.Add(new AttentionGroup(title, count, signal.Items.Take(MaxItems).Select(i => new AttentionItem(i.Label, i.Detail, links.Item(i.Label))).ToList())
        {
            Kind = kind,
            Signal = signal.Id,
        });
    }

    /// <summary>A signal that moved the right way, else one that improved on its 4-week median, else one that held a good tier.</summary>
    private static string OneWin(SignalReport report, IReadOnlyList<SignalMove> moves)
    {
        if (moves.FirstOrDefault(m => m.Better == true) is { } move)
        {
            return Sentence($"{move.Name} {(move.Direction == MoveDirection.Up ? "rose" : "fell")} to {SummaryUnits.Format(move.Id, move.Unit, move.Value)}, better than its usual {SummaryUnits.Range(move.Id, move.Unit, move.UsualLow, move.UsualHigh)}");
        }

        var improved = report.Signals
            .Where(s => s is { Value: not null, Previous4WeekMedian: not null and not 0 } && SignalPolarity.HasDirection(s.Id))
            .Select(s => (Signal: s, Gain: (s.Value!.Value - s.Previous4WeekMedian!.Value) / Math.Abs(s.Previous4WeekMedian.Value) * (SignalPolarity.IsBetter(s.Id, MoveDirection.Up) == true ? 1 : -1)))
            .Where(x => x.Gain >= 0.2)
            .OrderByDescending(x => x.Gain)
            .FirstOrDefault();
        if (improved.Signal is { } better)
        {
            return Sentence($"{better.Name} improved to {SummaryUnits.Format(better.Id, better.Unit, better.Value!.Value)} from a 4-week median of {SummaryUnits.Format(better.Id, better.Unit, better.Previous4WeekMedian!.Value)}");
        }

        if (report.Signals.FirstOrDefault(s => s.Tier is "elite" or "high") is { } held)
        {
            return Sentence($"{held.Name} held at the {held.Tier} tier (DORA 2024): {held.Display}");
        }

        return "No clear win in the numbers this week; ask the team what went well.";
    }

    private static string DraftKindName(string kind) =>
        kind == DraftKinds.AdrSummary ? "ADR summary" : kind == DraftKinds.ReleaseNotes ? "Release notes" : kind;

    private static string Findings(int count) => count switch { 0 => "", 1 => ", 1 finding", _ => $", {count} findings" };

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + ".";
}

/// <summary>The "needs you" groups, as code names them (the overview's <c>needsYou[].kind</c>).</summary>
internal static class AttentionKinds
{
    public const string BrokenAgreements = "broken_agreements";
    public const string Drafts = "drafts";
    public const string FirstReview = "first_review";
    public const string StalePrs = "stale_prs";
    public const string DebtWithoutOwner = "debt_without_owner";
    public const string FailedDeployments = "failed_deployments";
}

/// <summary>
/// Where the week's summary points: pages on the configured GitHub, Jira and dashboard, never another host. The
/// digest's links implement it; the summary itself knows no settings.
/// </summary>
internal interface ISummaryLinks
{
    string? Dashboard { get; }

    string? Item(string label);

    string Repository(string repository);

    string? DashboardFor(string team, string? section = null);

    string? Signal(string id, string team);
}
