using System.Globalization;
using Microsoft.Extensions.Logging;
using ScottPlot;
using TechLead.Overview;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Digest.Charts;

/// <summary>A rendered trend chart, or the reason it is missing (then the digest says so in words, with no image).</summary>
internal sealed record DigestChart(string Id, string Title, string ContentId, byte[]? Png, string Alt, string? Missing);

/// <summary>
/// 12-week PNG bar charts (ScottPlot on SkiaSharp) for the delivery metrics and the flow and debt signals that matter
/// most. PNG rather than SVG: Outlook and Gmail show inline PNGs and drop SVG.
/// </summary>
internal sealed partial class DigestCharts(ILogger<DigestCharts> logger)
{
    /// <summary>Drawn at twice the size it is shown (<see cref="DisplayWidth"/>), so text stays sharp on phone screens.</summary>
    public const int Width = 600;
    public const int Height = 160;

    /// <summary>CSS pixels: two charts fit side by side in the 640 px email; a phone shows one per row.</summary>
    public const int DisplayWidth = Width / 2;

    /// <summary>The charted signals, in reading order.</summary>
    public static IReadOnlyList<string> Charted { get; } =
    [
        "deployment_frequency", "change_lead_time", "change_fail_rate", "failed_deployment_recovery_time",
        "time_to_first_review", "debt_open_items",
    ];

    public IReadOnlyList<DigestChart> Render(SignalTrend trend) =>
        Charted.Select(trend.Find).OfType<SignalSeries>().Select(Render).ToList();

    public DigestChart Render(SignalSeries series)
    {
        var alt = Alt(series);
        var contentId = $"chart-{series.Id.Replace('_', '-')}@techlead.local";
        if (series.Points.All(p => p.Value is null))
        {
            return new DigestChart(series.Id, series.Name, contentId, null, alt, "No chart: not enough data in any of these weeks.");
        }

        try
        {
            return new DigestChart(series.Id, series.Name, contentId, Png(series), alt, null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A missing native library or font must not stop the digest: it says the chart is missing instead.
            LogChartFailed(logger, series.Id, e);
            return new DigestChart(series.Id, series.Name, contentId, null, alt, "Chart could not be drawn this time; the numbers are in the table below.");
        }
    }

    private static byte[] Png(SignalSeries series)
    {
        var (scale, unitLabel) = Scale(series);
        using var plot = new Plot();
        // Sans-serif where installed (DejaVu on Linux); SkiaSharp falls back to its default face elsewhere.
        plot.Font.Set("DejaVu Sans");
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        var last = series.Points.Count - 1;
        var bars = series.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).Select(x => new Bar
        {
            Position = x.i,
            Value = x.p.Value!.Value * scale,
            // This week darker than the weeks before; the alt text and table carry the numbers, not the colour.
            FillColor = x.i == last ? Color.FromHex("#0b5394") : Color.FromHex("#9fc5e8"),
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        var ticks = series.Points.Select((p, i) => new Tick(i, i % 2 == last % 2 ? ShortWeek(p.Week) : "")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(-0.6, series.Points.Count - 0.4);
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.Label.Text = unitLabel;
        // Twice the size of readable type: the image is shown at half its pixel width.
        plot.Axes.Left.Label.FontSize = 20;
        plot.Axes.Left.TickLabelStyle.FontSize = 20;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 20;
        plot.Axes.Title.Label.Text = series.Name;
        plot.Axes.Title.Label.FontSize = 24;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Hours read better as days once they are long; ratios as percentages.</summary>
    private static (double Scale, string Label) Scale(SignalSeries series) => series.Unit switch
    {
        SignalUnits.Hours when series.Points.Max(p => p.Value ?? 0) >= 72 => (1 / 24.0, "days"),
        SignalUnits.Hours => (1, "hours"),
        SignalUnits.Ratio => (100, "%"),
        SignalUnits.Count => (1, "items"),
        SignalUnits.DeploymentsPerWeek => (1, "per week"),
        _ => (1, series.Unit),
    };

    /// <summary>Alt text that states every number, so a reader without images loses nothing.</summary>
    public static string Alt(SignalSeries series)
    {
        var values = series.Points.Select(p => p.Value is { } v ? SummaryUnits.Format(series.Id, series.Unit, v) : SignalValue.NoValueText).ToList();
        var first = series.Points.Count > 0 ? series.Points[0].Week : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{series.Name}, weekly for {series.Points.Count} weeks from {first}, oldest first: {string.Join("; ", values)}. The last bar is this week.");
    }

    private static string ShortWeek(string week) => week.Length > 5 ? week[5..] : week;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chart for {Signal} could not be rendered; the digest says so in words.")]
    private static partial void LogChartFailed(ILogger logger, string signal, Exception exception);
}
