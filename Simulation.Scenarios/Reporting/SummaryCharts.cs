using System.Globalization;
using ScottPlot;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Scenarios.Reporting;

/// <summary>Charts of whole-run KPIs: the cost breakdown, supplier exits, and KPI distributions across replications.</summary>
internal static class SummaryCharts
{
    private static readonly string[] CostParts = ["purchase_cost", "logistics_cost", "holding_cost", "financing_cost"];

    /// <summary>KPIs whose spread over replications gets a histogram, when the run has them.</summary>
    private static readonly string[] DistributionKpis =
        ["fill_rate", "total_cost", "co2e_kg", "supplier_exits", "liquidity_stress_days", "open_violations"];

    public static ChartFile? CostBreakdown(RunData data, string folder)
    {
        var rows = CostParts.Select(data.SummaryOf).OfType<SummaryRow>().ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        string unit = rows[0].Unit;
        var plot = ChartStyle.NewPlot("Cost breakdown (mean per replication)", "Cost component", $"{unit} after warm-up");
        plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = r.Mean, FillColor = ChartStyle.Palette[i] }).ToArray());
        for (int i = 0; i < rows.Length; i++)
        {
            // Drawn by hand: a bar's own error is symmetric, and a cost's interval stops at 0. The value
            // label goes above the whisker so the two never cross.
            var (low, high) = rows[i].Ci95InRange;
            double top = rows[i].Mean;
            if (double.IsFinite(low))
            {
                ChartFiles.VerticalInterval(plot, low, high, i, Colors.Black);
                top = Math.Max(top, high);
            }

            var label = plot.Add.Text(Compact(rows[i].Mean), i, top);
            label.LabelFontSize = 22;
            label.LabelAlignment = Alignment.LowerCenter;
            label.LabelOffsetY = -6;
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Length).Select(i => (double)i)], [.. rows.Select(r => TrajectoryCharts.Humanize(r.Kpi.Replace("_cost", "", StringComparison.Ordinal)))]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ChartStyle.Save(plot, folder, "cost-breakdown");
        return new ChartFile(
            "cost-breakdown",
            "Cost",
            "Cost breakdown",
            "What the buyers pay over the run after the warm-up, by component (purchases from suppliers, transport, holding stock), plus the interest suppliers pay on credit. Whiskers are 95% confidence intervals of the mean (stopping at 0).");
    }

    public static ChartFile Exits(RunData data, string folder)
    {
        var exits = data.Exits;
        var plot = ChartStyle.NewPlot("Supplier exits by tier, size and cause", "", "exits per replication (mean)");
        string[] categories = ["tier", "size", "cause"];
        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        double position = 0;
        for (int c = 0; c < categories.Length; c++)
        {
            foreach (var bar in exits.Where(e => e.Category == categories[c]))
            {
                bars.Add(new Bar { Position = position, Value = bar.MeanPerReplication, FillColor = ChartStyle.Palette[c], Label = Compact(bar.MeanPerReplication) });
                positions.Add(position);
                labels.Add(bar.Label);
                position++;
            }

            position += 0.6; // a gap between the three groups
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 20;
        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        // Below the plot: inside it, the legend covers the last group's bars and value labels.
        foreach (var (category, i) in categories.Select((c, i) => (c, i)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "by " + category, FillColor = ChartStyle.Palette[i] });
        }

        plot.ShowLegend(Edge.Bottom);
        if (exits.All(e => e.MeanPerReplication == 0))
        {
            plot.Axes.SetLimitsY(0, 1);
            var note = plot.Add.Annotation("No supplier left the chain after the warm-up in any replication", Alignment.MiddleCenter);
            note.LabelFontSize = 28;
        }

        ChartStyle.Save(plot, folder, "exits");
        double total = exits.Where(e => e.Category == "cause").Sum(e => e.MeanPerReplication);
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"Suppliers that left the chain after the warm-up, per replication on average ({Compact(total)} in all), split three ways: by tier, by enterprise size and by cause (insolvency after a run of days unable to pay; margin below the alternative market's at a review; terminated by buyers at a missed corrective-action deadline).");
        return new ChartFile("exits", "Supplier exits", "Supplier exits by tier, size and cause", caption);
    }

    public static IEnumerable<ChartFile> Distributions(RunData data, string folder)
    {
        foreach (string kpi in DistributionKpis)
        {
            if (!data.Kpis.TryGetValue(kpi, out var values) || data.SummaryOf(kpi) is not { } summary || values.Length == 0)
            {
                continue;
            }

            string title = $"Distribution of {kpi.Replace('_', ' ')} across replications";
            var plot = ChartStyle.NewPlot(title, $"{kpi.Replace('_', ' ')} ({summary.Unit})", "replications");
            double min = values.Min();
            double max = values.Max();
            if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
            {
                (min, max) = (min - 0.5, max + 0.5);
            }

            int binCount = Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Length)), 5, 40);
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(binCount, min, max);
            histogram.AddRange(values);
            var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize * 0.95;
                bar.FillColor = ChartStyle.Palette[0].WithAlpha(0.8);
            }

            bars.LegendText = "replications per bin";
            var mean = plot.Add.VerticalLine(summary.Mean, 3, ChartStyle.Palette[1]);
            mean.LegendText = "mean " + Compact(summary.Mean);
            var p5 = plot.Add.VerticalLine(summary.P5, 2, Colors.Gray);
            p5.LinePattern = LinePattern.Dashed;
            p5.LegendText = "5th and 95th percentiles";
            plot.Add.VerticalLine(summary.P95, 2, Colors.Gray).LinePattern = LinePattern.Dashed;
            plot.Axes.Margins(bottom: 0, top: 0.2);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Compact };
            plot.ShowLegend(Alignment.UpperRight);
            string name = "distribution-" + kpi;
            ChartStyle.Save(plot, folder, name);
            yield return new ChartFile(
                name,
                "Distributions",
                title,
                string.Create(CultureInfo.InvariantCulture,
                    $"How {kpi.Replace('_', ' ')} varied from one replication to the next ({values.Length} replications): each bar counts the replications in a range of values; the solid line is the mean, the dashed lines bound the middle 90%."));
        }
    }

    /// <summary>A number for a label: three significant figures, k/M/G for large values, invariant culture.</summary>
    public static string Compact(double value)
    {
        if (!double.IsFinite(value))
        {
            return "-";
        }

        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G",
            >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
            >= 1e4 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " k",
            >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("0.###", CultureInfo.InvariantCulture),
            _ => value.ToString("0.####", CultureInfo.InvariantCulture),
        };
    }
}
