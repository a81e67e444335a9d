using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization.Internal;

namespace Simulation.Core.Optimization;

/// <summary>How <see cref="SourcingProblemBuilder"/> turns a scenario into a sourcing problem.</summary>
public sealed record SourcingBuildOptions
{
    /// <summary>Disruption scenarios to sample.</summary>
    public int Scenarios { get; init; } = 200;

    /// <summary>Master seed of the disruption samples; null = the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Smallest share of a buyer's demand a supplier gets if it is used at all.</summary>
    public double MinShare { get; init; } = 0.01;

    /// <summary>Cost per year of keeping a buyer-supplier relationship (supplier management, onboarding), currency.</summary>
    public double RelationshipCostPerYear { get; init; }

    /// <summary>
    /// Premium per unit, as a fraction of price, of a supplier holding a certification. 0 by default,
    /// because scenario prices already are what the buyer pays; set it when they are uncertified prices.
    /// </summary>
    public double CertificationPremium { get; init; }

    /// <summary>Expected compliance cost (audits, remediation) per worker-exposure-day of social risk, currency.</summary>
    public double ComplianceCostPerExposureDay { get; init; }

    /// <summary>Make enrolling candidates in the scenario's capacity-building programmes a decision (<see cref="ProgrammeEffects"/>).</summary>
    public bool Programmes { get; init; }
}

/// <summary>
/// Derives a <see cref="SourcingProblem"/> from a scenario (docs/optimizer.md, "Parameters"). Buyers are
/// the scenario's buyers that source only from suppliers; candidates are all tier-1 suppliers of the
/// buyer's product; per arc:
/// <code>
///   cost per unit  = price + transport per unit + certification premium x price [if certified]
///                    + compliance cost per exposure-day x social risk per unit
///   fixed per day  = transport per shipment x shipments per day (one per review) + relationship cost / 365
///   co2e per unit  = transport CO2e + the supplier's chain CO2e (its own plus its inputs', through the BOM)
///   water, social  = the supplier's chain water and <see cref="SocialRiskEstimate"/>
/// </code>
/// Transport and lead time of a pair the scenario does not link copy the buyer's link to a supplier of
/// the same group, else of the same region, else its first link. Availability comes from
/// <see cref="DisruptionScenarios"/>; enrolment options, with <see cref="SourcingBuildOptions.Programmes"/>,
/// from <see cref="ProgrammeEffects"/>.
/// </summary>
public static class SourcingProblemBuilder
{
    /// <summary>Builds the problem.</summary>
    /// <exception cref="ArgumentException">No buyer of the scenario can be optimised, or an option is out of range.</exception>
    public static SourcingProblem Build(NetworkDefinition network, SourcingBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Scenarios, 1);
        if (options.RelationshipCostPerYear < 0 || options.CertificationPremium < 0 || options.ComplianceCostPerExposureDay < 0)
        {
            throw new ArgumentException("Relationship cost, certification premium and compliance cost must be >= 0.", nameof(options));
        }

        var nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var buyers = network.Nodes
            .Where(n => n.Role == NodeRole.Buyer && n.Demand is not null && n.Stock.Sources.Count > 0
                && n.Stock.Sources.All(s => nodes[s.SupplierId].Role == NodeRole.Supplier))
            .ToList();
        if (buyers.Count == 0)
        {
            throw new ArgumentException($"Scenario '{network.Name}' has no buyer that sources directly from suppliers; there is no mix to optimise.");
        }

        var candidates = network.Nodes
            .Where(n => n.Role == NodeRole.Supplier && n.Tier == 1 && buyers.Any(b => b.ProductId == n.ProductId))
            .ToList();
        var co2e = new ChainFootprint(network, n => n.Co2eKgPerUnit, link => link.TransportCo2eKgPerUnit);
        var water = new ChainFootprint(network, n => n.WaterLPerUnit, _ => 0);
        var social = new SocialRiskEstimate(network);
        var availability = DisruptionScenarios.Sample(network, [.. candidates.Select(c => c.Id)], options.Scenarios, options.Seed ?? network.Seed);

        var arcs = new List<SourcingArc>();
        for (int b = 0; b < buyers.Count; b++)
        {
            var buyer = buyers[b];
            double demand = BuyerDemandPerDay(buyer);
            double shipmentsPerDay = ShipmentsPerDay(buyer.Stock.Policy, demand);
            for (int c = 0; c < candidates.Count; c++)
            {
                var candidate = candidates[c];
                if (candidate.ProductId != buyer.ProductId)
                {
                    continue;
                }

                var link = Template(buyer, candidate, nodes) with { SupplierId = candidate.Id, Share = 0 };
                double risk = social.PerUnit(candidate.Id);
                double premium = candidate.Certifications.Count > 0 ? options.CertificationPremium * candidate.Price : 0;
                arcs.Add(new SourcingArc
                {
                    BuyerIndex = b,
                    CandidateIndex = c,
                    CostPerUnit = candidate.Price + link.TransportCostPerUnit + premium + (options.ComplianceCostPerExposureDay * risk),
                    FixedCostPerDay = (link.TransportCostPerOrder * shipmentsPerDay) + (options.RelationshipCostPerYear / 365),
                    Co2eKgPerUnit = link.TransportCo2eKgPerUnit + co2e.PerUnit(candidate.Id),
                    WaterLPerUnit = water.PerUnit(candidate.Id),
                    SocialRiskPerUnit = risk,
                    Link = link,
                });
            }
        }

        var (programmes, programmeOptions) = options.Programmes ? ProgrammeEffects.Build(network, candidates, social) : ([], []);
        return new SourcingProblem
        {
            Programmes = programmes,
            ProgrammeOptions = programmeOptions,
            Buyers = [.. buyers.Select(b => new SourcingBuyer(b.Id, BuyerDemandPerDay(b)))],
            Candidates = [.. candidates.Select((c, i) => new SourcingCandidate(c.Id, c.RegionId, c.CapacityPerDay, availability[i]))],
            Arcs = arcs,
            ScenarioCount = options.Scenarios,
            MinShare = options.MinShare,
        };
    }

    /// <summary>Mean demand per day, summed over the buyer's streams: mean order size (seasonality averages out over a year) / mean days between orders.</summary>
    public static double BuyerDemandPerDay(NodeDefinition buyer)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        var demand = buyer.Demand ?? throw new ArgumentException($"'{buyer.Id}' has no demand.", nameof(buyer));
        IReadOnlyList<DemandDefinition> streams = buyer.DemandStreams.Count > 0 ? buyer.DemandStreams : [demand];
        double perDay = 0;
        foreach (var stream in streams)
        {
            perDay += Math.Max(0, stream.Quantity.Mean) / stream.InterarrivalDays.Mean;
        }

        return perDay;
    }

    /// <summary>Replenishment orders per day; each used link gets one shipment per order (the order is split by share).</summary>
    private static double ShipmentsPerDay(InventoryPolicy policy, double demandPerDay) => policy.Kind switch
    {
        InventoryPolicyKind.BaseStock or InventoryPolicyKind.FixedQuantity when policy.ReviewPeriodDays > 0 => 1 / policy.ReviewPeriodDays,
        InventoryPolicyKind.MinMax when policy.ReviewPeriodDays > 0 => 1 / policy.ReviewPeriodDays,
        InventoryPolicyKind.MinMax => demandPerDay / Math.Max(1, policy.OrderUpTo - policy.ReorderPoint),
        InventoryPolicyKind.ReorderPointQuantity => demandPerDay / Math.Max(1, policy.OrderQuantity),
        _ => 0,
    };

    private static SourceLink Template(NodeDefinition buyer, NodeDefinition candidate, Dictionary<string, NodeDefinition> nodes)
    {
        var sources = buyer.Stock.Sources;
        return sources.FirstOrDefault(s => s.SupplierId == candidate.Id)
            ?? sources.FirstOrDefault(s => candidate.Group is not null && nodes[s.SupplierId].Group == candidate.Group)
            ?? sources.FirstOrDefault(s => nodes[s.SupplierId].RegionId == candidate.RegionId)
            ?? sources[0];
    }
}
