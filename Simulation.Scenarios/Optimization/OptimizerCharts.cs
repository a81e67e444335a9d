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
        if (frontierPath is not null && outcome.Axis is { } axis)
        {
            WriteFrontier(outcome, points, axis, frontierPath);
        }
    }

    private static void WriteFrontier(OptimizeOutcome outcome, List<OptimizedPoint> points, SourcingKpi axis, string path)
    {
        var objective = outcome.Settings.Objective;
        var plot = ChartFiles.NewPlot();
        double[] px = [.. points.Select(p => p.Solution.Predicted[axis])];
        double[] py = [.. points.Select(p => p.Solution.Predicted[objective])];
        var predicted = plot.Add.Scatter(px, py);
        predicted.LegendText = "predicted (optimizer)";
        predicted.MarkerSize = 8;
        predicted.LineWidth = 2;

        var simulated = points.Where(p => p.Simulated is not null).ToList();
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
        plot.SavePng(path, Width, Height);
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
                bars.Add(new Bar { Position = point.Index + 1, ValueBase = bottom, Value = top, FillColor = palette.GetColor(s) });
                bottom = top;
            }
        }

        plot.Add.Bars(bars);
        // Listed top segment first, as the bars stack.
        for (int s = segments.Count - 1; s >= 0; s--)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = segments[s], FillColor = palette.GetColor(s) });
        }

        var positions = points.Select(p => (double)(p.Index + 1)).ToArray();
        var labels = points.Select(p => p.Index == outcome.ChosenIndex ? $"{p.Index + 1}*" : $"{p.Index + 1}").ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{outcome.ScenarioName}: sourcing mix by {what} (share of all demand; * = mix.yaml)");
        plot.XLabel(outcome.Axis is { } axis ? $"frontier point (tightest {SourcingKpis.Name(axis)} cap first)" : "solution");
        plot.YLabel("share of demand");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsX(0.3, points.Count + 0.7 + Math.Max(1.2, points.Count * 0.45));  // room for the legend
        plot.SavePng(path, Width, Height);
    }
}
