using Simulation.Core.Network;
using Simulation.Core.Optimization;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Experiments;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Simulates a mix written as a variant file with the existing run machinery (<see cref="ScenarioRun"/>,
/// the scenario's seed: common random numbers across mixes) and measures, per replication, what the
/// optimizer predicted:
/// <code>
///   cost      = cost_per_unit                       (purchase + logistics + holding per delivered unit)
///               + programme_cost / delivered units  (only when enrolment is a decision; all of the run's programmes)
///   co2e      = co2e_kg_per_unit
///   water     = water_l / delivered_units
///   social    = sum_c units made by c x risk_c / sum_c units made by c   (tier-1 candidates; risk_c as predicted)
///   shortfall = 1 - fill_rate
///   cvar      = CVaR at alpha of the replications' shortfall (one value over all replications, no CI)
/// </code>
/// and, per candidate, the ratio of units it made to units the mix sends it (for <c>--refine</c>).
/// </summary>
internal static class SimulationCheck
{
    public static async Task<SimulatedMix> RunAsync(
        string variantPath,
        IReadOnlyList<string> overrides,
        SourcingProblem problem,
        IReadOnlyList<double> shares,
        SimulationCheckSettings settings,
        CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Load(variantPath, overrides);
        if (!scenario.Succeeded)
        {
            throw new InvalidOperationException(
                $"The mix variant '{variantPath}' does not load: {string.Join("; ", scenario.Errors.Take(3))}");
        }

        var definition = scenario.Definition!;
        var candidateIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < problem.Candidates.Count; c++)
        {
            candidateIndex[problem.Candidates[c].SupplierId] = c;
        }

        var risk = new double[problem.Candidates.Count];
        foreach (var arc in problem.Arcs)
        {
            risk[arc.CandidateIndex] = arc.SocialRiskPerUnit;
        }

        var perReplication = SourcingKpis.All.ToDictionary(k => k, _ => new List<double>());
        var unitsMade = new double[problem.Candidates.Count];
        int replications = 0;
        void Observe(NetworkRunResult result)
        {
            replications++;
            double delivered = result.Kpi("delivered_units");
            // With enrolment as a decision the predicted cost carries the programmes' cost, so the simulated one does too.
            double programmes = problem.Programmes.Count > 0 && delivered > 0 ? result.Kpi("programme_cost") / delivered : 0;
            perReplication[SourcingKpi.Cost].Add(result.Kpi("cost_per_unit") + programmes);
            perReplication[SourcingKpi.Co2e].Add(result.Kpi("co2e_kg_per_unit"));
            perReplication[SourcingKpi.Water].Add(delivered > 0 ? result.Kpi("water_l") / delivered : 0);
            perReplication[SourcingKpi.Shortfall].Add(1 - result.Kpi("fill_rate"));
            double units = 0, exposure = 0;
            foreach (var supplier in result.Suppliers)
            {
                if (candidateIndex.TryGetValue(supplier.Id, out int c))
                {
                    units += supplier.UnitsProduced;
                    exposure += supplier.UnitsProduced * risk[c];
                    unitsMade[c] += supplier.UnitsProduced;
                }
            }

            perReplication[SourcingKpi.SocialRisk].Add(units > 0 ? exposure / units : 0);
        }

        var run = new RunSettings
        {
            Replications = settings.Replications,
            Threads = settings.Threads,
            OutputDirectory = settings.RunDirectory,
            CommandLine = settings.CommandLine,
            Progress = settings.Progress,
            ReplicationObserver = Observe,
        };
        var outcome = await ScenarioRun.ExecuteAsync(scenario, run, cancellationToken).ConfigureAwait(false);

        perReplication[SourcingKpi.Cvar].Add(SourcingEvaluation.ConditionalValueAtRisk(perReplication[SourcingKpi.Shortfall], settings.CvarAlpha));
        var summaries = perReplication.ToDictionary(p => p.Key, p => Summary.Of(p.Value.ToArray()));

        // Units each candidate was asked for over the measured window, from the mix and mean demand.
        double window = definition.HorizonDays - definition.WarmupDays;
        var asked = new double[problem.Candidates.Count];
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            var arc = problem.Arcs[a];
            asked[arc.CandidateIndex] += problem.Buyers[arc.BuyerIndex].DemandPerDay * shares[a] * window;
        }

        var deliveryRatio = new double?[problem.Candidates.Count];
        for (int c = 0; c < asked.Length; c++)
        {
            deliveryRatio[c] = asked[c] > 0 ? unitsMade[c] / replications / asked[c] : null;
        }

        return new SimulatedMix(summaries, deliveryRatio, outcome.OutputDirectory);
    }
}

/// <summary>How to simulate one mix.</summary>
internal sealed record SimulationCheckSettings(int Replications, int Threads, string RunDirectory, string CommandLine, double CvarAlpha, IProgress<int>? Progress);

/// <summary>What the simulation of one mix showed.</summary>
/// <param name="Kpis">Each optimizer KPI as simulated, summarised over replications.</param>
/// <param name="DeliveryRatio">Per candidate: units made / units the mix asked of it; null when it was asked for none.</param>
/// <param name="RunDirectory">The run folder of the simulation.</param>
public sealed record SimulatedMix(IReadOnlyDictionary<SourcingKpi, Summary> Kpis, IReadOnlyList<double?> DeliveryRatio, string RunDirectory);
