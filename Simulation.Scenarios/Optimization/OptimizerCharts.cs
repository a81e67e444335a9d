using Simulation.Core.Optimization;
using Simulation.Scenarios.Experiments.Charts;
using ScottPlot;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// The optimizer's charts (ScottPlot): the frontier, predicted beside simulated with 95% CIs, and the
/// mix of every point as stacked bars of volume share by supplier and by region.
/// </summary>
internal static class OptimizerCharts
{
    private const int Width = 1000;
    private const int Height = 600;

    /// <summary>Most suppliers shown by name in the supplier chart; the rest are stacked as "other".</summary>
    private const int NamedSuppliers = 12;

    public static void Write(OptimizeOutcome outcome, string suppliersPath, string regionsPath, string? frontierPath)
    {
        var points = outcome.Points.Where(p => p.Solution.HasMix).ToList();
        WriteMix(outcome, points, m => m.SupplierId, NamedSuppliers, "supplier", suppliersPath);
        WriteMix(outcome, points, m => m.RegionId, int.MaxValue, "region", regionsPath);
        WritePredictedSimulated(outcome, points, Path.Combine(Path.GetDirectoryName(suppliersPath)!, PredictedSimulatedChart + ".png"));
        if (frontierPath is not null && outcome.Axis is { } axis)
        {
            WriteFrontier(outcome, points, axis, frontierPath);
        }
    }

    /// <summary>The chart of predicted against simulated per point (file name without extension).</summary>
    public const string PredictedSimulatedChart = "predicted-simulated";

    /// <summary>
    /// Per point (today first), the objective and the shortfall: predicted beside simulated with its
    /// 95% CI; flagged points are drawn red. Two panels side by side.
    /// </summary>
    private static void WritePredictedSimulated(OptimizeOutcome outcome, List<OptimizedPoint> points, string path)
    {
        SourcingKpi[] kpis = outcome.Settings.Objective == SourcingKpi.Shortfall ? [SourcingKpi.Shortfall, SourcingKpi.Cvar] : [outcome.Settings.Objective, SourcingKpi.Shortfall];
        var multiplot = new Multiplot();
        multiplot.AddPlots(kpis.Length);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int k = 0; k < kpis.Length; k++)
        {
            var kpi = kpis[k];
            var plot = multiplot.GetPlot(k);
            var predicted = plot.Add.ScatterPoints(points.Select(p => p.Index - 0.12).ToArray(), points.Select(p => p.Solution.Predicted[kpi]).ToArray());
            predicted.LegendText = "predicted";
            predicted.MarkerShape = MarkerShape.FilledDiamond;
            predicted.MarkerSize = 10;
            foreach (var flagged in new[] { false, true })
            {
                var group = points.Where(p => p.Simulated is not null && p.IsFlagged == flagged).ToList();
                if (group.Count == 0)
                {
                    continue;
                }

                double[] x = [.. group.Select(p => p.Index + 0.12)];
                double[] y = [.. group.Select(p => p.Simulated!.Kpis[kpi].Mean)];
                var bars = plot.Add.ErrorBar(x, y, [.. group.Select(p => Above(p.Simulated!, kpi))]);
                bars.YErrorNegative = [.. group.Select(p => Below(p.Simulated!, kpi))];
                var markers = plot.Add.ScatterPoints(x, y);
                markers.MarkerSize = 9;
                markers.Color = flagged ? Colors.Red : Colors.Black;
                bars.Color = markers.Color;
                markers.LegendText = flagged ? "simulated, 95% CI: FLAGGED (worse than today or breaks a cap)" : "simulated, 95% CI";
            }

            if (outcome.Settings.Caps.TryGetValue(kpi, out double cap))
            {
                var line = plot.Add.HorizontalLine(cap);
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = "cap";
            }

            plot.Axes.Bottom.SetTicks([.. points.Select(p => (double)p.Index)], [.. points.Select(p => p.Index == outcome.ChosenIndex ? p.Label + "*" : p.Label)]);
            plot.Title($"{SourcingKpis.Name(kpi)}: predicted vs simulated");
            plot.XLabel("point (today = the current mix; * = mix.yaml)");
            plot.YLabel($"{SourcingKpis.Name(kpi)} ({SourcingKpis.Unit(kpi)})");
            plot.ShowLegend(Edge.Bottom);
        }

        ChartFiles.SavePng(multiplot, path, Width * kpis.Length * 6 / 10, Height);
    }

    private static void WriteFrontier(OptimizeOutcome outcome, List<OptimizedPoint> points, SourcingKpi axis, string path)
    {
        var objective = outcome.Settings.Objective;
        var plot = ChartFiles.NewPlot();
        var frontier = points.Where(p => !p.IsBaseline).ToList();
        double[] px = [.. frontier.Select(p => p.Solution.Predicted[axis])];
        double[] py = [.. frontier.Select(p => p.Solution.Predicted[objective])];
        var predicted = plot.Add.Scatter(px, py);
        predicted.LegendText = "predicted (optimizer)";
        predicted.MarkerSize = 8;
        predicted.LineWidth = 2;

        var simulated = frontier.Where(p => p.Simulated is not null).ToList();
        double[] sx = [.. simulated.Select(p => p.Simulated!.Kpis[axis].Mean)];
        double[] sy = [.. simulated.Select(p => p.Simulated!.Kpis[objective].Mean)];
        var bars = plot.Add.ErrorBar(sx, sy, [.. simulated.Select(p => Above(p.Simulated!, objective))]);
        bars.YErrorNegative = [.. simulated.Select(p => Below(p.Simulated!, objective))];
        bars.XErrorPositive = [.. simulated.Select(p => Above(p.Simulated!, axis))];
        bars.XErrorNegative = [.. simulated.Select(p => Below(p.Simulated!, axis))];
        var markers = plot.Add.ScatterPoints(sx, sy);
        markers.LegendText = $"simulated mean, 95% CI ({outcome.Replications} replications)";
        markers.MarkerSize = 8;
        bars.Color = markers.Color;

        var today = outcome.Baseline;
        var todayMark = plot.Add.ScatterPoints(new[] { today.Solution.Predicted[axis] }, new[] { today.Solution.Predicted[objective] });
        todayMark.MarkerShape = MarkerShape.OpenSquare;
        todayMark.MarkerSize = 14;
        todayMark.Color = Colors.DarkGreen;
        todayMark.LegendText = "today's mix, predicted";
        if (today.Simulated is { } todaySimulated)
        {
            var todaySim = plot.Add.ScatterPoints(new[] { todaySimulated.Kpis[axis].Mean }, new[] { todaySimulated.Kpis[objective].Mean });
            todaySim.MarkerShape = MarkerShape.FilledSquare;
            todaySim.MarkerSize = 12;
            todaySim.Color = Colors.DarkGreen;
            todaySim.LegendText = "today's mix, simulated";
        }

        var chosen = outcome.Points[outcome.ChosenIndex];
        double[] chosenX = [chosen.Solution.Predicted[axis]];
        double[] chosenY = [chosen.Solution.Predicted[objective]];
        var mark = plot.Add.ScatterPoints(chosenX, chosenY);
        mark.MarkerShape = MarkerShape.OpenCircle;
        mark.MarkerSize = 18;
        mark.Color = Colors.Black;
        mark.LegendText = "chosen (mix.yaml)";

        plot.Title($"{outcome.ScenarioName}: Pareto frontier, {SourcingKpis.Name(objective)} vs {SourcingKpis.Name(axis)}");
        plot.XLabel($"{SourcingKpis.Name(axis)} ({SourcingKpis.Unit(axis)})");
        plot.YLabel($"{SourcingKpis.Name(objective)} ({SourcingKpis.Unit(objective)})");
        plot.ShowLegend(Edge.Bottom);
        ChartFiles.SavePng(plot, path, Width, Height);
    }

    /// <summary>How far the 95% CI, clipped to the KPI's natural range, reaches above the mean (0 without a CI).</summary>
    private static double Above(SimulatedMix mix, SourcingKpi kpi) => Reach(mix, kpi).Above;

    /// <summary>How far the clipped 95% CI reaches below the mean (0 without a CI).</summary>
    private static double Below(SimulatedMix mix, SourcingKpi kpi) => Reach(mix, kpi).Below;

    private static (double Above, double Below) Reach(SimulatedMix mix, SourcingKpi kpi)
    {
        var summary = mix.Kpis[kpi];
        var (low, high) = SourcingKpis.Range(kpi).Clip(summary.Ci95Low, summary.Ci95High);
        return double.IsFinite(low) && double.IsFinite(high) ? (high - summary.Mean, summary.Mean - low) : (0, 0);
    }

    /// <summary>Stacked bars: one bar per point, one segment per key (supplier or region), height = share of all demand.</summary>
    private static void WriteMix(OptimizeOutcome outcome, List<OptimizedPoint> points, Func<MixShare, string> key, int named, string what, string path)
    {
        var totals = points.SelectMany(p => p.Mix).GroupBy(key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Units: g.Sum(m => m.UnitsPerDay)))
            .OrderByDescending(g => g.Units).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var shown = totals.Take(named).Select(t => t.Key).ToList();
        bool hasOther = totals.Count > shown.Count;
        var segments = hasOther ? [.. shown, "other"] : shown;
        var palette = new ScottPlot.Palettes.Category20();
        var plot = ChartFiles.NewPlot();
        var bars = new List<Bar>();
        foreach (var point in points)
        {
            double total = point.Mix.Sum(m => m.UnitsPerDay);
            double bottom = 0;
            for (int s = 0; s < segments.Count; s++)
            {
                double units = point.Mix
                    .Where(m => s < shown.Count ? string.Equals(key(m), segments[s], StringComparison.Ordinal) : !shown.Contains(key(m), StringComparer.Ordinal))
                    .Sum(m => m.UnitsPerDay);
                if (units <= 0)
                {
                    continue;
                }

                double top = bottom + (units / total);
                bars.Add(new Bar { Position = point.Index, ValueBase = bottom, Value = top, FillColor = palette.GetColor(s) });
                bottom = top;
            }
        }

        plot.Add.Bars(bars);
        // Listed top segment first, as the bars stack.
        for (int s = segments.Count - 1; s >= 0; s--)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = segments[s], FillColor = palette.GetColor(s) });
        }

        var positions = points.Select(p => (double)p.Index).ToArray();
        var labels = points.Select(p => p.Index == outcome.ChosenIndex ? $"{p.Label}*" : p.Label).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{outcome.ScenarioName}: sourcing mix by {what} (share of all demand; * = mix.yaml)");
        plot.XLabel(outcome.Axis is { } axis ? $"today, then frontier points (tightest {SourcingKpis.Name(axis)} cap first)" : "today, then the solutions");
        plot.YLabel("share of demand");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsX(-0.7, points.Count - 0.3 + Math.Max(1.2, points.Count * 0.45));  // room for the legend
        ChartFiles.SavePng(plot, path, Width, Height);
    }
}
