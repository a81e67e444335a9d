using System.Globalization;
using System.Text;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Core.Randomness;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Writes a chosen mix as a scenario variant: <c>extends:</c> the optimised scenario and replaces each
/// optimised buyer's <c>sources</c> list (a list without ids replaces the base's; docs/scenario-format.md).
/// Every used arc is written as a <c>supplier</c> link with its share and the lead time and transport of
/// the link the optimizer priced. It also sets <c>replications</c>, so that <c>sim run</c> of the file
/// repeats the simulation check exactly (same seed, same replications: common random numbers).
/// When enrolment was a decision, it also writes the chosen enrolments (<see cref="AppendProgrammes"/>).
/// </summary>
internal static class MixVariantWriter
{
    /// <summary>Suffix of the programme that enrols the optimizer's chosen candidates.</summary>
    public const string OptimizedProgrammeSuffix = "-optimized";

    public static string Render(
        SourcingProblem problem,
        SourcingSolution solution,
        IReadOnlyList<CapacityBuildingDefinition> programmes,
        string extendsPath,
        string name,
        int replications,
        string header)
    {
        var shares = solution.Shares;
        var text = new StringBuilder();
        foreach (string line in header.Split('\n'))
        {
            text.Append("# ").AppendLine(line.TrimEnd());
        }

        text.AppendLine(Invariant($"extends: {Quote(extendsPath)}"));
        text.AppendLine(Invariant($"name: {Quote(name)}"));
        text.AppendLine(Invariant($"replications: {replications}"));
        text.AppendLine("buyers:");
        for (int b = 0; b < problem.Buyers.Count; b++)
        {
            text.AppendLine(Invariant($"  - id: {Quote(problem.Buyers[b].Id)}"));
            text.AppendLine("    sources:");
            var arcs = Enumerable.Range(0, problem.Arcs.Count)
                .Where(a => problem.Arcs[a].BuyerIndex == b && shares[a] > SourcingEvaluation.UsedThreshold)
                .ToList();
            var rounded = RoundedShares(arcs.Select(a => shares[a]).ToArray());
            for (int k = 0; k < arcs.Count; k++)
            {
                var arc = problem.Arcs[arcs[k]];
                var link = arc.Link ?? new SourceLink { SupplierId = problem.Candidates[arc.CandidateIndex].SupplierId, Share = 0 };
                text.Append(Invariant($"      - {{supplier: {Quote(link.SupplierId)}, share: {Number(rounded[k])}"));
                if (link.LeadTimeDays is { } leadTime)
                {
                    text.Append(", lead_time_days: ").Append(Distribution(leadTime));
                }

                AppendIfPositive(text, "transport_cost_per_order", link.TransportCostPerOrder);
                AppendIfPositive(text, "transport_cost_per_unit", link.TransportCostPerUnit);
                AppendIfPositive(text, "transport_co2e_kg_per_unit", link.TransportCo2eKgPerUnit);
                text.AppendLine("}");
            }
        }

        if (problem.Programmes.Count > 0)
        {
            AppendProgrammes(text, problem, solution.Enrolled, programmes);
        }

        return text.ToString();
    }

    /// <summary>
    /// The enrolments, merged over the scenario's <c>capacity_building</c> list by id: each programme
    /// that could enrol tier-1 suppliers is narrowed to tier 2 and deeper, less the places the chosen
    /// candidates take (its own rule still enrols upstream suppliers; removed when it targets tier 1
    /// only or the chosen candidates take all its places), and a copy named
    /// <c>ID-optimized</c> enrols exactly the candidates chosen for it, from its start day.
    /// </summary>
    private static void AppendProgrammes(StringBuilder text, SourcingProblem problem, IReadOnlyList<int> enrolled, IReadOnlyList<CapacityBuildingDefinition> programmes)
    {
        text.AppendLine("social:");
        text.AppendLine("  capacity_building:");
        for (int p = 0; p < programmes.Count; p++)
        {
            var programme = programmes[p];
            var chosen = enrolled
                .Select(o => problem.ProgrammeOptions[o])
                .Where(o => o.ProgrammeIndex == p)
                .Select(o => Quote(problem.Candidates[o.CandidateIndex].SupplierId))
                .ToList();
            if (programme.Target.MinTier <= 1)
            {
                // The places the chosen candidates take are no longer the programme's own to fill; when
                // they take them all, nothing is left for its own rule, and the programme goes.
                int left = programme.MaxSuppliers - chosen.Count;
                string places = programme.MaxSuppliers < int.MaxValue ? Invariant($", max_suppliers: {left}") : "";
                text.AppendLine(programme.Target.MaxTier >= 2 && left > 0
                    ? Invariant($"    - {{id: {Quote(programme.Id)}, target: {{min_tier: 2}}{places}}}")
                    : Invariant($"    - {{id: {Quote(programme.Id)}, remove: true}}"));
            }

            if (chosen.Count == 0)
            {
                continue;
            }

            text.AppendLine(Invariant($"    - id: {Quote(programme.Id + OptimizedProgrammeSuffix)}"));
            if (programme.Funders.Count > 0)
            {
                text.AppendLine(Invariant($"      funders: [{string.Join(", ", programme.Funders.Select(Quote))}]"));
            }

            text.AppendLine(Invariant($"      target: {{suppliers: [{string.Join(", ", chosen)}]}}"));
            text.AppendLine(Invariant($"      max_suppliers: {chosen.Count}"));
            text.AppendLine(Invariant($"      cost_per_supplier_month: {Number(programme.CostPerSupplierMonth)}"));
            text.AppendLine(Invariant($"      duration_days: {Number(programme.DurationDays)}"));
            text.AppendLine(Invariant($"      capability_gain_per_year: {Number(programme.CapabilityGainPerYear)}"));
            AppendLineIfPositive(text, "productivity_gain", programme.ProductivityGain);
            AppendLineIfPositive(text, "carbon_reduction", programme.CarbonReduction);
            AppendLineIfPositive(text, "capacity_gain", programme.CapacityGain);
            AppendLineIfPositive(text, "start_day", programme.StartDay);
            if (double.IsFinite(programme.EndDay))
            {
                text.AppendLine(Invariant($"      end_day: {Number(programme.EndDay)}"));
            }
        }
    }

    private static void AppendLineIfPositive(StringBuilder text, string key, double value)
    {
        if (value > 0)
        {
            text.Append("      ").Append(key).Append(": ").AppendLine(Number(value));
        }
    }

    /// <summary>Shares rounded to 9 decimals, the largest absorbing the rounding so they still sum to 1 within 1e-9.</summary>
    private static double[] RoundedShares(double[] shares)
    {
        var rounded = shares.Select(s => Math.Round(s, 9, MidpointRounding.AwayFromZero)).ToArray();
        if (rounded.Length > 0)
        {
            int largest = Array.IndexOf(rounded, rounded.Max());
            rounded[largest] = Math.Round(1 - rounded.Where((_, i) => i != largest).Sum(), 9, MidpointRounding.AwayFromZero);
        }

        return rounded;
    }

    private static void AppendIfPositive(StringBuilder text, string key, double value)
    {
        if (value > 0)
        {
            text.Append(", ").Append(key).Append(": ").Append(Number(value));
        }
    }

    /// <summary>A distribution in the scenario format's spelling, with its exact parameters.</summary>
    private static string Distribution(Distribution distribution) => distribution switch
    {
        ConstantDistribution c => Number(c.Value),
        NormalDistribution n => Invariant($"{{dist: normal, mean: {Number(n.Mean)}, sd: {Number(n.StandardDeviation)}}}"),
        LognormalDistribution l => Invariant($"{{dist: lognormal, mu: {Number(l.Mu)}, sigma: {Number(l.Sigma)}}}"),
        TriangularDistribution t => Invariant($"{{dist: triangular, min: {Number(t.Min)}, mode: {Number(t.Mode)}, max: {Number(t.Max)}}}"),
        UniformDistribution u => Invariant($"{{dist: uniform, min: {Number(u.Min)}, max: {Number(u.Max)}}}"),
        ExponentialDistribution e => Invariant($"{{dist: exponential, mean: {Number(e.Mean)}}}"),
        GammaDistribution g => Invariant($"{{dist: gamma, shape: {Number(g.Shape)}, scale: {Number(g.Scale)}}}"),
        PoissonDistribution p => Invariant($"{{dist: poisson, mean: {Number(p.Mean)}}}"),
        _ => throw new InvalidOperationException($"No scenario spelling for {distribution.GetType().Name}."),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Ids and paths in single quotes, so no YAML character in them changes the meaning.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
