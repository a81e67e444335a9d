using ScottPlot;
using Simulation.Scenarios.Experiments.Charts;
using SkiaSharp;

namespace Simulation.Tests.Outputs;

/// <summary>Charts' PNGs are encoded by <see cref="ChartFiles"/> (a faster filter and zlib level than Skia's default) and must hold the very pixels ScottPlot draws.</summary>
public sealed class ChartPngTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-png-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Each plot is drawn once: a plot's first drawing settles its axes, and a second can differ.
    [Fact]
    public void Plot_HasScottPlotsOwnPixels_AndItsSize() =>
        AssertSamePixels(path => ChartFiles.SavePng(NewPlot(), path, 640, 360), path => NewPlot().SavePng(path, 640, 360), 640, 360);

    [Fact]
    public void Multiplot_HasScottPlotsOwnPixels() =>
        AssertSamePixels(path => ChartFiles.SavePng(NewMultiplot(), path, 900, 300), path => NewMultiplot().SavePng(path, 900, 300), 900, 300);

    private static Plot NewPlot()
    {
        var plot = ChartFiles.NewPlot();
        plot.Add.Scatter(Generate.Consecutive(200), Generate.Sin(200));
        plot.Add.Bars([3.0, -1.5, 2.25]).Color = Colors.Orange;
        plot.Title("pixels");
        ChartFiles.HorizontalInterval(plot, 10, 90, 0.5, Colors.Black);
        return plot;
    }

    private static Multiplot NewMultiplot()
    {
        var plots = new Multiplot();
        plots.AddPlots(3);
        for (int i = 0; i < 3; i++)
        {
            plots.GetPlot(i).Add.Signal(Generate.Cos(50 + (10 * i)));
        }

        return plots;
    }

    private void AssertSamePixels(Action<string> saveOurs, Action<string> saveScottPlots, int width, int height)
    {
        string actualPath = Path.Combine(_folder, "ours.png"), expectedPath = Path.Combine(_folder, "theirs.png");
        saveOurs(actualPath);
        saveScottPlots(expectedPath);
        using var expected = SKBitmap.Decode(expectedPath).Copy(SKColorType.Rgba8888);
        using var actual = SKBitmap.Decode(actualPath).Copy(SKColorType.Rgba8888);
        Assert.Equal((width, height), (actual.Width, actual.Height));
        Assert.Equal((width, height), (expected.Width, expected.Height));
        var expectedBytes = expected.GetPixelSpan().ToArray();
        Assert.Contains(expectedBytes, b => b != 255); // something was drawn, not only the white background
        Assert.True(expectedBytes.AsSpan().SequenceEqual(actual.GetPixelSpan()), "The PNGs decode to different pixels.");
    }
}
