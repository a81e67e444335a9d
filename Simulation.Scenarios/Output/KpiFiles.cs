using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Experiments;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Writes <c>kpis.parquet</c> (one row per replication: replication, seed, one double column per KPI)
/// plus, per alert, <c>alert_&lt;id&gt;_fired</c> and <c>alert_&lt;id&gt;_first_day</c>, and <c>summary.parquet</c> (one row per KPI: mean, sd, ci95_low, ci95_high, p5, p50, p95, n).
/// Schemas are documented in docs/outputs.md.
/// </summary>
internal static class KpiFiles
{
    public static Task WriteKpisAsync(
        string path,
        IReadOnlyList<ulong> seeds,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<AlertDefinition> alerts,
        IReadOnlyList<IReadOnlyList<AlertOutcome>> alertOutcomes,
        CancellationToken cancellationToken)
    {
        var table = new ParquetColumns(rows.Count);
        table.Add("replication", Enumerable.Range(0, rows.Count).ToArray());
        table.Add("seed", ParquetColumns.SeedBits(seeds));
        for (int k = 0; k < KpiCatalog.All.Count; k++)
        {
            int column = k;
            table.Add(KpiCatalog.All[k].Name, rows.Select(r => r[column]).ToArray());
        }

        for (int a = 0; a < alerts.Count; a++)
        {
            int column = a;
            table.Add(AlertFiredColumn(alerts[a].Id), alertOutcomes.Select(r => r[column].Fired).ToArray());
            table.Add(AlertFirstDayColumn(alerts[a].Id), alertOutcomes.Select(r => r[column].FirstDay).ToArray());
        }

        return table.WriteAsync(path, cancellationToken);
    }

    /// <summary>The kpis.parquet column telling whether alert <paramref name="id"/> fired (boolean).</summary>
    public static string AlertFiredColumn(string id) => "alert_" + id + "_fired";

    /// <summary>The kpis.parquet column with the first day alert <paramref name="id"/> fired (double, null when it did not or has no day).</summary>
    public static string AlertFirstDayColumn(string id) => "alert_" + id + "_first_day";

    public static Task WriteSummaryAsync(string path, IReadOnlyList<KpiSummary> summaries, CancellationToken cancellationToken)
    {
        var table = new ParquetColumns(summaries.Count);
        table.Add("kpi", summaries.Select(s => s.Kpi.Name).ToArray());
        table.Add("unit", summaries.Select(s => s.Kpi.Unit).ToArray());
        table.Add("kpi_group", summaries.Select(s => s.Kpi.Group.ToString().ToLowerInvariant()).ToArray());
        table.Add("n", summaries.Select(s => s.Summary.N).ToArray());
        table.Add("mean", summaries.Select(s => s.Summary.Mean).ToArray());
        table.Add("sd", summaries.Select(s => s.Summary.StandardDeviation).ToArray());
        table.Add("ci95_low", summaries.Select(s => s.Summary.Ci95Low).ToArray());
        table.Add("ci95_high", summaries.Select(s => s.Summary.Ci95High).ToArray());
        table.Add("p5", summaries.Select(s => s.Summary.P5).ToArray());
        table.Add("p50", summaries.Select(s => s.Summary.P50).ToArray());
        table.Add("p95", summaries.Select(s => s.Summary.P95).ToArray());
        return table.WriteAsync(path, cancellationToken);
    }
}
