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
///   cost      = (sum over suppliers of landed_cost  [purchase, transport, certification premiums, audits,
///               escalations and penalties the buyers paid] + programme_cost [only when enrolment is a
///               decision] + lost margin) / demand_units
///               lost margin = max(0, demand_units - delivered_units) x max(0, selling price - landed / delivered)
///   co2e      = co2e_kg_per_unit
///   water     = water_l / delivered_units
///   social    = sum over suppliers that made units of their worker_exposure_days / delivered_units
///   shortfall = 1 - fill_rate
///   cvar      = CVaR at alpha over every (replication, period) of the period's shortfall share, the
///               periods those of the prediction; its CI by the jackknife over replications (SimulatedRisk)
/// </code>
/// Cost is the landed cost as the prediction defines it (price, transport, certification premium,
/// compliance costs; no holding cost, which the optimizer does not model), rather than cost_per_unit.
/// Social risk is the simulation's own: the exposure of the chain that made the delivered units, its
/// upper tiers included, per delivered unit, as the prediction is per unit of demand through the whole
/// chain. Suppliers that made nothing in the window (candidates the mix dropped and their own upstream)
/// are not the mix's chain and do not count. Per candidate it also gives the ratio of units made to
/// units the mix sends it, and per supplier the mean outcome per replication (for <c>--refine</c>).
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

        var perReplication = SourcingKpis.All.ToDictionary(k => k, _ => new List<double>());
        var periods = SourcingProblemBuilder.Periods(definition, settings.PeriodDays);
        var periodShortfalls = new List<double[]>();
        double totalDemand = problem.TotalDemandPerDay;
        double sellingPrice = problem.Buyers.Sum(b => b.DemandPerDay / totalDemand * b.SellingPrice);
        var unitsMade = new double[problem.Candidates.Count];
        var suppliers = new Dictionary<string, SimulatedSupplier>(StringComparer.Ordinal);
        int replications = 0;
        void Observe(NetworkRunResult result)
        {
            replications++;
            double delivered = result.Kpi("delivered_units");
            double demand = result.Kpi("demand_units");
            periodShortfalls.Add(SimulatedRisk.PeriodShortfalls(result.Daily, periods));
            perReplication[SourcingKpi.Co2e].Add(result.Kpi("co2e_kg_per_unit"));
            perReplication[SourcingKpi.Water].Add(delivered > 0 ? result.Kpi("water_l") / delivered : 0);
            perReplication[SourcingKpi.Shortfall].Add(1 - result.Kpi("fill_rate"));
            double exposure = 0, landed = 0;
            foreach (var supplier in result.Suppliers)
            {
                landed += supplier.LandedCost;
                if (supplier.UnitsProduced > 0)
                {
                    exposure += supplier.WorkerExposureDays;
                }

                if (candidateIndex.TryGetValue(supplier.Id, out int c))
                {
                    unitsMade[c] += supplier.UnitsProduced;
                }

                suppliers[supplier.Id] = suppliers.TryGetValue(supplier.Id, out var sum) ? sum.Add(supplier) : SimulatedSupplier.Of(supplier);
            }

            // With enrolment as a decision the predicted cost carries the programmes' cost, so the simulated one does too.
            double programmes = problem.Programmes.Count > 0 ? result.Kpi("programme_cost") : 0;
            double lostMargin = Math.Max(0, demand - delivered) * Math.Max(0, sellingPrice - (delivered > 0 ? landed / delivered : 0));
            perReplication[SourcingKpi.Cost].Add(demand > 0 ? (landed + programmes + lostMargin) / demand : 0);
            perReplication[SourcingKpi.SocialRisk].Add(delivered > 0 ? exposure / delivered : 0);
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

        // Replications are observed in any order across threads: sort by nothing but keep each
        // replication's own values together (the observer is called once per replication, in index order).
        var summaries = perReplication.Where(p => p.Key != SourcingKpi.Cvar).ToDictionary(p => p.Key, p => Summary.Of(p.Value.ToArray()));
        var losses = periodShortfalls.ToArray();
        summaries[SourcingKpi.Cvar] = SimulatedRisk.Cvar(losses, settings.CvarAlpha);

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

        var means = suppliers.ToDictionary(p => p.Key, p => p.Value.Scaled(1.0 / replications), StringComparer.Ordinal);
        var values = perReplication.Where(p => p.Key != SourcingKpi.Cvar).ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value]);
        return new SimulatedMix(summaries, deliveryRatio, means, outcome.OutputDirectory) { PerReplication = values, PeriodShortfalls = losses };
    }
}

/// <summary>How to simulate one mix.</summary>
internal sealed record SimulationCheckSettings(int Replications, int Threads, string RunDirectory, string CommandLine, double CvarAlpha, double PeriodDays, IProgress<int>? Progress);

/// <summary>What the simulation of one mix showed.</summary>
/// <param name="Kpis">Each optimizer KPI as simulated, summarised over replications.</param>
/// <param name="DeliveryRatio">Per candidate: units made / units the mix asked of it; null when it was asked for none.</param>
/// <param name="Suppliers">Per supplier (and distribution centre) id, its outcome averaged over the replications.</param>
/// <param name="RunDirectory">The run folder of the simulation.</param>
public sealed record SimulatedMix(IReadOnlyDictionary<SourcingKpi, Summary> Kpis, IReadOnlyList<double?> DeliveryRatio, IReadOnlyDictionary<string, SimulatedSupplier> Suppliers, string RunDirectory)
{
    /// <summary>Each KPI but the CVaR per replication, in replication order (for paired differences).</summary>
    public IReadOnlyDictionary<SourcingKpi, IReadOnlyList<double>> PerReplication { get; init; } = new Dictionary<SourcingKpi, IReadOnlyList<double>>();

    /// <summary>Per replication, the shortfall share of each period (the outcomes the CVaR is taken over).</summary>
    public IReadOnlyList<double[]> PeriodShortfalls { get; init; } = [];
}

/// <summary>A supplier's simulated flows in the measured window, per replication (<see cref="SupplierOutcome"/>).</summary>
/// <param name="UnitsProduced">Units it made.</param>
/// <param name="UnitsToBuyers">Units it delivered to the buyer side.</param>
/// <param name="LandedCost">What the buyers paid because of it (<see cref="SupplierOutcome.LandedCost"/>).</param>
/// <param name="WorkerExposureDays">Worker-exposure-days of its own violations.</param>
/// <param name="MarginExits">Replications in which it left the chain on margin (its volume too low to cover its fixed cost); a share of the replications once averaged.</param>
public sealed record SimulatedSupplier(double UnitsProduced, double UnitsToBuyers, double LandedCost, double WorkerExposureDays, double MarginExits = 0)
{
    /// <summary>Simulated worker-exposure-days per unit it made; null when it made none.</summary>
    public double? ExposurePerUnitMade => UnitsProduced > 0 ? WorkerExposureDays / UnitsProduced : null;

    /// <summary>Simulated landed cost per unit delivered to the buyer side; null when it delivered none.</summary>
    public double? LandedCostPerUnit => UnitsToBuyers > 0 ? LandedCost / UnitsToBuyers : null;

    internal static SimulatedSupplier Of(SupplierOutcome outcome) =>
        new(outcome.UnitsProduced, outcome.UnitsToBuyers, outcome.LandedCost, outcome.WorkerExposureDays, MarginExit(outcome));

    internal SimulatedSupplier Add(SupplierOutcome outcome) =>
        new(UnitsProduced + outcome.UnitsProduced, UnitsToBuyers + outcome.UnitsToBuyers, LandedCost + outcome.LandedCost, WorkerExposureDays + outcome.WorkerExposureDays, MarginExits + MarginExit(outcome));

    internal SimulatedSupplier Scaled(double factor) =>
        new(UnitsProduced * factor, UnitsToBuyers * factor, LandedCost * factor, WorkerExposureDays * factor, MarginExits * factor);

    private static double MarginExit(SupplierOutcome outcome) => outcome.ExitCause == "margin" ? 1 : 0;
}
