using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using TechLead.Digest.Charts;
using TechLead.Signals;
using TechLead.Signals.Trends;

namespace TechLead.Tests.Digest;

/// <summary>The trend charts are real PNGs that show data, and their alt text carries every number.</summary>
public sealed class DigestChartTests
{
    private readonly DigestCharts _charts = new(NullLogger<DigestCharts>.Instance);

    [Fact]
    public void A_chart_is_a_png_of_the_stated_size_with_more_than_a_blank_background()
    {
        var chart = _charts.Render(Series("deployment_frequency", SignalUnits.DeploymentsPerWeek, 3, 5, null, 4, 7, 6, 2, 9, 5, 6, 8, 7));

        Assert.Null(chart.Missing);
        using var bitmap = SKBitmap.Decode(chart.Png);
        Assert.Equal((DigestCharts.Width, DigestCharts.Height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (var x = 0; x < bitmap.Width; x += 3)
        {
            for (var y = 0; y < bitmap.Height; y += 3)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        // White background, axis text, and the two bar colours (earlier weeks, this week) at least.
        Assert.True(colours.Count > 4, $"only {colours.Count} colours: the chart looks empty");
        Assert.Contains(new SKColor(0x0b, 0x53, 0x94), colours);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "techlead-chart.png"), chart.Png!);
    }

    [Fact]
    public void The_alt_text_states_each_week_and_says_not_enough_data_rather_than_zero()
    {
        var chart = _charts.Render(Series("change_lead_time", SignalUnits.Hours, 30, null, 80));

        Assert.Equal("Change lead time, weekly for 3 weeks from 2026-W01, oldest first: 30 h; not enough data; 3.3 days. The last bar is this week.", chart.Alt);
    }

    [Fact]
    public void A_series_without_any_data_gives_no_image_and_says_so()
    {
        var chart = _charts.Render(Series("change_fail_rate", SignalUnits.Ratio, null, null, null));

        Assert.Null(chart.Png);
        Assert.Contains("not enough data", chart.Missing, StringComparison.Ordinal);
    }

    internal static SignalSeries Series(string id, string unit, params double?[] values) => new()
    {
        Id = id,
        Name = id switch { "deployment_frequency" => "Deployment frequency", "change_lead_time" => "Change lead time", "change_fail_rate" => "Change fail rate", _ => id },
        Category = SignalCategories.Delivery,
        Unit = unit,
        Points = values.Select((v, i) => new SignalPoint($"2026-W{i + 1:D2}", v, v is null ? 0 : 5, v is null ? SignalValue.NoValueText : SignalFormat.Number(v.Value))).ToArray(),
    };
}
