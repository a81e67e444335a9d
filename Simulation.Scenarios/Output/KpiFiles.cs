using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Experiments;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Writes <c>kpis.parquet</c> (one row per replication: replication, seed, one nullable double column per KPI,
/// null for a KPI of a part the scenario does not model, see <see cref="Reporting.KpiPresentation.ApplicableKpis"/>)
/// plus, per alert, <c>alert_&lt;id&gt;_fired</c> and <c>alert_&lt;id&gt;_first_day</c>, and <c>summary.parquet</c> (one row per KPI: mean, sd, ci95_low, ci95_high, p5, p50, p95, n;
/// the statistics are null when n is 0: the KPI does not apply, or is undefined in every replication).
/// Schemas are documented in docs/outputs.md.
/// </summary>
internal static class KpiFiles
{
    public static Task WriteKpisAsync(
        string path,
        IReadOnlyList<ulong> seeds,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<bool> applies,
        IReadOnlyList<AlertDefinition> alerts,
        IReadOnlyList<IReadOnlyList<AlertOutcome>> alertOutcomes,
        CancellationToken cancellationToken)
    {
        var table = new ParquetColumns(rows.Count);
        table.Add("replication", Enumerable.Range(0, rows.Count).ToArray());
        table.Add("seed", ParquetColumns.SeedBits(seeds));
        for (int k = 0; k < KpiCatalog.All.Count; k++)
        {
            table.Add(KpiCatalog.All[k].Name, Column(rows, k, applies[k]));
        }

        for (int a = 0; a < alerts.Count; a++)
        {
            int column = a;
            table.Add(AlertFiredColumn(alerts[a].Id), alertOutcomes.Select(r => r[column].Fired).ToArray());
            table.Add(AlertFirstDayColumn(alerts[a].Id), alertOutcomes.Select(r => r[column].FirstDay).ToArray());
        }

        return table.WriteAsync(path, cancellationToken);
    }

    /// <summary>KPI <paramref name="k"/> of every row, or all nulls when the KPI does not apply to the scenario.</summary>
    public static double?[] Column(IEnumerable<double[]> rows, int k, bool applies) =>
        [.. rows.Select(r => applies ? r[k] : (double?)null)];

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
        table.Add("mean", Statistic(summaries, s => s.Mean));
        table.Add("sd", Statistic(summaries, s => s.StandardDeviation));
        table.Add("ci95_low", Statistic(summaries, s => s.Ci95Low));
        table.Add("ci95_high", Statistic(summaries, s => s.Ci95High));
        table.Add("p5", Statistic(summaries, s => s.P5));
        table.Add("p50", Statistic(summaries, s => s.P50));
        table.Add("p95", Statistic(summaries, s => s.P95));
        return table.WriteAsync(path, cancellationToken);
    }

    /// <summary>One statistic per KPI; null when nothing was summarised (n = 0), where the mean of no values would be NaN.</summary>
    private static double?[] Statistic(IReadOnlyList<KpiSummary> summaries, Func<Core.Statistics.Summary, double> statistic) =>
        [.. summaries.Select(s => s.Summary.N == 0 ? (double?)null : statistic(s.Summary))];
}
