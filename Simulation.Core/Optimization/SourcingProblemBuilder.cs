using System.Globalization;
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

    /// <summary>
    /// Length of the periods each replication's measured window is split into, days (default 91, a
    /// quarter): each disruption scenario is one period of one replication, with the period's seasonal
    /// demand, so the CVaR sees a bad quarter and capacity must carry the peak quarter.
    /// </summary>
    public double PeriodDays { get; init; } = 91;

    /// <summary>
    /// Make capacities carry the busiest period's mean demand (<see cref="SourcingProblem.PeakDemandFactor"/>),
    /// not the mean: for buyers whose stock cannot carry the season. Off by default, because the shipped
    /// scenarios' buyers build stock ahead of the peak.
    /// </summary>
    public bool CapacityAtPeak { get; init; }

    /// <summary>
    /// Multiply a candidate's availability by its upstream's through the bill of materials (the
    /// proportional model: a supplier makes what its scarcest input allows). Off by default: input
    /// stocks absorb most upstream outages in the shipped scenarios, and the product overstates the
    /// loss (apparel-bangladesh: predicted CVaR 0.30 against 0.017 simulated); the optimizer then sees
    /// only its own and its region's disruptions, and the upper tiers' capacity.
    /// </summary>
    public bool UpstreamDisruptions { get; init; }

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
        if (!IsCost(options.RelationshipCostPerYear) || !IsCost(options.CertificationPremium) || !IsCost(options.ComplianceCostPerExposureDay))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Relationship cost, certification premium and compliance cost must be finite and >= 0, got {options.RelationshipCostPerYear}, {options.CertificationPremium} and {options.ComplianceCostPerExposureDay}."),
                nameof(options));
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

        if (!(options.PeriodDays > 0))
        {
            throw new ArgumentException($"The period length must be positive, got {options.PeriodDays} days.", nameof(options));
        }

        var candidates = network.Nodes
            .Where(n => n.Role == NodeRole.Supplier && n.Tier == 1 && buyers.Any(b => b.ProductId == n.ProductId))
            .ToList();
        var periods = Periods(network, options.PeriodDays);
        var factors = PeriodDemandFactors(buyers, periods);
        var chain = new UpstreamChain(network);
        var multipliers = network.Regions.ToDictionary(r => r.Id, r => r.LeadTimeMultiplier, StringComparer.Ordinal);
        var co2e = new ChainFootprint(network, n => n.Co2eKgPerUnit, link => link.TransportCo2eKgPerUnit);
        var water = new ChainFootprint(network, n => n.WaterLPerUnit, _ => 0);
        var social = new SocialRiskEstimate(network);
        var suppliers = network.Nodes.Where(n => n.Role == NodeRole.Supplier).Select(n => n.Id).ToList();
        var sampled = DisruptionScenarios.Sample(network, suppliers, options.Scenarios, options.Seed ?? network.Seed, periods);
        var own = suppliers.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (IReadOnlyList<double>)sampled[p.i], StringComparer.Ordinal);
        var availability = candidates.Select(c => options.UpstreamDisruptions ? chain.Availability(c.Id, id => own[id]) : [.. own[c.Id]]).ToArray();
        double periodMean = periods.Average(p => p.To - p.From);
        var scenarioFactors = Enumerable.Range(0, options.Scenarios)
            .SelectMany(_ => periods.Select((p, k) => factors[k] * (p.To - p.From) / periodMean))
            .ToArray();

        var leadTimes = new LeadTimeModel(network, buyers);
        var queues = candidates.Select((c, i) => leadTimes.Queue(c, CandidateCapacity(c, chain, multipliers), availability[i].Average())).ToArray();
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
                double cost = candidate.Price + link.TransportCostPerUnit + premium + (options.ComplianceCostPerExposureDay * risk);
                arcs.Add(new SourcingArc
                {
                    BuyerIndex = b,
                    CandidateIndex = c,
                    CostPerUnit = cost,
                    LostMarginPerUnit = Math.Max(0, (buyer.Demand?.SellingPrice ?? 0) - cost),
                    FixedCostPerDay = (link.TransportCostPerOrder * shipmentsPerDay) + (options.RelationshipCostPerYear / 365),
                    Co2eKgPerUnit = link.TransportCo2eKgPerUnit + co2e.PerUnit(candidate.Id),
                    WaterLPerUnit = water.PerUnit(candidate.Id),
                    SocialRiskPerUnit = risk,
                    LeadTimeDays = leadTimes.TransportDays(link, candidate),
                    Link = link,
                });
            }
        }

        var baseline = BaselineShares(buyers, candidates, arcs);
        var covers = buyers.Select((buyer, b) =>
        {
            var own = Enumerable.Range(0, arcs.Count).Where(a => arcs[a].BuyerIndex == b).ToList();
            return LeadTimeModel.Cover(buyer, own.Select(a => arcs[a].LeadTimeDays), queues, own.Sum(a => baseline[a] * arcs[a].CostPerUnit));
        }).ToArray();
        var (programmes, programmeOptions) = options.Programmes ? ProgrammeEffects.Build(network, candidates, social) : ([], []);
        return new SourcingProblem
        {
            Programmes = programmes,
            ProgrammeOptions = programmeOptions,
            Buyers = [.. buyers.Select((b, i) => new SourcingBuyer(b.Id, BuyerDemandPerDay(b)) { SellingPrice = b.Demand?.SellingPrice ?? 0, Cover = covers[i] })],
            Candidates = [.. candidates.Select((c, i) => new SourcingCandidate(c.Id, c.RegionId, CandidateCapacity(c, chain, multipliers), availability[i])
            {
                MinViableUnitsPerDay = MinViableUnitsPerDay(network, c, chain),
                Queue = queues[i],
            })],
            Arcs = arcs,
            ScenarioCount = options.Scenarios * periods.Count,
            ScenarioDemandFactors = scenarioFactors,
            PeakDemandFactor = options.CapacityAtPeak ? factors.Max() : 1,
            PeriodsPerReplication = periods.Count,
            UpstreamCapacities = UpstreamCapacities(network, candidates, chain, multipliers),
            BaselineShares = baseline,
            PeriodDemandFactors = factors,
            PeriodLengthsDays = [.. periods.Select(p => p.To - p.From)],
            MinShare = options.MinShare,
        };
    }

    /// <summary>A cost or premium the objective can carry: finite and not negative (NaN is neither).</summary>
    private static bool IsCost(double value) => value >= 0 && double.IsFinite(value);

    /// <summary>A candidate's capacity: its own, or what its input stocks can feed, if less.</summary>
    private static double CandidateCapacity(NodeDefinition candidate, UpstreamChain chain, Dictionary<string, double> multipliers) =>
        Math.Min(candidate.CapacityPerDay, chain.InputThroughputPerDay(candidate.Id, multipliers));

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

    /// <summary>
    /// The periods of the measured window [warm-up, horizon]: consecutive windows of
    /// <paramref name="periodDays"/>, the last one absorbing a remainder shorter than half a period.
    /// </summary>
    public static IReadOnlyList<(double From, double To)> Periods(NetworkDefinition network, double periodDays)
    {
        ArgumentNullException.ThrowIfNull(network);
        double from = network.WarmupDays, to = network.HorizonDays;
        var periods = new List<(double From, double To)>();
        for (double start = from; start < to - 1e-9; start += periodDays)
        {
            double end = Math.Min(to, start + periodDays);
            if (periods.Count > 0 && end - start < periodDays / 2)
            {
                periods[^1] = (periods[^1].From, end);
                break;
            }

            periods.Add((start, end));
        }

        return periods.Count > 0 ? periods : [(from, Math.Max(to, from + 1))];
    }

    /// <summary>
    /// Mean demand in each period relative to the mean, over all buyers (weighted by their demand): the
    /// mean over the period of the seasonality 1 + A cos(2 pi (t - peak) / T), integrated in closed form.
    /// </summary>
    private static double[] PeriodDemandFactors(IReadOnlyList<NodeDefinition> buyers, IReadOnlyList<(double From, double To)> periods)
    {
        double total = buyers.Sum(BuyerDemandPerDay);
        var factors = new double[periods.Count];
        for (int p = 0; p < periods.Count; p++)
        {
            var (from, to) = periods[p];
            foreach (var buyer in buyers)
            {
                var demand = buyer.Demand!;
                double mean = 1;
                if (demand.SeasonalAmplitude != 0 && demand.SeasonalPeriodDays > 0 && to > from)
                {
                    double k = 2 * Math.PI / demand.SeasonalPeriodDays;
                    mean += demand.SeasonalAmplitude * (Math.Sin(k * (to - demand.SeasonalPeakDay)) - Math.Sin(k * (from - demand.SeasonalPeakDay))) / (k * (to - from));
                }

                factors[p] += BuyerDemandPerDay(buyer) / total * mean;
            }
        }

        return factors;
    }

    /// <summary>
    /// Units per day below which the margin review makes a supplier leave: revenue p q, costs (unit cost
    /// + inputs) q + fixed cost per day, so (p q - costs) / (p q) &gt;= alternative margin m needs
    /// q &gt;= fixed / (p (1 - m) - unit cost - input cost). 0 without a margin review or an alternative
    /// margin; infinity when no volume is enough. Holding, transport into the supplier and interest are left out.
    /// </summary>
    private static double MinViableUnitsPerDay(NetworkDefinition network, NodeDefinition supplier, UpstreamChain chain)
    {
        double alternative = supplier.AlternativeMargin;
        if (!double.IsFinite(alternative) || !(network.Economics.MarginReviewDays > 0) || double.IsPositiveInfinity(network.Economics.MarginReviewDays) || !(supplier.FixedCostPerDay > 0))
        {
            return 0;
        }

        double perUnit = (supplier.Price * (1 - alternative)) - supplier.UnitCost - chain.InputCostPerUnit(supplier.Id);
        return perUnit > 0 ? supplier.FixedCostPerDay / perUnit : double.PositiveInfinity;
    }

    /// <summary>Every upper-tier supplier the candidates draw on, with its capacity (or what its input stocks can feed, if less) and the units of it per unit of each candidate.</summary>
    private static List<UpstreamCapacity> UpstreamCapacities(NetworkDefinition network, List<NodeDefinition> candidates, UpstreamChain chain, Dictionary<string, double> multipliers)
    {
        var draws = new Dictionary<string, List<(int Candidate, double Units)>>(StringComparer.Ordinal);
        for (int c = 0; c < candidates.Count; c++)
        {
            foreach (var (id, units) in chain.UnitsPerUnit(candidates[c].Id).OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                if (units > 0)
                {
                    (draws.TryGetValue(id, out var list) ? list : draws[id] = []).Add((c, units));
                }
            }
        }

        return [.. network.Nodes
            .Where(n => draws.ContainsKey(n.Id))
            .Select(n => new UpstreamCapacity(n.Id, Math.Min(n.CapacityPerDay, chain.InputThroughputPerDay(n.Id, multipliers)), draws[n.Id]))
            .Where(u => double.IsFinite(u.CapacityPerDay))];
    }

    /// <summary>Today's shares: each buyer's source shares, normalised, on the arcs to those suppliers.</summary>
    private static double[] BaselineShares(List<NodeDefinition> buyers, List<NodeDefinition> candidates, List<SourcingArc> arcs)
    {
        var shares = new double[arcs.Count];
        for (int a = 0; a < arcs.Count; a++)
        {
            var sources = buyers[arcs[a].BuyerIndex].Stock.Sources;
            double total = sources.Sum(s => s.Share);
            string id = candidates[arcs[a].CandidateIndex].Id;
            shares[a] = total > 0 ? sources.Where(s => s.SupplierId == id).Sum(s => s.Share) / total : 0;
        }

        return shares;
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
