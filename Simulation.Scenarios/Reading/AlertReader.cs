using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Reads the <c>alerts</c> list (<see cref="AlertFormat"/>): unique ids, metric names that exist for
/// their source (with the nearest name suggested), and filters only where suppliers are counted. The
/// regions and suppliers a filter names are left to the builder, as the social section's are.
/// </summary>
internal static class AlertReader
{
    public static List<AlertDefinition> Read(MapReader root, List<SocialReference> references)
    {
        var alerts = new List<AlertDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (MapReader r in root.Items("alerts"))
        {
            string id = r.Text("id") ?? "";
            if (r.Has("id") && !ids.Add(id))
            {
                r.Errors.Inconsistent(r.At("id"), r.FieldPathOf("id"), "alert ids must be unique; '" + id + "' is used twice");
            }

            MapReader? filter = r.Object("filter");
            string metric = r.Text("metric") ?? "";
            AlertSource source = SourceOf(r, metric, filter is not null);
            if (r.Has("metric"))
            {
                CheckMetric(r, metric, source);
            }

            alerts.Add(new AlertDefinition
            {
                Id = id,
                Source = source,
                Metric = metric,
                Comparison = r.Choice("comparison") switch
                {
                    "at_least" => AlertComparison.AtLeast,
                    "below" => AlertComparison.Below,
                    "at_most" => AlertComparison.AtMost,
                    _ => AlertComparison.Above,
                },
                Threshold = r.Number("threshold"),
                Filter = filter is null ? SupplierTarget.All : SocialReader.ReadTarget(filter, references),
            });
        }

        return alerts;
    }

    /// <summary>
    /// The source: as given, else supplier_exits counts exits; with a filter, a supplier flow; else a
    /// time-series metric by that name; else a KPI.
    /// </summary>
    private static AlertSource SourceOf(MapReader r, string metric, bool filtered)
    {
        string source = r.Choice("source");
        if (source == "kpi")
        {
            return AlertSource.Kpi;
        }

        if (source == "timeseries")
        {
            return AlertSource.TimeSeries;
        }

        if (metric == AlertFormat.SupplierExits && source != "suppliers")
        {
            return AlertSource.SupplierExits;
        }

        if (source == "suppliers" || filtered)
        {
            return AlertSource.Suppliers;
        }

        return TimeSeriesCatalog.IndexOf(metric) >= 0 ? AlertSource.TimeSeries : AlertSource.Kpi;
    }

    private static void CheckMetric(MapReader r, string metric, AlertSource source)
    {
        IReadOnlyList<string> names = source switch
        {
            AlertSource.TimeSeries => [.. TimeSeriesCatalog.All.Select(k => k.Name)],
            AlertSource.Kpi => [.. KpiCatalog.All.Select(k => k.Name)],
            AlertSource.Suppliers => SupplierFlowNames.All,
            _ => [AlertFormat.SupplierExits],
        };
        if (!names.Contains(metric, StringComparer.Ordinal))
        {
            string what = source switch
            {
                AlertSource.TimeSeries => "time-series metric",
                AlertSource.Kpi => "KPI or time-series metric",
                AlertSource.Suppliers => "supplier flow (a filter counts suppliers: supplier_exits or a suppliers.parquet flow)",
                _ => "metric",
            };
            IReadOnlyList<string> candidates = source == AlertSource.Kpi
                ? [.. names, .. TimeSeriesCatalog.All.Select(k => k.Name), AlertFormat.SupplierExits]
                : names;
            r.Errors.UnknownReference(r.At("metric"), r.FieldPathOf("metric"), what, metric, candidates);
        }

        if (source is AlertSource.TimeSeries or AlertSource.Kpi && r.Has("filter"))
        {
            r.Errors.Inconsistent(r.At("filter"), r.FieldPathOf("filter"),
                "a filter applies to supplier_exits and supplier flows only, not to the " + (source == AlertSource.Kpi ? "KPI" : "time series") + " '" + metric + "'");
        }
    }
}
