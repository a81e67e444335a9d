using System.Globalization;
using System.Net;
using System.Text;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// A small SVG chart writer for the run report: line-and-band series, bars, vertical markers, sparse
/// "nice" ticks, and y limits padded so no series touches the frame. Plain text output (no drawing
/// library), so a report's twenty charts cost milliseconds. The plot area is the element with class
/// <c>plot-area</c>; series, bars and markers carry their data in <c>data-*</c> attributes for tests.
/// </summary>
internal sealed class SvgChart
{
    public const int Width = 960;
    public const int Height = 460;
    private const double Left = 86;
    private const double Right = 24;
    private const double Top = 52;
    private const double Bottom = 96;

    /// <summary>Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    private static readonly double[] Multiples = [1, 2, 5, 10];
    private readonly List<(string Label, string Colour, bool Band, string Dash)> _legend = [];
    private readonly string _title;
    private readonly string _xLabel;
    private readonly string _yLabel;
    private double _xMin = double.PositiveInfinity, _xMax = double.NegativeInfinity, _yMin = double.PositiveInfinity, _yMax = double.NegativeInfinity;
    private readonly List<Action<StringBuilder>> _deferred = [];
    private Func<double, string> _xFormat = NumberText.Compact;
    private IReadOnlyList<(double Position, string Label)>? _xCategories;
    private bool _integerY;
    private bool _integerX;
    private int _lines;

    public SvgChart(string title, string xLabel, string yLabel)
    {
        _title = title;
        _xLabel = xLabel;
        _yLabel = yLabel;
    }

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    /// <summary>Tick labels on x from a formatter (e.g. calendar dates of simulated days).</summary>
    public SvgChart XFormat(Func<double, string> format)
    {
        _xFormat = format;
        return this;
    }

    /// <summary>Named categories on x instead of numeric ticks (bar charts).</summary>
    public SvgChart XCategories(IReadOnlyList<(double Position, string Label)> categories)
    {
        _xCategories = categories;
        return this;
    }

    /// <summary>Whole-number ticks only on y (counts).</summary>
    public SvgChart IntegerY()
    {
        _integerY = true;
        return this;
    }

    /// <summary>Whole-number ticks only on x (histograms of counts).</summary>
    public SvgChart IntegerX()
    {
        _integerX = true;
        return this;
    }

    /// <summary>Makes sure the limits include a value (e.g. 0 for bars).</summary>
    public SvgChart Include(double? x = null, double? y = null)
    {
        if (x is { } xv)
        {
            (_xMin, _xMax) = (Math.Min(_xMin, xv), Math.Max(_xMax, xv));
        }

        if (y is { } yv)
        {
            (_yMin, _yMax) = (Math.Min(_yMin, yv), Math.Max(_yMax, yv));
        }

        return this;
    }

    /// <summary>A line through (x, y), over an optional shaded band from low to high.</summary>
    public void Line(string label, double[] x, double[] y, string colour, double[]? low = null, double[]? high = null, string? bandLabel = null)
    {
        Include(x.Min(), null).Include(x.Max(), null);
        foreach (double v in y.Concat(low ?? []).Concat(high ?? []).Where(double.IsFinite))
        {
            Include(null, v);
        }

        // Lines that coincide (two tiers with the same count) stay distinguishable by their dashes.
        string dash = (_lines++ % 3) switch { 0 => "", 1 => " stroke-dasharray=\"9 5\"", _ => " stroke-dasharray=\"2 4\"" };
        _deferred.Add(sb =>
        {
            if (low is not null && high is not null)
            {
                var points = x.Select((xv, i) => P(xv, high[i])).Concat(x.Select((xv, i) => P(xv, low[i])).Reverse());
                sb.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" points=\"{string.Join(' ', points)}\" fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-label=\"{E(label)}\" points=\"{string.Join(' ', x.Select((xv, i) => P(xv, y[i])))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\" stroke-linejoin=\"round\"{dash}/>\n");
        });
        if (bandLabel is not null)
        {
            _legend.Add((bandLabel, colour, true, ""));
        }

        _legend.Add((label, colour, false, dash));
    }

    /// <summary>A bar from <paramref name="x0"/> to <paramref name="x1"/> and from 0 up to <paramref name="height"/>, with its data in attributes.</summary>
    public void Bar(double x0, double x1, double height, string colour, string data, string? valueLabel = null)
    {
        Include(x0, 0).Include(x1, height);
        _deferred.Add(sb =>
        {
            var (px0, py) = (X(x0), Y(height));
            var (px1, py0) = (X(x1), Y(0));
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" {data} x=\"{px0:0.##}\" y=\"{Math.Min(py, py0):0.##}\" width=\"{Math.Max(0.5, px1 - px0):0.##}\" height=\"{Math.Abs(py0 - py):0.##}\" fill=\"{colour}\" fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"1\"/>\n");
            if (valueLabel is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(px0 + px1) / 2:0.##}\" y=\"{Math.Min(py, py0) - 5:0.##}\" text-anchor=\"middle\" font-size=\"13\">{E(valueLabel)}</text>\n");
            }
        });
    }

    /// <summary>A vertical interval with end caps (a 95% CI).</summary>
    public void Whisker(double x, double low, double high)
    {
        Include(null, low).Include(null, high);
        _deferred.Add(sb =>
        {
            double px = X(x);
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"whisker\" d=\"M{px:0.##},{Y(low):0.##}V{Y(high):0.##}M{px - 6:0.##},{Y(low):0.##}h12M{px - 6:0.##},{Y(high):0.##}h12\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>\n");
        });
    }

    /// <summary>A vertical marker line at x with a label at the top (warm-up end, a lever's start or end, the mean).</summary>
    public void Marker(double x, string label, string colour, bool dashed, int row = 0)
    {
        _deferred.Add(sb =>
        {
            if (x < _xMin || x > _xMax)
            {
                return;
            }

            double px = X(x);
            string dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"marker\" data-x=\"{x.ToString("R", CultureInfo.InvariantCulture)}\" data-label=\"{E(label)}\"><line x1=\"{px:0.##}\" x2=\"{px:0.##}\" y1=\"{Top:0.##}\" y2=\"{Top + PlotHeight:0.##}\" stroke=\"{colour}\" stroke-width=\"1.6\"{dash}/>");
            bool flip = px > Left + (PlotWidth * 0.7);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{px + (flip ? -4 : 4):0.##}\" y=\"{Top + 14 + (row * 15):0.##}\" font-size=\"12\" fill=\"{colour}\" text-anchor=\"{(flip ? "end" : "start")}\">{E(label)}</text></g>\n");
        });
    }

    /// <summary>A note in the middle of the plot (e.g. "no exits").</summary>
    public void Note(string text) => _deferred.Add(sb =>
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (PlotWidth / 2):0.##}\" y=\"{Top + (PlotHeight / 2):0.##}\" text-anchor=\"middle\" font-size=\"18\" fill=\"#555\">{E(text)}</text>\n"));

    /// <summary>The chart as a standalone SVG document.</summary>
    public string ToSvg()
    {
        FinishLimits();
        var sb = new StringBuilder(16_384);
        string font = E(ChartFiles.SansFont);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"{font}\" role=\"img\" aria-label=\"{E(_title)}\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>\n<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"19\" font-weight=\"bold\">{E(_title)}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"plot-area\" x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#888\" data-x-min=\"{R(_xMin)}\" data-x-max=\"{R(_xMax)}\" data-y-min=\"{R(_yMin)}\" data-y-max=\"{R(_yMax)}\"/>\n");
        AppendTicks(sb);
        foreach (var draw in _deferred)
        {
            draw(sb);
        }

        AppendLegend(sb);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private void FinishLimits()
    {
        if (!double.IsFinite(_xMin))
        {
            (_xMin, _xMax) = (0, 1);
        }

        if (!double.IsFinite(_yMin))
        {
            (_yMin, _yMax) = (0, 1);
        }

        if (_xMax - _xMin <= 0)
        {
            (_xMin, _xMax) = (_xMin - 0.5, _xMax + 0.5);
        }

        if (_xCategories is null)
        {
            // A little room left and right too, so a line's first and last points sit inside the frame.
            double xPad = (_xMax - _xMin) * 0.01;
            (_xMin, _xMax) = (_xMin - xPad, _xMax + xPad);
        }

        // Padding so a constant or extreme line never lies on the frame: 8% of the span, or a unit
        // around a constant. Bars start on 0, so a chart whose lowest value is a bar's base keeps 0 there.
        double span = _yMax - _yMin;
        double pad = span > 0 ? span * 0.08 : Math.Max(Math.Abs(_yMax) * 0.1, 1);
        bool barsOnZero = _deferred.Count > 0 && _yMin == 0 && _xCategories is not null;
        _yMin -= barsOnZero ? 0 : pad;
        _yMax += pad * (barsOnZero ? 2 : 1);
    }

    private void AppendTicks(StringBuilder sb)
    {
        foreach (double t in NiceTicks(_yMin, _yMax, 6, _integerY))
        {
            double py = Y(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{py:0.##}\" y2=\"{py:0.##}\" stroke=\"#000\" stroke-opacity=\"0.08\"/><text class=\"tick-y\" x=\"{Left - 8}\" y=\"{py + 4:0.##}\" text-anchor=\"end\" font-size=\"13\">{E(NumberText.Compact(t))}</text>\n");
        }

        var xTicks = _xCategories ?? [.. NiceTicks(_xMin, _xMax, 7, _integerX).Select(t => (t, _xFormat(t)))];
        foreach (var (t, label) in xTicks)
        {
            double px = X(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px:0.##}\" x2=\"{px:0.##}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight + 5}\" stroke=\"#888\"/><text class=\"tick-x\" x=\"{px:0.##}\" y=\"{Top + PlotHeight + 20}\" text-anchor=\"middle\" font-size=\"13\">{E(label)}</text>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (PlotWidth / 2):0.##}\" y=\"{Top + PlotHeight + 42}\" text-anchor=\"middle\" font-size=\"14\">{E(_xLabel)}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18 {Top + (PlotHeight / 2):0.##}) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">{E(_yLabel)}</text>\n");
    }

    private void AppendLegend(StringBuilder sb)
    {
        double x = Left;
        double y = Height - 22;
        foreach (var (label, colour, band, dash) in _legend)
        {
            string swatch = band
                ? $"<rect x=\"{x:0.##}\" y=\"{y - 9:0.##}\" width=\"22\" height=\"12\" fill=\"{colour}\" fill-opacity=\"0.18\"/>"
                : $"<line x1=\"{x:0.##}\" x2=\"{x + 22:0.##}\" y1=\"{y - 3:0.##}\" y2=\"{y - 3:0.##}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>";
            sb.Append(CultureInfo.InvariantCulture, $"{swatch}<text x=\"{x + 28:0.##}\" y=\"{y + 1:0.##}\" font-size=\"13\">{E(label)}</text>\n");
            x += 40 + (label.Length * 7);
        }
    }

    /// <summary>At most about <paramref name="target"/> ticks at 1, 2 or 5 times a power of ten inside [min, max].</summary>
    internal static IEnumerable<double> NiceTicks(double min, double max, int target, bool integers)
    {
        double raw = (max - min) / target;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = Multiples.Select(m => m * power).First(s => s >= raw);
        if (integers)
        {
            step = Math.Max(1, Math.Round(step));
        }

        for (double t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step)
        {
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
        }
    }

    private double X(double x) => Left + ((x - _xMin) / (_xMax - _xMin) * PlotWidth);

    private double Y(double y) => Top + PlotHeight - ((y - _yMin) / (_yMax - _yMin) * PlotHeight);

    private string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{X(x):0.##},{Y(y):0.##}");

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
