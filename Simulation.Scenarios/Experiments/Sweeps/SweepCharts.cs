using System.Globalization;
using ScottPlot;
using Simulation.Core.Network;
using Simulation.Scenarios.Experiments.Charts;
using Simulation.Scenarios.Reporting;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// A sweep's charts, one per KPI of interest: a response curve (mean and 95% CI against the parameter)
/// when one numeric parameter is swept, a heatmap of means when a grid sweeps two, and for Sobol
/// designs a bar chart of first-order and total indices with their bootstrap CIs.
/// </summary>
internal static class SweepCharts
{
    private static readonly double[] ColourBarStops = [0, 0.5, 1];

    public static void Write(
        string chartsFolder,
        SweepState state,
        IReadOnlyList<object[]>? parameterValues,
        double[][] means,
        double[][] halfWidths,
        IReadOnlyList<SensitivityRow> sensitivity)
    {
        bool response = state.Parameters.Count == 1 && state.Parameters[0].Type != ParameterType.Text && parameterValues is not null;
        bool heatmap = state.Parameters.Count == 2 && state.Design == DesignKind.Grid && parameterValues is not null;
        if (!response && !heatmap && sensitivity.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(chartsFolder);
        for (int k = 0; k < state.Kpis.Count; k++)
        {
            string kpi = state.Kpis[k];
            if (response)
            {
                ResponseCurve(Path.Combine(chartsFolder, "response-" + kpi), state, kpi, parameterValues!, means, halfWidths, k);
            }

            if (heatmap)
            {
                Heatmap(Path.Combine(chartsFolder, "heatmap-" + kpi), state, kpi, parameterValues!, means, k);
            }

            var indices = sensitivity.Where(s => s.Kpi == kpi).ToList();
            if (indices.Count > 0)
            {
                SensitivityBars(Path.Combine(chartsFolder, "sensitivity-" + kpi), state, kpi, indices);
            }
        }
    }

    private static void ResponseCurve(string path, SweepState state, string kpi, IReadOnlyList<object[]> values, double[][] means, double[][] halfWidths, int k)
    {
        var order = Enumerable.Range(0, state.Points).OrderBy(p => Convert.ToDouble(values[p][0], CultureInfo.InvariantCulture)).ToArray();
        double[] x = [.. order.Select(p => Convert.ToDouble(values[p][0], CultureInfo.InvariantCulture))];
        double[] y = [.. order.Select(p => means[p][k])];
        double[] error = [.. order.Select(p => double.IsFinite(halfWidths[p][k]) ? halfWidths[p][k] : 0)];
        var (low, high) = Band(kpi, y, error);
        ChartFiles.Save(path, 900, 600, () =>
        {
            var plot = ChartFiles.NewPlot();
            if (state.Design == DesignKind.Grid)
            {
                var band = plot.Add.FillY(x, low, high);
                band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
                band.LegendText = "95% CI";
                var line = plot.Add.Scatter(x, y);
                line.LegendText = "mean over replications";
            }
            else
            {
                var bars = plot.Add.ErrorBar(x, y, error);
                bars.YErrorNegative = [.. y.Zip(low, (m, l) => m - l)];
                bars.YErrorPositive = [.. high.Zip(y, (h, m) => h - m)];
                bars.LegendText = "95% CI";
                var points = plot.Add.ScatterPoints(x, y);
                points.LegendText = "mean over replications";
            }

            plot.Title($"{state.Name}: {KpiPresentation.Label(kpi).ToLowerInvariant()} against {ParameterLabel(state.Parameters[0].Path).ToLowerInvariant()}");
            plot.XLabel(ParameterLabel(state.Parameters[0].Path));
            plot.YLabel($"{KpiPresentation.Label(kpi)} ({kpi})");
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = NumberText.Compact };
            // Below the plot: inside it, the legend covers points near the lower right (a KPI at 0 at the largest value).
            plot.ShowLegend(Edge.Bottom);
            return plot;
        });
    }

    /// <summary>
    /// The 95% CI band drawn around <paramref name="means"/>: as in sim run's table, it stops at the KPI's
    /// natural range (a fill rate at 1, a count at 0); points.parquet keeps the raw bounds. A KPI the
    /// catalogue no longer has (a sweep resumed across versions) is not clipped.
    /// </summary>
    internal static (double[] Low, double[] High) Band(string kpi, double[] means, double[] halfWidths)
    {
        int catalogued = KpiCatalog.IndexOf(kpi);
        var range = catalogued >= 0 ? KpiCatalog.All[catalogued].Range : new KpiRange(double.NegativeInfinity, double.PositiveInfinity);
        return ([.. means.Zip(halfWidths, (m, e) => range.Clamp(m - e))], [.. means.Zip(halfWidths, (m, e) => range.Clamp(m + e))]);
    }

    private static void Heatmap(string path, SweepState state, string kpi, IReadOnlyList<object[]> values, double[][] means, int k)
    {
        // Grid points are row-major with the second parameter varying fastest: levels in plan order.
        var xLevels = values.Select(v => Text(v[1])).Distinct().ToList();
        var yLevels = values.Select(v => Text(v[0])).Distinct().ToList();
        var cells = new double[xLevels.Count, yLevels.Count];
        for (int p = 0; p < state.Points; p++)
        {
            cells[xLevels.IndexOf(Text(values[p][1])), yLevels.IndexOf(Text(values[p][0]))] = means[p][k];
        }

        // Cells are drawn as rectangles centred on (x level, y level) so each sits exactly on its tick
        // labels; the colour runs from the lowest mean (dark) to the highest (yellow), and each cell
        // carries its value.
        var finite = cells.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double low = finite.Min();
        double span = finite.Max() - low;
        var colormap = new ScottPlot.Colormaps.Viridis();
        ChartFiles.Save(path, 900, 650, () =>
        {
            var plot = ChartFiles.NewPlot();
            for (int column = 0; column < xLevels.Count; column++)
            {
                for (int row = 0; row < yLevels.Count; row++)
                {
                    double value = cells[column, row];
                    var cell = plot.Add.Rectangle(column - 0.5, column + 0.5, row - 0.5, row + 0.5);
                    cell.FillColor = double.IsFinite(value) ? colormap.GetColor(span > 0 ? (value - low) / span : 0.5) : Colors.LightGray;
                    cell.LineWidth = 0;
                    var label = plot.Add.Text(Format(value), column, row);
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontColor = Colors.White;
                    label.LabelBackgroundColor = Colors.Black.WithAlpha(0.4);
                }
            }

            ColourBar(plot, colormap, xLevels.Count, yLevels.Count, low, low + span);
            plot.Axes.SetLimits(-0.5, xLevels.Count + 0.9, -0.5, yLevels.Count - 0.5);
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, xLevels.Count).Select(i => (double)i)], [.. xLevels]);
            plot.Axes.Left.SetTicks([.. Enumerable.Range(0, yLevels.Count).Select(i => (double)i)], [.. yLevels]);
            plot.Title($"{state.Name}: mean {KpiPresentation.Label(kpi).ToLowerInvariant()} ({kpi})");
            plot.XLabel(ParameterLabel(state.Parameters[1].Path));
            plot.YLabel(ParameterLabel(state.Parameters[0].Path));
            return plot;
        });
    }

    /// <summary>A vertical colour bar right of the cells, from the lowest mean (bottom) to the highest (top), with its values.</summary>
    private static void ColourBar(Plot plot, ScottPlot.Colormaps.Viridis colormap, int columns, int rows, double low, double high)
    {
        const int Steps = 24;
        double bottom = -0.5;
        double height = rows / (double)Steps;
        for (int i = 0; i < Steps; i++)
        {
            var strip = plot.Add.Rectangle(columns - 0.2, columns + 0.15, bottom + (i * height), bottom + ((i + 1) * height));
            strip.FillColor = colormap.GetColor((i + 0.5) / Steps);
            strip.LineWidth = 0;
        }

        foreach (double f in ColourBarStops)
        {
            var label = plot.Add.Text(NumberText.Compact(low + (f * (high - low))), columns + 0.2, bottom + (f * rows));
            label.LabelAlignment = f == 0 ? Alignment.LowerLeft : f == 1 ? Alignment.UpperLeft : Alignment.MiddleLeft;
            label.LabelFontSize = 12;
        }
    }

    /// <summary>
    /// A --set path as people read it: the key after the item, humanised, with the item in brackets
    /// ("regions[bd-dhaka].credit.annual_rate" reads "Credit annual rate (bd-dhaka)").
    /// </summary>
    internal static string ParameterLabel(string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^(?:[a-z_]+\[(?<item>[^\]]+)\]\.)?(?<key>.+)$");
        string key = match.Groups["key"].Value.Replace('.', ' ');
        string label = KpiPresentation.Label(key.Replace(' ', '_'));
        return match.Groups["item"].Success ? $"{label} ({match.Groups["item"].Value})" : label;
    }

    private static void SensitivityBars(string path, SweepState state, string kpi, List<SensitivityRow> rows)
    {
        ChartFiles.Save(path, Math.Max(800, 160 * rows.Count), 550, () =>
        {
            var plot = ChartFiles.NewPlot();
            var first = new List<Bar>();
            var total = new List<Bar>();
            for (int i = 0; i < rows.Count; i++)
            {
                var index = rows[i].Index;
                first.Add(new Bar { Position = (3 * i) + 0.5, Value = index.FirstOrder, FillColor = Colors.SteelBlue });
                total.Add(new Bar { Position = (3 * i) + 1.5, Value = index.Total, FillColor = Colors.DarkOrange });
            }

            plot.Add.Bars(first).LegendText = "first order S1";
            plot.Add.Bars(total).LegendText = "total ST";
            for (int i = 0; i < rows.Count; i++)
            {
                var index = rows[i].Index;
                ChartFiles.VerticalInterval(plot, index.FirstOrderLow, index.FirstOrderHigh, (3 * i) + 0.5, Colors.Black);
                ChartFiles.VerticalInterval(plot, index.TotalLow, index.TotalHigh, (3 * i) + 1.5, Colors.Black);
            }

            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (3.0 * i) + 1)], [.. rows.Select(r => ParameterLabel(state.Parameters.First(p => p.Name == r.Parameter).Path))]);
            plot.Add.HorizontalLine(0, 1, Colors.Gray);
            plot.Title($"{state.Name}: Sobol indices of {KpiPresentation.Label(kpi).ToLowerInvariant()} (95% bootstrap CI)");
            plot.YLabel("share of variance");
            plot.ShowLegend(Alignment.UpperRight);
            return plot;
        });
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Format(double value) => NumberText.Compact(value);
}
