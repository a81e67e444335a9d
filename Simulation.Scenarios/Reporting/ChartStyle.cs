using ScottPlot;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// One look for every chart: 16:9 at 1600 x 900 pixels with type large enough to read on a slide, a
/// colour-blind-safe palette (Okabe-Ito), a sans-serif font (<see cref="ChartFiles.SansFont"/>), and PNG
/// plus SVG written side by side.
/// </summary>
internal static class ChartStyle
{
    public const int Width = 1600;
    public const int Height = 900;

    /// <summary>Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = ChartFiles.NewPlot();
        plot.Title(title, 34);
        plot.XLabel(xLabel, 26);
        plot.YLabel(yLabel, 26);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 22;
        plot.Axes.Left.TickLabelStyle.FontSize = 22;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = SummaryCharts.Compact };
        plot.Legend.FontSize = 22;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.1);
        return plot;
    }

    /// <summary>Calendar dates (ISO, e.g. 2026-03) on the x axis, whose values are OLE automation dates.</summary>
    public static void DateAxis(Plot plot, string xLabel)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        axis.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        axis.TickLabelStyle.FontSize = 22;
        plot.XLabel(xLabel, 26);
        plot.Font.Set(ChartFiles.SansFont);
    }

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="folder"/>.</summary>
    public static void Save(Plot plot, string folder, string name)
    {
        plot.SavePng(Path.Combine(folder, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(folder, name + ".svg"), Width, Height);
    }
}
