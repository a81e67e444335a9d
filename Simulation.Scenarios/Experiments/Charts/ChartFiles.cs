using ScottPlot;

namespace Simulation.Scenarios.Experiments.Charts;

/// <summary>Saves a plot as PNG (for reports and quick looks) and SVG (for print), with one look for every chart.</summary>
internal static class ChartFiles
{
    /// <summary>Writes <paramref name="pathWithoutExtension"/>.png and .svg.</summary>
    public static void Save(Plot plot, string pathWithoutExtension, int width, int height)
    {
        plot.SavePng(pathWithoutExtension + ".png", width, height);
        plot.SaveSvg(pathWithoutExtension + ".svg", width, height);
    }

    /// <summary>A horizontal interval drawn as a line with end caps (ScottPlot's bar errors are symmetric only).</summary>
    public static void HorizontalInterval(Plot plot, double low, double high, double y, Color color)
    {
        const double Cap = 0.15;
        foreach (var line in new[]
        {
            plot.Add.Line(low, y, high, y),
            plot.Add.Line(low, y - Cap, low, y + Cap),
            plot.Add.Line(high, y - Cap, high, y + Cap),
        })
        {
            line.LineWidth = 1.5f;
            line.Color = color;
        }
    }
}
