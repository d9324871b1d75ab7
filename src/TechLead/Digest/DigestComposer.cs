using System.Globalization;
using TechLead.Agreements;
using TechLead.Digest.Charts;
using TechLead.Overview;
using TechLead.Review;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Digest;

/// <summary>
/// Turns a week's signal report and its trend into the weekly email: the week in one minute on top, trend charts,
/// then every signal on one line with its unit and "before", its name linked to a one-line definition in the glossary
/// (or on the dashboard). Team-level numbers only.
/// </summary>
internal sealed class DigestComposer(DigestCharts charts, DigestLinks links)
{
    internal const string CannotTell = "These numbers start conversations; they do not rate people. They cannot tell you why a week was slow, "
        + "how hard the work was, or how the team is doing: ask.";

    public DigestDocument Compose(SignalReport report, SignalTrend trend, IReadOnlyList<DraftRecord>? waitingForReview = null, IReadOnlyList<AgreementStatus>? agreements = null) =>
        Compose(report, trend, WeekSummary.From(report, trend, waitingForReview ?? [], links, agreements));

    /// <summary>The digest of a team's week, around the summary the dashboard's overview shows for it.</summary>
    public DigestDocument Compose(TeamWeek week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return Compose(week.Report, week.Trend, week.Summary);
    }

    private DigestDocument Compose(SignalReport report, SignalTrend trend, WeekSummary summary)
    {
        var sampleTag = report.IsSampleData ? "[Sample data] " : "";
        var subject = $"{sampleTag}Weekly digest for {report.Team}, {report.Week}";
        var rendered = charts.Render(trend);
        var view = View(report, trend, subject, summary, rendered);

        var images = rendered.Where(c => c.Png is not null).Select(c => new DigestImage(c.ContentId, c.Png!)).ToList();
        var email = view with { Charts = Charts(rendered, c => $"cid:{c.ContentId}") };
        var file = view with { Charts = Charts(rendered, c => $"data:image/png;base64,{Convert.ToBase64String(c.Png!)}") };
        return new DigestDocument(subject, DigestTemplates.Html(email), DigestTemplates.Text(view), DigestTemplates.Html(file), images) { Summary = summary };
    }

    private DigestView View(SignalReport report, SignalTrend trend, string subject, WeekSummary summary, IReadOnlyList<DigestChart> rendered) => new()
    {
        Subject = subject,
        Team = report.Team,
        Week = report.Week,
        Period = string.Create(CultureInfo.InvariantCulture, $"{report.Start:yyyy-MM-dd} to {report.End.AddMinutes(-1):yyyy-MM-dd} ({report.TimeZone})"),
        IsSample = report.IsSampleData,
        Preheader = summary.Delivery,
        Delivery = summary.Delivery,
        Moves = summary.Moves.Select(Move).ToList(),
        Attention = summary.Attention.Select(g => new AttentionView(g.Title, g.Count, g.Items.Select(i => new LinkView(i.Text, i.Detail, i.Url)).ToList(), g.More, g.Note ?? "")).ToList(),
        Win = summary.Win,
        Charts = Charts(rendered, _ => null),
        ChartWeeks = trend.Weeks.Count,
        Groups = Groups(report).Select(g => new GroupView(g.Title, g.Signals.Select(s => Row(s, report.Team)).ToList())).ToList(),
        Glossary = links.Dashboard is null ? Groups(report).Select(g => Glossary(g.Title, g.Signals)).ToList() : [],
        Tiers = links.Dashboard is null ? [] : Groups(report).Select(g => Tiers(g.Signals)).OfType<TierView>().ToList(),
        CannotTell = CannotTell,
        Repositories = report.Repositories.Count == 0 ? "none synced yet" : string.Join(", ", report.Repositories),
        Notes = report.Notes,
        DashboardUrl = links.DashboardFor(report.Team),
    };

    private static MoveView Move(SignalMove move) => new(
        $"{move.Name} {(move.Direction == MoveDirection.Up ? "up" : "down")}",
        move.Better switch { true => "better", false => "worse", null => "" },
        SummaryUnits.Format(move.Id, move.Unit, move.Value),
        string.Create(CultureInfo.InvariantCulture, $"{SummaryUnits.Bare(move.Unit, move.UsualLow)} to {SummaryUnits.Bare(move.Unit, move.UsualHigh)}{(move.WeeksCompared == SignalMoves.BaselineWeeks ? "" : $" over {move.WeeksCompared} weeks")}"));

    private static List<ChartView> Charts(IReadOnlyList<DigestChart> rendered, Func<DigestChart, string?> source) =>
        rendered.Select(c => new ChartView(c.Title, c.Png is null ? null : source(c), c.Alt, c.Missing, DigestCharts.DisplayWidth)).ToList();

    /// <summary>The report's signals by category, in reading order; categories without signals are left out.</summary>
    private static IEnumerable<(string Id, string Title, List<SignalValue> Signals)> Groups(SignalReport report) =>
        SignalCategories.All
            .Select(c => (c.Id, c.Title, Signals: report.InCategory(c.Id).ToList()))
            .Append((Id: "other", Title: "Other signals", Signals: report.Signals.Where(s => !SignalCategories.All.Any(c => c.Id == s.Category)).ToList()))
            .Where(c => c.Signals.Count > 0);

    private RowView Row(SignalValue signal, string team) => new(
        signal.Name,
        signal.Value is { } value && !HasOwnUnit(signal) ? $"{SummaryUnits.Format(signal.Id, signal.Unit, value)}: {signal.Display}" : signal.Display,
        signal.Previous4WeekMedian is { } median ? SummaryUnits.Format(signal.Id, signal.Unit, median) : "no earlier data",
        links.Signal(signal.Id, team) ?? "#" + Anchor(signal.Id),
        Details(signal));

    private static GlossaryGroupView Glossary(string title, List<SignalValue> signals) => new(
        title,
        signals.Select(s => new GlossaryView(Anchor(s.Id), s.Name, DigestGlossary.OneLine(s.Definition), Levels(s.TierTable))).ToList(),
        string.Join("; ", signals.Select(s => DigestGlossary.ShortSource(s.Source))
            .Concat(signals.Where(s => s.TierTable is not null).Select(s => DigestGlossary.ShortSource(s.TierTable!.Source)))
            .Distinct(StringComparer.Ordinal)));

    private static string? Levels(TierTable? table) =>
        table is null ? null : string.Join("; ", table.Rows.Select(r => $"{r.Tier} {r.Range}"));

    private static string Anchor(string id) => "g-" + id.Replace('_', '-');

    /// <summary>
    /// Tier, parts and failures on one line; the items (PRs, debt) are in "Needs you" and the dashboard, not repeated here.
    /// </summary>
    private static string Details(SignalValue signal) => string.Join(DetailSeparator,
        SignalFormat.Details(signal, maxItems: 0)
            .Where(line => !line.StartsWith("Tier:", StringComparison.Ordinal))
            .Prepend(signal.Tier is { } tier ? $"Tier: {tier} (DORA 2024)" : null)
            .OfType<string>());

    private const string DetailSeparator = " · ";

    /// <summary>Displays such as "3.2 days median, p90 ..." already carry the unit; bare counts like "7" do not.</summary>
    private static bool HasOwnUnit(SignalValue signal) =>
        signal.Display.Any(char.IsLetter) || signal.Display.Contains('%', StringComparison.Ordinal);

    private static TierView? Tiers(List<SignalValue> signals) =>
        SignalFormat.TierGrid(signals) is { } grid
            ? new TierView(grid.Tiers, grid.Rows.Select(r => new TierRowView(r.Signal, r.Ranges)).ToList(), DigestGlossary.ShortSource(grid.Source))
            : null;
}
