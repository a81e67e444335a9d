using System.Globalization;

namespace Simulation.Scenarios.Reporting;

/// <summary>Charts of whole-run KPIs: the cost breakdown, supplier exits, and KPI distributions across replications.</summary>
internal static class SummaryCharts
{
    private static readonly string[] CostParts = ["purchase_cost", "logistics_cost", "holding_cost", "financing_cost"];

    /// <summary>KPIs whose spread over replications gets a histogram, when the run has them and models them.</summary>
    private static readonly string[] DistributionKpis =
        ["fill_rate", "total_cost", "co2e_kg", "supplier_exits", "liquidity_stress_days", "open_violations"];

    /// <summary>Most bins of a histogram.</summary>
    private const int MaxBins = 40;

    public static ChartFile? CostBreakdown(RunData data, string folder)
    {
        var rows = CostParts.Where(k => data.Presentation.Applies(k)).Select(data.SummaryOf).OfType<SummaryRow>().ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        var chart = new SvgChart("Cost breakdown (mean per replication)", "Cost component", data.Presentation.Unit(rows[0].Unit) + " after warm-up");
        chart.XCategories([.. rows.Select((r, i) => ((double)i, KpiPresentation.Label(r.Kpi).Replace(" cost", "", StringComparison.Ordinal)))]).Include(-0.6).Include(rows.Length - 0.4);
        for (int i = 0; i < rows.Length; i++)
        {
            // Drawn by hand: a cost's interval stops at 0 (Ci95InRange); the value label sits above the whisker.
            var (low, high) = rows[i].Ci95InRange;
            chart.Bar(i - 0.35, i + 0.35, rows[i].Mean, SvgChart.Palette[i], Data(rows[i].Kpi, rows[i].Mean), NumberText.Compact(rows[i].Mean));
            if (double.IsFinite(low))
            {
                chart.Whisker(i, low, high);
            }
        }

        ChartFile.Write(folder, "cost-breakdown", chart.ToSvg());
        return new ChartFile(
            "cost-breakdown",
            "Cost",
            "Cost breakdown",
            "What the buyers pay over the run after the warm-up, by component (purchases from suppliers, transport, holding stock), plus the interest suppliers pay on credit when the scenario offers credit. Whiskers are 95% confidence intervals of the mean (stopping at 0).",
            string.Join(", ", rows.Select(r => r.Kpi)));
    }

    public static ChartFile Exits(RunData data, string folder)
    {
        // Termination by buyers needs a social section (corrective-action deadlines).
        var exits = data.Exits.Where(e => e.Label != "terminated" || data.Presentation.Applies("exits_terminated")).ToArray();
        var chart = new SvgChart("Supplier exits by tier, size and cause", "", "exits per replication (mean)");
        string[] categories = ["tier", "size", "cause"];
        var ticks = new List<(double, string)>();
        double position = 0;
        for (int c = 0; c < categories.Length; c++)
        {
            foreach (var bar in exits.Where(e => e.Category == categories[c]))
            {
                chart.Bar(position - 0.4, position + 0.4, bar.MeanPerReplication, SvgChart.Palette[c], Data(bar.Category + ":" + bar.Label, bar.MeanPerReplication), NumberText.Compact(bar.MeanPerReplication));
                ticks.Add((position, bar.Label));
                position++;
            }

            position += 0.6; // a gap between the three groups
        }

        chart.XCategories(ticks).Include(-0.7).Include(position - 0.9);
        if (exits.All(e => e.MeanPerReplication == 0))
        {
            chart.Include(y: 1).Note("No supplier left the chain after the warm-up in any replication");
        }

        ChartFile.Write(folder, "exits", chart.ToSvg());
        double total = exits.Where(e => e.Category == "cause").Sum(e => e.MeanPerReplication);
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"Suppliers that left the chain after the warm-up, per replication on average ({NumberText.Compact(total)} in all), split three ways: by tier (blue), by enterprise size (orange) and by cause (green: insolvency after a run of days unable to pay; margin below the alternative market's at a review; terminated by buyers at a missed corrective-action deadline).");
        return new ChartFile("exits", "Supplier exits", "Supplier exits by tier, size and cause", caption, "suppliers.parquet: exit_day, exit_cause, tier, size");
    }

    public static IEnumerable<ChartFile> Distributions(RunData data, string folder)
    {
        foreach (string kpi in DistributionKpis.Where(k => data.Presentation.Applies(k)))
        {
            if (!data.Kpis.TryGetValue(kpi, out var values) || data.SummaryOf(kpi) is not { } summary || values.Length == 0)
            {
                continue;
            }

            yield return Histogram(data, folder, kpi, values, summary);
        }
    }

    /// <summary>
    /// Bin edges that hold every value: whole-number values get one bin per whole number (or per run of
    /// whole numbers), centred on it; other values get equal bins from the smallest to the largest value.
    /// </summary>
    internal static double[] BinEdges(IReadOnlyList<double> values)
    {
        double min = values.Min();
        double max = values.Max();
        if (values.All(v => v == Math.Round(v)))
        {
            double width = Math.Max(1, Math.Ceiling((max - min + 1) / MaxBins));
            int count = (int)Math.Ceiling((max - min + 1) / width);
            return [.. Enumerable.Range(0, count + 1).Select(j => min - 0.5 + (j * width))];
        }

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            double half = Math.Max(Math.Abs(max) * 0.01, 1e-9);
            return [min - half, max + half];
        }

        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Count)), 5, MaxBins);
        return [.. Enumerable.Range(0, bins + 1).Select(j => j == bins ? max : min + ((max - min) * j / bins))];
    }

    /// <summary>How many values fall in each bin; the last bin includes its upper edge.</summary>
    internal static int[] Count(IReadOnlyList<double> values, double[] edges)
    {
        var counts = new int[edges.Length - 1];
        foreach (double v in values)
        {
            int bin = Array.BinarySearch(edges, v);
            bin = bin >= 0 ? Math.Min(bin, counts.Length - 1) : Math.Clamp(~bin - 1, 0, counts.Length - 1);
            counts[bin]++;
        }

        return counts;
    }

    private static ChartFile Histogram(RunData data, string folder, string kpi, double[] values, SummaryRow summary)
    {
        var presentation = data.Presentation;
        string label = KpiPresentation.Label(kpi);
        string title = $"{label}: spread across replications";
        double scale = summary.Unit == "fraction" ? 100 : 1;
        double[] shown = [.. values.Select(v => v * scale)];
        var chart = new SvgChart(title, presentation.LabelWithUnit(kpi, summary.Unit), "replications").IntegerY();
        double[] edges = BinEdges(shown);
        if (shown.All(v => v == Math.Round(v)))
        {
            chart.IntegerX();
        }

        int[] counts = Count(shown, edges);
        for (int b = 0; b < counts.Length; b++)
        {
            string attributes = string.Create(CultureInfo.InvariantCulture, $"data-lo=\"{edges[b]:R}\" data-hi=\"{edges[b + 1]:R}\" data-count=\"{counts[b]}\"");
            chart.Bar(edges[b], edges[b + 1], counts[b], SvgChart.Palette[0], attributes);
        }

        chart.Marker(summary.Mean * scale, "mean " + KpiPresentation.Format(summary.Mean, summary.Unit), SvgChart.Palette[1], dashed: false);
        if (summary.P5 == summary.P95)
        {
            chart.Marker(summary.P5 * scale, "p5 = p95", "#666", dashed: true, 1);
        }
        else
        {
            chart.Marker(summary.P5 * scale, "p5", "#666", dashed: true, 1);
            chart.Marker(summary.P95 * scale, "p95", "#666", dashed: true, 1);
        }
        string name = "distribution-" + kpi;
        ChartFile.Write(folder, name, chart.ToSvg());
        return new ChartFile(
            name,
            "Distributions",
            title,
            string.Create(CultureInfo.InvariantCulture,
                $"How {label.ToLowerInvariant()} varied from one replication to the next ({values.Length} replications): each bar counts the replications whose value lies in its span; the solid line is the mean, the dashed lines bound the middle 90%."),
            kpi);
    }

    private static string Data(string what, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"data-what=\"{System.Net.WebUtility.HtmlEncode(what)}\" data-value=\"{value:R}\"");
}
