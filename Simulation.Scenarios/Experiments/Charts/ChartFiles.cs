using ScottPlot;
using SkiaSharp;

namespace Simulation.Scenarios.Experiments.Charts;

/// <summary>Saves a plot as PNG (for reports and quick looks) and SVG (for print), with one look for every chart.</summary>
internal static class ChartFiles
{
    /// <summary>
    /// A sans-serif family this machine has. ScottPlot's default asks for Arial-like names that Linux
    /// machines often lack, and Skia then falls back to whatever font it finds first (often a serif).
    /// fontconfig answers first where it can, so a run report (hand-written SVG) never loads Skia.
    /// </summary>
    private static readonly Lazy<string> SansFontName = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans" }
            .FirstOrDefault(name => FontConfig.HasFamily(name) ?? SkiaSharp.SKFontManager.Default.MatchFamily(name) is not null) ?? Fonts.Sans);

    /// <summary>The sans-serif family every chart uses (run reports, sweeps, comparisons).</summary>
    public static string SansFont => SansFontName.Value;

    /// <summary>An empty plot in <see cref="SansFont"/>; set the font again after adding an axis, which brings its own.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        return plot;
    }

    /// <summary>
    /// Writes <paramref name="pathWithoutExtension"/>.png and .svg of the plot <paramref name="draw"/>
    /// makes, side by side: each from a plot of its own, since drawing a plot settles its axes (the
    /// two files show one first drawing) and one plot is not to be drawn by two threads at once.
    /// </summary>
    public static void Save(string pathWithoutExtension, int width, int height, Func<Plot> draw) =>
        Parallel.Invoke(
            () => SavePng(draw(), pathWithoutExtension + ".png", width, height),
            () => draw().SaveSvg(pathWithoutExtension + ".svg", width, height));

    /// <summary>Writes the plot as a PNG of <paramref name="width"/> by <paramref name="height"/> pixels (<see cref="WritePng"/>).</summary>
    public static void SavePng(Plot plot, string path, int width, int height) =>
        WritePng(surface => plot.Render(surface.Canvas, width, height), path, width, height); // as ScottPlot's GetImage draws it

    /// <summary>Writes the plots as one PNG of <paramref name="width"/> by <paramref name="height"/> pixels (<see cref="WritePng"/>).</summary>
    public static void SavePng(IMultiplot plots, string path, int width, int height) => WritePng(plots.Render, path, width, height);

    /// <summary>
    /// The pixels ScottPlot's own <c>SavePng</c> writes, PNG-encoded with the Up filter at zlib level
    /// 3 instead of Skia's default (every filter tried on every row, level 6). Encoding was most of
    /// drawing a chart and ran on one core after the replications: a comparison's chart (900 x 2,038
    /// pixels) took 65-100 ms to encode and now 20 ms, for a file 5 % larger; a sweep's
    /// sensitivity chart 19 ms and now 2 ms, 10 % larger (benchmarks/README.md, "The whole command").
    /// </summary>
    private static void WritePng(Action<SKSurface> render, string path, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not create a {width} x {height} drawing surface.");
        render(surface);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, zLibLevel: 3))
            ?? throw new InvalidOperationException($"Skia could not encode the chart {path} as PNG.");
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>Half the length of an interval's end caps, in axis units of the other axis.</summary>
    private const double Cap = 0.15;

    /// <summary>A horizontal interval drawn as a line with end caps (ScottPlot's bar errors are symmetric only).</summary>
    public static void HorizontalInterval(Plot plot, double low, double high, double y, Color color) =>
        Interval(plot, new Coordinates(low, y), new Coordinates(high, y), new Coordinates(0, Cap), color);

    /// <summary>A vertical interval with end caps, e.g. a confidence interval clipped at 0 above a bar.</summary>
    public static void VerticalInterval(Plot plot, double low, double high, double x, Color color) =>
        Interval(plot, new Coordinates(x, low), new Coordinates(x, high), new Coordinates(Cap, 0), color);

    private static void Interval(Plot plot, Coordinates start, Coordinates end, Coordinates cap, Color color)
    {
        foreach (var line in new[]
        {
            plot.Add.Line(start, end),
            plot.Add.Line(start.X - cap.X, start.Y - cap.Y, start.X + cap.X, start.Y + cap.Y),
            plot.Add.Line(end.X - cap.X, end.Y - cap.Y, end.X + cap.X, end.Y + cap.Y),
        })
        {
            line.LineWidth = 1.5f;
            line.Color = color;
        }
    }
}
