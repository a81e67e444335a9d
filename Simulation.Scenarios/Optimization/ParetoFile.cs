using Simulation.Core.Optimization;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Writes <c>pareto.parquet</c>: today's mix first (<c>point</c> 0, <c>variant</c> <c>baseline</c>), then one
/// row per solved point. Columns: <c>point</c> (int), <c>label</c> (<c>today</c> or the point number),
/// <c>breaks_caps</c> and <c>worse_than_baseline</c> (booleans from the simulated CIs, <see cref="PointVerdict"/>),
/// <c>flags</c> (the same in words), <c>epsilon</c> (the cap on the axis; NaN for a single solve),
/// <c>objective</c> and <c>axis</c> (KPI names; axis empty for a single solve), <c>status</c>
/// (optimal, feasible, infeasible, no_solution_in_time), <c>gap</c>, <c>solve_seconds</c>,
/// <c>suppliers_used</c>, <c>programme_enrolments</c> and <c>programme_cost_per_year</c> (0 when
/// enrolment was not a decision), <c>chosen</c> (1 for the mix in mix.yaml), <c>variant</c> (the variant file),
/// and per KPI k of cost, co2e, water, social, shortfall, cvar: <c>predicted_k</c>,
/// <c>simulated_k_mean</c>, <c>simulated_k_ci95_low</c>, <c>simulated_k_ci95_high</c>, and the paired
/// difference from today's mix <c>diff_k_mean</c>, <c>diff_k_ci95_low</c>, <c>diff_k_ci95_high</c> (NaN where
/// there is no value, and for today's mix). Documented in docs/optimizer.md.
/// </summary>
internal static class ParetoFile
{
    public static Task WriteAsync(string path, OptimizeOutcome outcome, CancellationToken cancellationToken)
    {
        var points = outcome.Points;
        var table = new ParquetColumns(points.Count);
        table.Add("point", points.Select(p => p.Index).ToArray());
        table.Add("label", points.Select(p => p.Label).ToArray());
        table.Add("breaks_caps", points.Select(p => p.BrokenCaps.Count > 0).ToArray());
        table.Add("worse_than_baseline", points.Select(p => p.WorseThanBaseline.Count > 0).ToArray());
        table.Add("flags", points.Select(p => p.IsFlagged ? PointVerdict.Describe(p) : "").ToArray());
        table.Add("epsilon", points.Select(p => p.Epsilon ?? double.NaN).ToArray());
        table.Add("objective", points.Select(_ => SourcingKpis.Name(outcome.Settings.Objective)).ToArray());
        table.Add("axis", points.Select(_ => outcome.Axis is { } axis ? SourcingKpis.Name(axis) : "").ToArray());
        table.Add("status", points.Select(p => SourcingStatusNames.Name(p.Solution.Status)).ToArray());
        table.Add("gap", points.Select(p => p.Solution.Gap).ToArray());
        table.Add("solve_seconds", points.Select(p => p.Solution.SolveTime.TotalSeconds).ToArray());
        table.Add("suppliers_used", points.Select(p => p.Mix.Select(m => m.SupplierId).Distinct(StringComparer.Ordinal).Count()).ToArray());
        table.Add("programme_enrolments", points.Select(p => p.Enrolments.Count).ToArray());
        table.Add("programme_cost_per_year", points.Select(p => p.Enrolments.Sum(e => e.CostPerYear)).ToArray());
        table.Add("chosen", points.Select(p => p.Index == outcome.ChosenIndex ? 1 : 0).ToArray());
        table.Add("variant", points.Select(p => p.VariantFile).ToArray());
        foreach (var kpi in SourcingKpis.All)
        {
            string name = SourcingKpis.Name(kpi);
            table.Add($"predicted_{name}", points.Select(p => p.Solution.Predicted.TryGetValue(kpi, out double v) ? v : double.NaN).ToArray());
            table.Add($"simulated_{name}_mean", points.Select(p => p.Simulated?.Kpis[kpi].Mean ?? double.NaN).ToArray());
            table.Add($"simulated_{name}_ci95_low", points.Select(p => p.Simulated?.Kpis[kpi].Ci95Low ?? double.NaN).ToArray());
            table.Add($"simulated_{name}_ci95_high", points.Select(p => p.Simulated?.Kpis[kpi].Ci95High ?? double.NaN).ToArray());
            table.Add($"diff_{name}_mean", points.Select(p => p.Differences.TryGetValue(kpi, out var d) ? d.Mean : double.NaN).ToArray());
            table.Add($"diff_{name}_ci95_low", points.Select(p => p.Differences.TryGetValue(kpi, out var d) ? d.Ci95Low : double.NaN).ToArray());
            table.Add($"diff_{name}_ci95_high", points.Select(p => p.Differences.TryGetValue(kpi, out var d) ? d.Ci95High : double.NaN).ToArray());
        }

        return table.WriteAsync(path, cancellationToken);
    }
}
