using System.Globalization;
using System.Text.RegularExpressions;
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
        string shown = data.Presentation.Unit(unit);
        string yLabel = flow ? (every == 1 ? $"{shown} per day" : $"{shown} per {every} days") : shown;
        string title = Titles.GetValueOrDefault(key) ?? KpiPresentation.Label(key);
        bool dates = manifest.StartDate is not null;
        var chart = new SvgChart(title, dates ? "Date" : "Simulated day", yLabel);
        if (manifest.StartDate is { } start)
        {
            chart.XFormat(day => start.AddDays((int)Math.Round(day)).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        double scale = unit == "fraction" ? 100 : 1;
        for (int b = 0; b < bands.Count; b++)
        {
            var band = bands[b];
            string colour = SvgChart.Palette[b % SvgChart.Palette.Length];
            double[] Scaled(double[] v) => scale == 1 ? v : [.. v.Select(x => x * scale)];
            if (bands.Count > 1)
            {
                string label = TierMetric().Match(band.Metric) is { Success: true } m ? $"tier {m.Groups[2].Value}" : Humanize(band.Metric);
                chart.Line(label + " (mean, 90% band)", band.Days, Scaled(band.Mean), colour, Scaled(band.P5), Scaled(band.P95));
            }
            else
            {
                chart.Line("mean across replications", band.Days, Scaled(band.Mean), colour, Scaled(band.P5), Scaled(band.P95), "90% of replications (5th-95th percentile)");
            }
        }

        AddMarkers(chart, manifest.WarmupDays, data.Levers);
        string name = "trajectory-" + key;
        ChartFile.Write(folder, name, chart.ToSvg());
        string meaning = info is null ? "" : " " + info.Description.TrimEnd('.') + ".";
        string spacing = every > 1 ? string.Create(CultureInfo.InvariantCulture, $" Points are {every} days apart.") : "";
        string thinned = bands[0].Thinned ? " Long runs are thinned to the lowest and highest mean of each stretch of days, so short spikes stay visible." : "";
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"{title} over the run, across {manifest.Replications} replications: the line is the mean, the shaded band holds 90% of the replications.{meaning}{spacing}{thinned}");
        return new ChartFile(name, "Trajectories", title, caption, string.Join(", ", bands.Select(b => b.Metric)));
    }

    /// <summary>Dashed grey line where the warm-up ends; a green line where each lever starts, dashed where it ends.</summary>
    private static void AddMarkers(SvgChart chart, double warmupDays, IReadOnlyList<Lever> levers)
    {
        int row = 0;
        if (warmupDays > 0)
        {
            chart.Marker(warmupDays, "end of warm-up", "#666", dashed: true, row++);
        }

        foreach (var lever in levers)
        {
            chart.Marker(lever.StartDay, lever.Label + " starts", "#009E73", dashed: false, row++ % 4);
            if (lever.EndDay is { } end)
            {
                chart.Marker(end, lever.Label + " ends", "#009E73", dashed: true, row++ % 4);
            }
        }
    }

    public static string Humanize(string name)
    {
        string text = name.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^(.+)_tier_(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TierMetric();
}
