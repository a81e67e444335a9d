using System.Globalization;
using System.Text.RegularExpressions;
using Simulation.Scenarios.Reporting;

namespace Simulation.Tests.Outputs;

/// <summary>Reads the run report's SVG charts back: bars hold what they count, lines stay inside the frame, spikes survive thinning.</summary>
[Collection(SharedOutputRun.Name)]
public sealed partial class ChartSvgTests(OutputRunFixture run)
{
    [Fact]
    public void Histograms_BarSpansContainTheValuesTheyCount()
    {
        string[] histograms = Directory.GetFiles(Path.Combine(run.Folder, "charts"), "distribution-*.svg");
        Assert.NotEmpty(histograms);
        foreach (string file in histograms)
        {
            string kpi = Path.GetFileNameWithoutExtension(file)["distribution-".Length..];
            double scale = kpi == "fill_rate" ? 100 : 1; // fractions are drawn as percentages
            double[] values = [.. DuckDb.Query($"SELECT {kpi} FROM {DuckDb.File(Path.Combine(run.Folder, "kpis.parquet"))}").Select(r => Convert.ToDouble(r[0], CultureInfo.InvariantCulture) * scale)];
            var bars = Bar().Matches(File.ReadAllText(file)).Select(m => (Lo: D(m.Groups[1].Value), Hi: D(m.Groups[2].Value), Count: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
            Assert.NotEmpty(bars);
            Assert.Equal(values.Length, bars.Sum(b => b.Count));
            for (int b = 0; b < bars.Count; b++)
            {
                bool last = b == bars.Count - 1;
                int inside = values.Count(v => v >= bars[b].Lo && (v < bars[b].Hi || (last && v <= bars[b].Hi)));
                Assert.True(inside == bars[b].Count, $"{kpi}: bar {bars[b].Lo}..{bars[b].Hi} says {bars[b].Count}, holds {inside}");
            }

            // Whole-number KPIs (exits) get bins a whole number wide with edges halfway between whole numbers.
            if (values.All(v => v == Math.Round(v)))
            {
                Assert.All(bars, b => Assert.Equal(0.5, Math.Abs(b.Hi - Math.Round(b.Hi)), 9));
                Assert.All(bars, b => Assert.Equal(Math.Round(b.Hi - b.Lo), b.Hi - b.Lo, 9));
            }
        }
    }

    [Fact]
    public void Trajectories_EverySeriesLiesStrictlyInsideThePlotArea()
    {
        string[] charts = Directory.GetFiles(Path.Combine(run.Folder, "charts"), "trajectory-*.svg");
        Assert.NotEmpty(charts);
        foreach (string file in charts)
        {
            string svg = File.ReadAllText(file);
            var area = PlotArea().Match(svg);
            Assert.True(area.Success, file);
            double left = D(area.Groups[1].Value), top = D(area.Groups[2].Value);
            double right = left + D(area.Groups[3].Value), bottom = top + D(area.Groups[4].Value);
            var series = Series().Matches(svg);
            Assert.NotEmpty(series);
            foreach (Match line in series)
            {
                foreach (string point in line.Groups[1].Value.Split(' '))
                {
                    var xy = point.Split(',');
                    double x = D(xy[0]), y = D(xy[1]);
                    Assert.True(x > left && x < right && y > top && y < bottom, $"{Path.GetFileName(file)}: point {point} is not strictly inside {left},{top} .. {right},{bottom}");
                }
            }
        }
    }

    [Fact]
    public void Thinning_KeepsAOneDaySpike_AndTheChartDrawsIt()
    {
        const int Days = 3650;
        double[] days = [.. Enumerable.Range(0, Days).Select(d => (double)d)];
        double[] mean = [.. days.Select(d => d == 730 ? 50.0 : 1.0 + (0.001 * d))];
        var thinned = TimeSeriesBands.Thin(new SeriesBand("social_cost", days, mean, mean, mean, false));

        Assert.True(thinned.Thinned);
        Assert.True(thinned.Days.Length <= TimeSeriesBands.MaxPoints);
        Assert.Equal(50.0, thinned.Mean.Max());
        Assert.Equal(730.0, thinned.Days[Array.IndexOf(thinned.Mean, 50.0)]);
        Assert.Equal(mean.Min(), thinned.Mean.Min());

        var chart = new SvgChart("spike", "day", "value");
        chart.Line("mean", thinned.Days, thinned.Mean, "#000");
        string svg = chart.ToSvg();
        double[] ys = [.. Series().Match(svg).Groups[1].Value.Split(' ').Select(p => D(p.Split(',')[1]))];
        double top = D(PlotArea().Match(svg).Groups[2].Value);
        double height = D(PlotArea().Match(svg).Groups[4].Value);
        // The spike is the highest point, drawn near the top of the frame (within the 8% padding).
        Assert.InRange(ys.Min(), top, top + (0.1 * height));
    }

    [Theory]
    [InlineData(new[] { 0.0, 0, 1, 2 }, new[] { -0.5, 0.5, 1.5, 2.5 }, new[] { 2, 1, 1 })]
    [InlineData(new[] { 1.0, 1, 1 }, new[] { 0.5, 1.5 }, new[] { 3 })]
    [InlineData(new[] { 0.9177, 0.93, 0.956, 0.94, 0.925 }, new[] { 0.9177, 0.92536, 0.93302, 0.94068, 0.94834, 0.956 }, new[] { 2, 1, 1, 0, 1 })]
    public void BinEdges_AreAlignedToTheData(double[] values, double[] edges, int[] counts)
    {
        double[] actual = SummaryCharts.BinEdges(values);
        Assert.Equal(edges.Length, actual.Length);
        for (int i = 0; i < edges.Length; i++)
        {
            Assert.Equal(edges[i], actual[i], 9);
        }

        Assert.Equal(counts, SummaryCharts.Count(values, actual));
    }

    [Theory]
    [InlineData(1.11e-16, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.9381, "0.938")]
    [InlineData(4.7949, "4.79")]
    [InlineData(595.9, "596")]
    [InlineData(3428.4, "3,428")]
    [InlineData(18530, "18.5 k")]
    [InlineData(2.97e6, "2.97 M")]
    [InlineData(0.05, "0.05")]
    [InlineData(double.NaN, "-")]
    public void NumberText_IsOneFormat_WithoutScientificNotation(double value, string expected) =>
        Assert.Equal(expected, NumberText.Compact(value));

    [Fact]
    public void NiceTicks_AreSparse()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], SvgChart.NiceTicks(-0.05, 1.05, 6, false).Select(t => Math.Round(t, 9)));
        Assert.True(SvgChart.NiceTicks(0, 18530, 6, false).Count() <= 8);
        Assert.Equal([0, 1, 2], SvgChart.NiceTicks(-0.2, 2.2, 6, true));
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<rect class="bar" data-lo="([^"]+)" data-hi="([^"]+)" data-count="(\d+)" """)]
    private static partial Regex Bar();

    [GeneratedRegex("""<rect class="plot-area" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" """)]
    private static partial Regex PlotArea();

    [GeneratedRegex("""<polyline class="series" data-label="[^"]*" points="([^"]+)" """)]
    private static partial Regex Series();
}
