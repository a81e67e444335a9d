using ScottPlot;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>
/// The comparison chart: for every KPI a variant changed, the paired difference from the base as a
/// percentage of the base mean, with its 95% CI. Percentages put cost, carbon and service on one axis;
/// KPIs with a zero base mean (no percentage) or no change at all are left out.
/// </summary>
internal static class ComparisonChart
{
    private const int RowHeightPixels = 26;

    public static void Write(string pathWithoutExtension, string scenarioName, IReadOnlyList<KpiDifference> differences)
    {
        var shown = differences
            .Where(d => d.Difference.BaseMean != 0 && (d.Difference.Difference.Mean != 0 || d.Difference.Difference.StandardDeviation > 0))
            .ToList();
        var kpis = shown.Select(d => d.Kpi.Name).Distinct().ToList();
        var variants = shown.Select(d => d.Variant).Distinct().ToList();

        ChartFiles.Save(pathWithoutExtension, 900, 140 + (RowHeightPixels * Math.Max(kpis.Count, 3)), () =>
        {
            var plot = ChartFiles.NewPlot();
            double slot = 0.8 / Math.Max(variants.Count, 1);
            for (int v = 0; v < variants.Count; v++)
            {
                var color = plot.Add.Palette.GetColor(v);
                var bars = new List<Bar>();
                foreach (var d in shown.Where(d => d.Variant == variants[v]))
                {
                    double scale = 100 / Math.Abs(d.Difference.BaseMean);
                    // KPIs top to bottom in catalogue order: the first KPI gets the highest position.
                    double y = kpis.Count - 1 - kpis.IndexOf(d.Kpi.Name) + ((v - ((variants.Count - 1) / 2.0)) * slot);
                    bars.Add(new Bar { Position = y, Value = d.Difference.Difference.Mean * scale, FillColor = color.WithAlpha(0.6), Size = slot * 0.9 });
                    if (double.IsFinite(d.Difference.Difference.Ci95Low))
                    {
                        ChartFiles.HorizontalInterval(plot, d.Difference.Difference.Ci95Low * scale, d.Difference.Difference.Ci95High * scale, y, Colors.Black);
                    }
                }

                var barPlot = plot.Add.Bars(bars);
                barPlot.Horizontal = true;
                barPlot.LegendText = variants[v];
            }

            plot.Add.VerticalLine(0, 1, Colors.Gray);
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, kpis.Count).Select(i => (double)(kpis.Count - 1 - i))], [.. kpis.Select(Reporting.KpiPresentation.Label)]);
            plot.Title($"{scenarioName}: difference from base (paired, 95% CI)");
            plot.XLabel("difference, % of the base mean");
            plot.ShowLegend(Alignment.LowerRight);
            return plot;
        });
    }
}
