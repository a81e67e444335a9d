using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Feeds a simulation back into the problem (<c>--refine</c>): per candidate the mix used, its simulated
/// availability, cost and social risk replace the predicted ones. The simulation sees catch-up from
/// capacity headroom, stock buffers, upstream shortages, exits, split shipments, audits and violations
/// as they happened, which the optimizer's parameters do not. For candidate c with simulated outcome
/// (per replication, over the measured window):
/// <code>
///   availability  a'_cs = clamp(a_cs x r_c / a-bar_c, 0, 1)      r_c = units made / units asked, a-bar_c = mean a_cs
///   cost          cost'_a = cost_a + (simulated_c - predicted_c)                    for every arc a of c
///                 simulated_c = landed_c / units to buyers_c + upstream_c
///                 upstream_c  = chain through the bill of materials of landed_n / units made_n over
///                               c's upstream suppliers n (their audits, escalations, penalties, premiums)
///                 predicted_c = (sum_a q_a cost_a + sum_{a used} shipment cost per day_a) / sum_a q_a
///   social risk   risk'_a = chain risk of c through the bill of materials with own_n = simulated
///                 worker-exposure-days of n / units n made, for every n that made units; the
///                 estimate's own value for the others (<see cref="SocialRiskEstimate.WithObservedOwn"/>)
/// </code>
/// a candidate that left on margin in at least half the replications gets a minimum viable volume
/// above the one it had (<see cref="RaiseViability"/>), and, where the mix lost more sales than predicted, the buyers' stock cover is lowered until the
/// prediction at the mix matches (<see cref="CalibrateCover"/>). q_a = share_a x demand of a's buyer; the shipment cost per day is the arc's fixed cost without the
/// relationship cost (which the simulation does not charge), so cost' moves c's predicted landed cost
/// per unit at this mix, per-shipment transport included, to the simulated one. Candidates the mix did
/// not use keep their parameters (the simulation says little about them). A candidate the mix enrolled
/// in a capacity-building programme was simulated with the programme's effects, which the problem adds
/// again through the enrolment option: its simulated own exposure gets the option's social cut added
/// back, and its availability is left as predicted when the option adds capacity (the simulation's
/// delivery ratio includes that capacity). Each step replaces a
/// parameter by a simulated value (or shifts it by the gap to one), so repeating with an unchanged
/// simulation leaves the problem unchanged and the rounds settle when the mix does.
/// </summary>
internal static class SimulationFeedback
{
    public static SourcingProblem Apply(
        SourcingProblem problem,
        IReadOnlyList<double> shares,
        IReadOnlyList<int> enrolled,
        SimulatedMix simulated,
        NetworkDefinition network,
        SocialRiskEstimate estimate,
        double relationshipCostPerDay)
    {
        var enrolments = enrolled.Select(o => problem.ProgrammeOptions[o]).ToList();
        var candidates = new List<SourcingCandidate>(problem.Candidates.Count);
        for (int c = 0; c < problem.Candidates.Count; c++)
        {
            var candidate = problem.Candidates[c];
            double mean = candidate.MeanAvailability;
            bool capacityAdded = enrolments.Any(o => o.CandidateIndex == c && o.CapacityAddedPerDay > 0);
            if (simulated.DeliveryRatio[c] is not { } ratio || mean <= 0 || capacityAdded)
            {
                candidates.Add(candidate);
                continue;
            }

            double scale = ratio / mean;
            candidates.Add(candidate with { Availability = [.. candidate.Availability.Select(a => Math.Clamp(a * scale, 0, 1))] });
        }

        RaiseViability(problem, shares, simulated, candidates);

        var costGap = CostGaps(problem, shares, simulated, network, relationshipCostPerDay);
        var observed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, supplier) in simulated.Suppliers)
        {
            if (supplier.ExposurePerUnitMade is { } own)
            {
                observed[id] = own;
            }
        }

        foreach (var option in enrolments)
        {
            string id = problem.Candidates[option.CandidateIndex].SupplierId;
            if (observed.TryGetValue(id, out double own))
            {
                observed[id] = own + option.SocialRiskCutPerUnit;
            }
        }

        var chain = estimate.WithObservedOwn(observed);
        var arcs = new List<SourcingArc>(problem.Arcs.Count);
        foreach (var arc in problem.Arcs)
        {
            int c = arc.CandidateIndex;
            arcs.Add(costGap[c] is { } gap
                ? arc with { CostPerUnit = Math.Max(0, arc.CostPerUnit + gap), SocialRiskPerUnit = chain.PerUnit(problem.Candidates[c].SupplierId) }
                : arc);
        }

        var refined = problem with { Candidates = candidates, Arcs = arcs };
        return simulated.Kpis.TryGetValue(SourcingKpi.Shortfall, out var shortfall) ? CalibrateCover(refined, shares, shortfall.Mean) : refined;
    }

    /// <summary>Step above the volume a supplier left on margin at, so the re-solve moves away from it (the threshold is somewhere above; the rounds raise it again if the next volume fails too).</summary>
    internal const double ViabilityStep = 0.1;

    /// <summary>
    /// A candidate the mix used that left the chain on margin in at least half the replications was
    /// below the volume it needs to stay in business, whatever the estimate says: its minimum viable
    /// volume rises to (1 + <see cref="ViabilityStep"/>) x the units a day the mix gave it, so the
    /// re-solve gives it more or nothing. Never lowered.
    /// </summary>
    private static void RaiseViability(SourcingProblem problem, IReadOnlyList<double> shares, SimulatedMix simulated, List<SourcingCandidate> candidates)
    {
        var units = new double[problem.Candidates.Count];
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            units[problem.Arcs[a].CandidateIndex] += shares[a] * problem.Buyers[problem.Arcs[a].BuyerIndex].DemandPerDay;
        }

        for (int c = 0; c < candidates.Count; c++)
        {
            if (units[c] > 0 && simulated.Suppliers.TryGetValue(candidates[c].SupplierId, out var supplier) && supplier.MarginExits >= 0.5)
            {
                double viable = Math.Max(candidates[c].MinViableUnitsPerDay, units[c] * (1 + ViabilityStep));
                candidates[c] = candidates[c] with { MinViableUnitsPerDay = viable };
            }
        }
    }

    /// <summary>
    /// Where the mix lost more sales in simulation than predicted (with the availabilities above), the
    /// covered buyers' order-up-to levels are lowered by the same number of days, D, found by bisection
    /// so that the predicted mean shortfall at the mix equals the simulated one. The simulation sees
    /// what the cover model leaves out (random demand and lead times, longer queues near capacity,
    /// upstream queues); a lower effective cover makes the re-solve keep the lead time shorter. Never
    /// raised: a mix that simulates better than predicted leaves the cover as the scenario has it.
    /// </summary>
    internal static SourcingProblem CalibrateCover(SourcingProblem problem, IReadOnlyList<double> shares, double simulatedShortfall)
    {
        double Predicted(double days) => SourcingEvaluation.Evaluate(Lowered(problem, days), shares, [], 0.95)[SourcingKpi.Shortfall];
        if (!problem.HasStockCover || !(simulatedShortfall > Predicted(0) + 1e-9))
        {
            return problem;
        }

        double low = 0, high = problem.Buyers.Max(b => b.Cover?.OrderUpToDays ?? 0);
        if (Predicted(high) <= simulatedShortfall)
        {
            return Lowered(problem, high);
        }

        for (int i = 0; i < 60; i++)
        {
            double middle = (low + high) / 2;
            (Predicted(middle) < simulatedShortfall ? ref low : ref high) = middle;
        }

        return Lowered(problem, (low + high) / 2);
    }

    private static SourcingProblem Lowered(SourcingProblem problem, double days) => days <= 0 ? problem : problem with
    {
        Buyers = [.. problem.Buyers.Select(b => b.Cover is { } cover ? b with { Cover = cover with { OrderUpToDays = Math.Max(0, cover.OrderUpToDays - days) } } : b)],
    };

    /// <summary>
    /// What a round changed beyond the per-supplier availability, cost and social risk: the stock
    /// cover's order-up-to level and absorption, the minimum viable volumes raised by margin exits, and
    /// the outage weights 1 + k_c fitted to the shortfall scenarios (<see cref="OutageAmplification"/>).
    /// </summary>
    public static string DescribeChanges(SourcingProblem before, SourcingProblem after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        var coverBefore = before.Buyers.Select(b => b.Cover).FirstOrDefault(c => c is not null);
        var coverAfter = after.Buyers.Select(b => b.Cover).FirstOrDefault(c => c is not null);
        if (coverBefore is not null && coverAfter is not null)
        {
            if (Math.Abs(coverAfter.OrderUpToDays - coverBefore.OrderUpToDays) > 1e-9)
            {
                changes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cover {coverBefore.OrderUpToDays:0.##} -> {coverAfter.OrderUpToDays:0.##} days"));
            }

            if (Math.Abs(coverAfter.AbsorptionDays - coverBefore.AbsorptionDays) > 1e-9)
            {
                changes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"absorption {coverBefore.AbsorptionDays:0.##} -> {coverAfter.AbsorptionDays:0.##} days"));
            }
        }

        var raised = before.Candidates.Zip(after.Candidates)
            .Where(p => p.Second.MinViableUnitsPerDay > p.First.MinViableUnitsPerDay)
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Second.SupplierId} left on margin, needs {p.Second.MinViableUnitsPerDay:0.#} a day"))
            .ToList();
        changes.AddRange(raised);
        changes.AddRange(before.Candidates.Zip(after.Candidates)
            .Where(p => Math.Abs(p.Second.OutageWeight - p.First.OutageWeight) > 1e-9)
            .OrderByDescending(p => p.Second.OutageWeight)
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"outage weight {p.Second.SupplierId} x{1 + p.Second.OutageWeight:0.##}")));
        return string.Join("; ", changes);
    }

    /// <summary>Largest absolute difference between two share vectors.</summary>
    public static double MaxChange(IReadOnlyList<double> before, IReadOnlyList<double> after) =>
        before.Count == 0 ? double.PositiveInfinity : before.Zip(after, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();

    /// <summary>Per candidate the mix used and the simulation saw deliver: simulated - predicted landed cost per unit, upstream social costs included; null otherwise.</summary>
    private static double?[] CostGaps(SourcingProblem problem, IReadOnlyList<double> shares, SimulatedMix simulated, NetworkDefinition network, double relationshipCostPerDay)
    {
        var candidateIds = problem.Candidates.Select(c => c.SupplierId).ToHashSet(StringComparer.Ordinal);
        var upstream = new ChainValue(network, node =>
            !candidateIds.Contains(node.Id) && simulated.Suppliers.TryGetValue(node.Id, out var s) && s.UnitsProduced > 0 ? s.LandedCost / s.UnitsProduced : 0);
        var volume = new double[problem.Candidates.Count];
        var cost = new double[problem.Candidates.Count];
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            var arc = problem.Arcs[a];
            double units = shares[a] * problem.Buyers[arc.BuyerIndex].DemandPerDay;
            volume[arc.CandidateIndex] += units;
            cost[arc.CandidateIndex] += (units * arc.CostPerUnit)
                + (shares[a] > SourcingEvaluation.UsedThreshold ? Math.Max(0, arc.FixedCostPerDay - relationshipCostPerDay) : 0);
        }

        var gaps = new double?[problem.Candidates.Count];
        for (int c = 0; c < gaps.Length; c++)
        {
            if (volume[c] > 0
                && simulated.Suppliers.TryGetValue(problem.Candidates[c].SupplierId, out var supplier)
                && supplier.LandedCostPerUnit is { } landed)
            {
                gaps[c] = landed + upstream.PerUnit(problem.Candidates[c].SupplierId) - (cost[c] / volume[c]);
            }
        }

        return gaps;
    }
}
