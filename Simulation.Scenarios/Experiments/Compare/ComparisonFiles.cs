using Simulation.Core.Network;
using Simulation.Core.Randomness;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>
/// Writes <c>compare.parquet</c> (a row per variant and KPI) and the comparison's <c>kpis.parquet</c>
/// (a row per variant and replication). Column meanings are in docs/experiments.md.
/// </summary>
internal static class ComparisonFiles
{
    public static Task WriteComparisonAsync(string path, IReadOnlyList<KpiDifference> rows, CancellationToken cancellationToken)
    {
        var table = new ParquetColumns(rows.Count);
        table.Add("variant", rows.Select(r => r.Variant).ToArray());
        table.Add("kpi", rows.Select(r => r.Kpi.Name).ToArray());
        table.Add("unit", rows.Select(r => r.Kpi.Unit).ToArray());
        table.Add("n", rows.Select(r => r.Difference.N).ToArray());
        table.Add("base_mean", rows.Select(r => r.Difference.BaseMean).ToArray());
        table.Add("variant_mean", rows.Select(r => r.Difference.VariantMean).ToArray());
        table.Add("diff_mean", rows.Select(r => r.Difference.Difference.Mean).ToArray());
        table.Add("diff_sd", rows.Select(r => r.Difference.Difference.StandardDeviation).ToArray());
        table.Add("diff_ci95_low", rows.Select(r => r.Difference.Difference.Ci95Low).ToArray());
        table.Add("diff_ci95_high", rows.Select(r => r.Difference.Difference.Ci95High).ToArray());
        table.Add("unpaired_ci95_low", rows.Select(r => r.Difference.UnpairedCi95Low).ToArray());
        table.Add("unpaired_ci95_high", rows.Select(r => r.Difference.UnpairedCi95High).ToArray());
        table.Add("variance_reduction", rows.Select(r => r.Difference.VarianceReduction).ToArray());
        return table.WriteAsync(path, cancellationToken);
    }

    /// <summary>Writes kpis.parquet: a KPI is null in the rows of a variant that does not model its part of the chain (<paramref name="applies"/>[v][k] false).</summary>
    public static Task WriteKpisAsync(string path, IReadOnlyList<string> variants, ulong masterSeed, double[][][] rows, bool[][] applies, CancellationToken cancellationToken)
    {
        int replications = rows[0].Length;
        int count = variants.Count * replications;
        var table = new ParquetColumns(count);
        table.Add("variant", Enumerable.Range(0, count).Select(i => variants[i / replications]).ToArray());
        table.Add("replication", Enumerable.Range(0, count).Select(i => i % replications).ToArray());
        table.Add("seed", ParquetColumns.SeedBits([.. Enumerable.Range(0, count).Select(i => SeedSequence.ReplicationSeed(masterSeed, i % replications))]));
        for (int k = 0; k < KpiCatalog.All.Count; k++)
        {
            int column = k;
            table.Add(KpiCatalog.All[k].Name, [.. Enumerable.Range(0, variants.Count).SelectMany(v => KpiFiles.Column(rows[v], column, applies[v][column]))]);
        }

        return table.WriteAsync(path, cancellationToken);
    }
}
