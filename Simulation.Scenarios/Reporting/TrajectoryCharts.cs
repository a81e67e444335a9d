using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// KPI trajectories over time: for each metric column of <c>timeseries.parquet</c>, the mean across
/// replications and the band from the 5th to the 95th percentile (90% of replications). Which charts
/// exist follows the file's columns and <see cref="TimeSeriesCatalog"/> (units and meanings), so a
/// metric added to the catalogue gets a chart with no change here. Metrics named <c>x_tier_N</c> share
/// one chart, a line per tier. Headline metrics come first, in <see cref="HeadlineOrder"/>.
/// </summary>
internal static partial class TrajectoryCharts
{
    /// <summary>Metrics (or tier families) shown first, in this order; the rest follow in column order.</summary>
    private static readonly string[] HeadlineOrder =
        ["fill_rate", "cost", "co2e_kg", "active_suppliers", "suppliers_in_stress", "open_violations"];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["fill_rate"] = "Service: fill rate",
        ["cost"] = "Buyer-side cost",
        ["co2e_kg"] = "CO2e emissions",
        ["active_suppliers"] = "Active suppliers by tier",
        ["suppliers_in_stress"] = "Cash stress: suppliers unable to pay their costs",
        ["open_violations"] = "Open violations",
        ["demand_units"] = "End-customer demand",
        ["delivered_units"] = "Units delivered to end customers",
        ["buyer_on_hand"] = "Stock on hand at buyers",
        ["buyer_backorders"] = "Backorders at buyers",
        ["disrupted_suppliers"] = "Suppliers hit by a disruption",
    };

    private static readonly string[] KeyColumns = ["replication", "day", "date"];

    /// <summary>The charts to draw, each a list of metric columns, from the columns of timeseries.parquet.</summary>
    public static IReadOnlyList<(string Key, string[] Metrics)> Plan(IEnumerable<string> columns)
    {
        var groups = new List<(string Key, List<string> Metrics)>();
        foreach (string column in columns.Where(c => !KeyColumns.Contains(c)))
        {
            var tier = TierMetric().Match(column);
            string key = tier.Success ? tier.Groups[1].Value : column;
            int existing = groups.FindIndex(g => g.Key == key);
            if (existing >= 0)
            {
                groups[existing].Metrics.Add(column);
            }
            else
            {
                groups.Add((key, [column]));
            }
        }

        return [.. groups
            .Select((g, index) => (g, index))
            .OrderBy(x => Array.IndexOf(HeadlineOrder, x.g.Key) is int h and >= 0 ? h : HeadlineOrder.Length + x.index)
            .Select(x => (x.g.Key, x.g.Metrics.ToArray()))];
    }

    public static ChartFile Render(string key, IReadOnlyList<SeriesBand> bands, RunData data, string folder)
    {
        var manifest = data.Manifest;
        var info = TimeSeriesCatalog.IndexOf(bands[0].Metric) is int i and >= 0 ? TimeSeriesCatalog.All[i] : null;
        string unit = info?.Unit ?? "value";
        int every = Math.Max(1, manifest.TimeseriesEveryDays);
        bool flow = info is not null && info.Description.Contains("that period", StringComparison.Ordinal) && unit != "fraction";
        string yLabel = flow ? (every == 1 ? $"{unit} per day" : $"{unit} per {every} days") : unit;
        string title = Titles.GetValueOrDefault(key) ?? Humanize(key);
        bool dates = manifest.StartDate is not null;
        var plot = ChartStyle.NewPlot(title, dates ? "Date" : "Simulated day", yLabel);

        for (int b = 0; b < bands.Count; b++)
        {
            var band = bands[b];
            double[] xs = dates ? [.. band.Days.Select(d => manifest.StartDate!.Value.AddDays((int)d).ToDateTime(TimeOnly.MinValue).ToOADate())] : band.Days;
            var color = ChartStyle.Palette[b % ChartStyle.Palette.Length];
            string label = bands.Count > 1 ? Humanize(TierMetric().Match(band.Metric) is { Success: true } m ? $"tier {m.Groups[2].Value}" : band.Metric) : "mean";
            var fill = plot.Add.FillY(xs, band.P5, band.P95);
            fill.FillColor = color.WithAlpha(0.2);
            fill.LineWidth = 0;
            var line = plot.Add.ScatterLine(xs, band.Mean, color);
            line.LineWidth = 3;
            if (bands.Count > 1)
            {
                line.LegendText = $"{label} (mean and 90% band)";
            }
            else
            {
                fill.LegendText = "90% of replications (5th-95th percentile)";
                line.LegendText = "mean across replications";
            }
        }

        if (manifest.WarmupDays > 0)
        {
            double warmup = dates
                ? manifest.StartDate!.Value.AddDays((int)Math.Round(manifest.WarmupDays)).ToDateTime(TimeOnly.MinValue).ToOADate()
                : manifest.WarmupDays;
            var line = plot.Add.VerticalLine(warmup, 2, Colors.Gray);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "end of warm-up";
        }

        if (dates)
        {
            ChartStyle.DateAxis(plot, "Date");
        }

        plot.ShowLegend(Edge.Bottom);
        // Room on the right for the last date label; counts and costs never go below zero.
        plot.Axes.Right.MinimumSize = 70;
        if (bands.All(b => b.P5.All(v => v >= 0)))
        {
            plot.Axes.Margins(bottom: 0);
        }

        if (unit == "fraction")
        {
            plot.Axes.SetLimitsY(Math.Min(0, bands.Min(b => b.P5.Min())), 1.05);
        }

        string name = "trajectory-" + key;
        ChartStyle.Save(plot, folder, name);
        string meaning = info is null ? "" : " " + info.Description.TrimEnd('.') + ".";
        string spacing = every > 1 ? string.Create(CultureInfo.InvariantCulture, $" Points are {every} days apart.") : "";
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"{title} over the run, across {manifest.Replications} replications: the line is the mean, the shaded band holds 90% of the replications.{meaning}{spacing}");
        return new ChartFile(name, "Trajectories", title, caption);
    }

    public static string Humanize(string name)
    {
        string text = name.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^(.+)_tier_(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TierMetric();
}
