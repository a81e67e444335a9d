using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization;

/// <summary>
/// The data of a sourcing decision: buyers with their demand, candidate tier-1 suppliers with their
/// capacity and availability in each disruption scenario, and the arcs (buyer, candidate) along which a
/// share of demand may go, each with its per-unit cost, carbon, water and social risk. Built from a
/// scenario by <see cref="SourcingProblemBuilder"/>, or directly (tests, benchmarks).
/// </summary>
public sealed record SourcingProblem
{
    /// <summary>Buyers whose mix is chosen.</summary>
    public required IReadOnlyList<SourcingBuyer> Buyers { get; init; }

    /// <summary>Candidate suppliers.</summary>
    public required IReadOnlyList<SourcingCandidate> Candidates { get; init; }

    /// <summary>Where demand may go: one arc per (buyer, candidate) pair allowed.</summary>
    public required IReadOnlyList<SourcingArc> Arcs { get; init; }

    /// <summary>Number of disruption scenarios; every candidate's <see cref="SourcingCandidate.Availability"/> has this length.</summary>
    public required int ScenarioCount { get; init; }

    /// <summary>Smallest share of a buyer's demand an arc may carry if it is used at all, in [0, 1].</summary>
    public double MinShare { get; init; }

    /// <summary>Capacity-building programmes candidates may be enrolled in; empty when enrolment is not a decision.</summary>
    public IReadOnlyList<SourcingProgramme> Programmes { get; init; } = [];

    /// <summary>Every allowed (programme, candidate) enrolment with its cost and effects.</summary>
    public IReadOnlyList<ProgrammeOption> ProgrammeOptions { get; init; } = [];

    /// <summary>
    /// Demand in each disruption scenario relative to the mean (aligned with <see cref="SourcingCandidate.Availability"/>):
    /// a scenario is one period of one replication, and seasonality makes some periods heavier. Empty = all 1.
    /// Mean shortfall weights each scenario's lost share by it, so it is the share of all demand lost.
    /// </summary>
    public IReadOnlyList<double> ScenarioDemandFactors { get; init; } = [];

    /// <summary>Demand of the busiest period relative to the mean: capacities must carry it (1 without seasonality).</summary>
    public double PeakDemandFactor { get; init; } = 1;

    /// <summary>Periods each replication is split into (the scenarios are replications x periods); informational.</summary>
    public int PeriodsPerReplication { get; init; } = 1;

    /// <summary>Capacities of upper-tier suppliers, which the tier-1 candidates' volumes draw on through the bill of materials.</summary>
    public IReadOnlyList<UpstreamCapacity> UpstreamCapacities { get; init; } = [];

    /// <summary>Today's mix: the share of its buyer's demand on each arc (aligned with <see cref="Arcs"/>); empty when unknown.</summary>
    public IReadOnlyList<double> BaselineShares { get; init; } = [];

    /// <summary>
    /// Mean demand of each period of a replication relative to the mean (seasonality alone, not weighted
    /// by length); scenario s is period s mod <see cref="PeriodsPerReplication"/>. Needed with a
    /// <see cref="SourcingBuyer.Cover"/>; empty = all 1.
    /// </summary>
    public IReadOnlyList<double> PeriodDemandFactors { get; init; } = [];

    /// <summary>Length of each period of a replication, days; needed with a <see cref="SourcingBuyer.Cover"/>.</summary>
    public IReadOnlyList<double> PeriodLengthsDays { get; init; } = [];

    /// <summary>Whether any buyer's stock cover is modelled (<see cref="StockCover"/>).</summary>
    public bool HasStockCover => Buyers.Any(b => b.Cover is not null);

    /// <summary>The period of scenario <paramref name="s"/>: its seasonal demand factor and length (1 and 1 when not given).</summary>
    public (double DemandFactor, double LengthDays) Period(int s)
    {
        int p = s % Math.Max(1, PeriodsPerReplication);
        return (p < PeriodDemandFactors.Count ? PeriodDemandFactors[p] : 1, p < PeriodLengthsDays.Count ? PeriodLengthsDays[p] : 1);
    }

    /// <summary>
    /// Mean lead time of buyer <paramref name="buyer"/>'s replenishment at a mix: sum over its arcs of
    /// share x <see cref="SourcingArc.LeadTimeDays"/>, plus the queues of the candidates that make to
    /// order (<see cref="QueueCurve"/> at each candidate's share <paramref name="candidateVolume"/> of all
    /// demand; every buyer sees the pooled queue, exact for one buyer or buyers with the same mix).
    /// </summary>
    public double LeadTimeDays(int buyer, IReadOnlyList<double> shares, IReadOnlyList<double> candidateVolume)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(candidateVolume);
        double lead = 0;
        for (int a = 0; a < Arcs.Count; a++)
        {
            if (Arcs[a].BuyerIndex == buyer)
            {
                lead += shares[a] * Arcs[a].LeadTimeDays;
            }
        }

        for (int c = 0; c < Candidates.Count; c++)
        {
            if (Candidates[c].Queue is { } queue && candidateVolume[c] > 0)
            {
                lead += queue.At(candidateVolume[c]);
            }
        }

        return lead;
    }

    /// <summary>Candidate c's availability in period p, the demand-weighted mean over the replications' scenarios of that period.</summary>
    public double PeriodAvailability(int candidate, int period)
    {
        var availability = Candidates[candidate].Availability;
        int periods = Math.Max(1, PeriodsPerReplication);
        double sum = 0, weight = 0;
        for (int s = period; s < availability.Count; s += periods)
        {
            sum += DemandFactor(s) * availability[s];
            weight += DemandFactor(s);
        }

        return weight > 0 ? sum / weight : 1;
    }

    /// <summary>Period p's share of all demand-weighted scenarios: sum of its scenarios' demand factors over all of them.</summary>
    public double PeriodWeight(int period)
    {
        int periods = Math.Max(1, PeriodsPerReplication);
        double mine = 0, all = 0;
        for (int s = 0; s < ScenarioCount; s++)
        {
            all += DemandFactor(s);
            mine += s % periods == period ? DemandFactor(s) : 0;
        }

        return all > 0 ? mine / all : 0;
    }

    /// <summary>Weight of scenario <paramref name="s"/> in the mean shortfall (its demand factor).</summary>
    public double DemandFactor(int s) => ScenarioDemandFactors.Count == 0 ? 1 : ScenarioDemandFactors[s];

    /// <summary>Demand-weighted mean availability of a candidate over the scenarios: the share of what it is asked that it delivers.</summary>
    public double DeliveredShare(int candidate)
    {
        var availability = Candidates[candidate].Availability;
        if (ScenarioDemandFactors.Count == 0)
        {
            return Candidates[candidate].MeanAvailability;
        }

        double sum = 0, weight = 0;
        for (int s = 0; s < availability.Count; s++)
        {
            sum += ScenarioDemandFactors[s] * availability[s];
            weight += ScenarioDemandFactors[s];
        }

        return weight > 0 ? sum / weight : 1;
    }

    /// <summary>e_a: how far <paramref name="share"/> on arc <paramref name="arc"/> is above today's (the whole share when there is no baseline).</summary>
    public double ExcessShare(int arc, double share) => Math.Max(0, share - BaselineShare(arc));

    /// <summary>Today's share on arc <paramref name="arc"/>, 0 when there is no baseline.</summary>
    public double BaselineShare(int arc) => BaselineShares.Count == 0 ? 0 : BaselineShares[arc];

    /// <summary>Total demand of all buyers, units per day.</summary>
    public double TotalDemandPerDay => Buyers.Sum(b => b.DemandPerDay);

    /// <summary>Checks the problem is consistent; throws with the first problem found.</summary>
    /// <exception cref="ArgumentException">An index is out of range, a value is negative or not finite, or an availability row has the wrong length.</exception>
    public void Validate()
    {
        if (ScenarioCount < 1)
        {
            throw new ArgumentException($"A sourcing problem needs at least one disruption scenario, got {ScenarioCount}.");
        }

        if (MinShare is < 0 or > 1 || double.IsNaN(MinShare))
        {
            throw new ArgumentException($"The minimum share must be in [0, 1], got {MinShare}.");
        }

        foreach (var buyer in Buyers)
        {
            if (!(buyer.DemandPerDay > 0) || double.IsInfinity(buyer.DemandPerDay))
            {
                throw new ArgumentException($"Buyer '{buyer.Id}' needs a positive, finite demand, got {buyer.DemandPerDay}.");
            }
        }

        foreach (var candidate in Candidates)
        {
            if (candidate.Availability.Count != ScenarioCount)
            {
                throw new ArgumentException($"Candidate '{candidate.SupplierId}' has {candidate.Availability.Count} availabilities for {ScenarioCount} scenarios.");
            }

            if (candidate.CapacityPerDay < 0 || double.IsNaN(candidate.CapacityPerDay))
            {
                throw new ArgumentException($"Candidate '{candidate.SupplierId}' has a negative capacity.");
            }

            if (!(candidate.OutageWeight >= 0) || !double.IsFinite(candidate.OutageWeight))
            {
                throw new ArgumentException($"Candidate '{candidate.SupplierId}' needs a finite outage weight >= 0, got {candidate.OutageWeight}.");
            }
        }

        if (ScenarioDemandFactors.Count is not 0 && (ScenarioDemandFactors.Count != ScenarioCount || ScenarioDemandFactors.Any(f => !(f >= 0) || !double.IsFinite(f))))
        {
            throw new ArgumentException($"The scenario demand factors must be {ScenarioCount} finite values >= 0, got {ScenarioDemandFactors.Count}.");
        }

        if (!(PeakDemandFactor > 0) || !double.IsFinite(PeakDemandFactor))
        {
            throw new ArgumentException($"The peak demand factor must be positive and finite, got {PeakDemandFactor}.");
        }

        if (BaselineShares.Count is not 0 && BaselineShares.Count != Arcs.Count)
        {
            throw new ArgumentException($"The baseline has {BaselineShares.Count} shares for {Arcs.Count} arcs.");
        }

        foreach (var upstream in UpstreamCapacities)
        {
            if (upstream.CapacityPerDay < 0 || upstream.UnitsPerCandidateUnit.Any(u => u.Candidate < 0 || u.Candidate >= Candidates.Count || !(u.Units >= 0)))
            {
                throw new ArgumentException($"The upstream capacity of '{upstream.SupplierId}' is negative or refers to a candidate that does not exist.");
            }
        }

        foreach (var arc in Arcs)
        {
            if (arc.BuyerIndex < 0 || arc.BuyerIndex >= Buyers.Count || arc.CandidateIndex < 0 || arc.CandidateIndex >= Candidates.Count)
            {
                throw new ArgumentException($"An arc refers to buyer {arc.BuyerIndex} or candidate {arc.CandidateIndex}, which do not exist.");
            }

            double[] values = [arc.CostPerUnit, arc.FixedCostPerDay, arc.Co2eKgPerUnit, arc.WaterLPerUnit, arc.SocialRiskPerUnit, arc.LostMarginPerUnit];
            if (values.Any(v => v < 0 || !double.IsFinite(v)))
            {
                throw new ArgumentException($"The arc {Buyers[arc.BuyerIndex].Id} -> {Candidates[arc.CandidateIndex].SupplierId} has a negative or non-finite parameter.");
            }
        }

        ValidateProgrammes();
        ValidateCover();
    }

    private void ValidateCover()
    {
        if (!HasStockCover)
        {
            return;
        }

        if (PeriodDemandFactors.Count != PeriodsPerReplication || PeriodLengthsDays.Count != PeriodsPerReplication
            || PeriodDemandFactors.Any(f => !(f > 0) || !double.IsFinite(f)) || PeriodLengthsDays.Any(t => !(t > 0) || !double.IsFinite(t))
            || ScenarioCount % PeriodsPerReplication != 0)
        {
            throw new ArgumentException($"A stock cover needs a positive demand factor and length for each of the {PeriodsPerReplication} periods, and whole replications of scenarios.");
        }

        foreach (var buyer in Buyers)
        {
            buyer.Cover?.Validate(buyer.Id);
            if (buyer.Cover is { } cover && !(cover.ShortfallCostPerUnit >= 0 && double.IsFinite(cover.ShortfallCostPerUnit)))
            {
                throw new ArgumentException($"Buyer '{buyer.Id}' has a negative or non-finite shortfall cost.");
            }
        }

        foreach (var arc in Arcs)
        {
            if (!(arc.LeadTimeDays >= 0) || !double.IsFinite(arc.LeadTimeDays))
            {
                throw new ArgumentException($"The arc {Buyers[arc.BuyerIndex].Id} -> {Candidates[arc.CandidateIndex].SupplierId} has a negative or non-finite lead time.");
            }
        }

        foreach (var candidate in Candidates)
        {
            if (candidate.Queue is { } q && (q.Shares.Count < 2 || q.Shares.Count != q.QueueDays.Count || q.Shares[0] != 0
                || q.Shares.Zip(q.Shares.Skip(1)).Any(p => !(p.Second > p.First)) || q.QueueDays.Any(d => !(d >= 0) || !double.IsFinite(d))))
            {
                throw new ArgumentException($"Candidate '{candidate.SupplierId}' has a queue curve that does not start at share 0 with ascending shares and finite, non-negative queues.");
            }
        }
    }

    private void ValidateProgrammes()
    {
        foreach (var programme in Programmes)
        {
            if (programme.MaxSuppliers < 0)
            {
                throw new ArgumentException($"Programme '{programme.Id}' may enrol a negative number of suppliers ({programme.MaxSuppliers}).");
            }
        }

        var seen = new HashSet<(int, int)>();
        foreach (var option in ProgrammeOptions)
        {
            if (option.ProgrammeIndex < 0 || option.ProgrammeIndex >= Programmes.Count || option.CandidateIndex < 0 || option.CandidateIndex >= Candidates.Count)
            {
                throw new ArgumentException($"An enrolment option refers to programme {option.ProgrammeIndex} or candidate {option.CandidateIndex}, which do not exist.");
            }

            string name = $"{Programmes[option.ProgrammeIndex].Id} for {Candidates[option.CandidateIndex].SupplierId}";
            if (!seen.Add((option.ProgrammeIndex, option.CandidateIndex)))
            {
                throw new ArgumentException($"The enrolment option {name} is given twice.");
            }

            double[] values = [option.CostPerYear, option.CapacityAddedPerDay, option.Co2eCutKgPerUnit, option.SocialRiskCutPerUnit];
            if (values.Any(v => v < 0 || !double.IsFinite(v)))
            {
                throw new ArgumentException($"The enrolment option {name} has a negative or non-finite parameter.");
            }
        }
    }
}

/// <summary>A buyer whose sourcing mix is chosen.</summary>
/// <param name="Id">The buyer's node id.</param>
/// <param name="DemandPerDay">Mean demand, units per day.</param>
public sealed record SourcingBuyer(string Id, double DemandPerDay)
{
    /// <summary>Price the buyer sells at, per unit: a lost sale costs its margin.</summary>
    public double SellingPrice { get; init; }

    /// <summary>Its own stock, when the prediction models how long a lead time it covers; null = the proportional loss model alone.</summary>
    public StockCover? Cover { get; init; }
}

/// <summary>A candidate supplier.</summary>
/// <param name="SupplierId">The supplier's node id.</param>
/// <param name="RegionId">Its region (for the regional share limit).</param>
/// <param name="CapacityPerDay">Units per day it can make for all buyers together.</param>
/// <param name="Availability">Per disruption scenario, the time-average fraction of its capacity left (1 = never disrupted).</param>
public sealed record SourcingCandidate(string SupplierId, string RegionId, double CapacityPerDay, IReadOnlyList<double> Availability)
{
    /// <summary>
    /// Units per day below which the supplier leaves on margin (its fixed cost over its margin per unit,
    /// as the simulation's margin review sees it); 0 when it never does, infinity when no volume keeps it.
    /// A mix that uses it at all gives it at least this much.
    /// </summary>
    public double MinViableUnitsPerDay { get; init; }

    /// <summary>The queue it adds to its buyers' lead time when it makes to order; null when it ships from stock (or nothing is known).</summary>
    public QueueCurve? Queue { get; init; }

    /// <summary>
    /// k_c &gt;= 0: how much more of demand the simulation loses, per unit of share given to this candidate
    /// beyond today's, when it is down than its outage says (<see cref="OutageAmplification"/>; 0 unless
    /// fitted by <c>--refine</c>). Arc a's loss in scenario s is (1 - availability_cs) (s_a + k_c e_a),
    /// e_a = max(0, s_a - today's s_a), in the shortfall and CVaR rows.
    /// </summary>
    public double OutageWeight { get; init; }

    /// <summary>Mean availability over the scenarios.</summary>
    public double MeanAvailability => Availability.Count == 0 ? 1 : Availability.Average();

    /// <summary>Its outage share in scenario s: 1 - availability_cs.</summary>
    public double Outage(int scenario) => 1 - Availability[scenario];
}

/// <summary>One (buyer, candidate) pair a share of demand may go along, with its per-unit parameters.</summary>
public sealed record SourcingArc
{
    /// <summary>Index into <see cref="SourcingProblem.Buyers"/>.</summary>
    public required int BuyerIndex { get; init; }

    /// <summary>Index into <see cref="SourcingProblem.Candidates"/>.</summary>
    public required int CandidateIndex { get; init; }

    /// <summary>Landed cost per unit: price + transport per unit + certification premium + expected compliance cost.</summary>
    public required double CostPerUnit { get; init; }

    /// <summary>Cost per day of using the arc at all: transport per shipment times shipments per day plus the relationship cost.</summary>
    public double FixedCostPerDay { get; init; }

    /// <summary>kg CO2e per unit through the chain, transport on this arc included.</summary>
    public double Co2eKgPerUnit { get; init; }

    /// <summary>Litres of water per unit through the chain.</summary>
    public double WaterLPerUnit { get; init; }

    /// <summary>Worker-exposure-days per unit through the chain (<see cref="SocialRiskEstimate"/>).</summary>
    public double SocialRiskPerUnit { get; init; }

    /// <summary>Margin lost per unit of demand the arc fails to deliver: the buyer's selling price less the landed cost, at least 0.</summary>
    public double LostMarginPerUnit { get; init; }

    /// <summary>Mean days from shipment to arrival at the buyer (the link's lead time times the supplier region's multiplier); used with a <see cref="SourcingBuyer.Cover"/>.</summary>
    public double LeadTimeDays { get; init; }

    /// <summary>The link as the scenario would write it (lead time, transport), used when the mix is written back; null for synthetic problems.</summary>
    public SourceLink? Link { get; init; }
}

/// <summary>An upper-tier supplier whose capacity the tier-1 candidates share through the bill of materials.</summary>
/// <param name="SupplierId">The upper-tier supplier.</param>
/// <param name="CapacityPerDay">Units per day it can make.</param>
/// <param name="UnitsPerCandidateUnit">Per tier-1 candidate that draws on it: units of its product per unit the candidate makes.</param>
public sealed record UpstreamCapacity(string SupplierId, double CapacityPerDay, IReadOnlyList<(int Candidate, double Units)> UnitsPerCandidateUnit);
