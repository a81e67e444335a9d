// Mechanism 7, capacity building (DESIGN.md section 5; docs/model.md).
//
//   enrolment: at day 0 and at every review inside [start_day, end_day], suppliers in the chain that
//     match the target (backup candidates no customer buys from yet excluded, ISourcingStanding), are in no programme and have not been in this one enrol, highest risk score
//     first (ties: definition order), while fewer than max_suppliers are enrolled.
//   capability while enrolled from t_e to t_e + duration_days (dC/dt = g (1 - C), g per year):
//     C(t) = 1 - (1 - C(t_e)) * exp(-g * (min(t, t_e + duration) - t_e) / 365); afterwards it stays.
//   cost: cost_per_supplier_month / 30.4375 per enrolled supplier-day, paid by the funders (programme_cost).
//   effects, per review window of units q made, with gain G = C - C_start (capability now minus at day 0):
//     productivity: the supplier saves productivity_gain * G * unit_cost * q (cash in; capability_cost_savings)
//     carbon:       production CO2e falls by carbon_reduction * G * co2e_kg_per_unit * q
//     capacity:     capacity_per_day * (1 + capacity_gain * G), set at each review from the capability
//                   then (a step function of the review times; it stays after the enrolment ends);
//                   daily cost follows (Economics.cs)
//     hazard:       through f_cap (Compliance.cs); grievances: local resolution once C >= threshold;
//     remediation:  time and cost times assisted_remediation_factor while enrolled.
//   ILO SCORE: productivity "up to 50%", USD 2,000 per module (CALIBRATION.md).
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>What capacity building changes in production: a supplier's capacity grows with its capability.</summary>
internal interface ICapacityGrowth
{
    /// <summary>The supplier's capacity is now its defined capacity times <paramref name="growth"/>.</summary>
    void SetCapacityGrowth(Node supplier, double growth);
}

/// <summary>
/// Capacity building (see the file header): owns each supplier's enrolment (programme, dates, gains,
/// cost accrued, programmes joined) and writes its capability while enrolled. Productivity savings
/// go to the supplier's accounts, carbon to the network totals, capacity to production.
/// </summary>
internal sealed class CapacityBuilding
{
    private const double DaysPerYear = 365;
    private const double DaysPerMonth = 30.4375;

    private readonly IReadOnlyList<CapacityBuildingDefinition> _programmes;
    private readonly SupplierSocial[] _suppliers;
    private readonly Enrolment[] _enrolment;
    private readonly SocialLedger _ledger;
    private readonly TotalsLedger _totals;
    private readonly ISupplierAccounts _accounts;
    private readonly ICapacityGrowth _capacity;
    private readonly ISourcingStanding _standing;
    private readonly DueDiligence? _law;
    private readonly List<SupplierSocial> _candidates = [];

    /// <param name="programmes">The programmes.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="ledger">The social totals (programme cost, savings).</param>
    /// <param name="totals">The network totals (carbon).</param>
    /// <param name="accounts">Where productivity savings are booked.</param>
    /// <param name="capacity">Production, whose capacity grows with capability.</param>
    /// <param name="standing">Whether any customer buys from a supplier yet (candidates are not enrolled).</param>
    /// <param name="law">The due-diligence law, for programmes that run while it applies.</param>
    public CapacityBuilding(
        IReadOnlyList<CapacityBuildingDefinition> programmes,
        SupplierSocial[] suppliers,
        SocialLedger ledger,
        TotalsLedger totals,
        ISupplierAccounts accounts,
        ICapacityGrowth capacity,
        ISourcingStanding standing,
        DueDiligence? law)
    {
        _programmes = programmes;
        _suppliers = suppliers;
        _ledger = ledger;
        _totals = totals;
        _accounts = accounts;
        _capacity = capacity;
        _standing = standing;
        _law = law;
        _enrolment = new Enrolment[suppliers.Length];
        for (int i = 0; i < _enrolment.Length; i++)
        {
            _enrolment[i].Programme = -1;
        }
    }

    /// <summary>Whether the supplier is in a programme now (it may have ended since the last review).</summary>
    public bool InProgramme(SupplierSocial s) => _enrolment[s.Index].Programme >= 0;

    /// <summary>Whether a programme assists the supplier at <paramref name="t"/> (remediation is faster and cheaper).</summary>
    public bool IsEnrolled(SupplierSocial s, double t) => _enrolment[s.Index].Programme >= 0 && t < _enrolment[s.Index].EnrolledUntil;

    /// <summary>Enrols suppliers into every programme open at <paramref name="now"/>, highest risk first, up to each programme's places.</summary>
    public void Enrol(double now)
    {
        for (int k = 0; k < _programmes.Count; k++)
        {
            var programme = _programmes[k];
            if (now < programme.StartDay || now > programme.EndDay
                || (programme.WhileLawApplies && (_law is not { } law || !law.InForce(now))))
            {
                continue;
            }

            int enrolled = 0;
            var candidates = _candidates;
            candidates.Clear();
            ulong bit = 1UL << k;
            foreach (var s in _suppliers)
            {
                ref readonly var e = ref _enrolment[s.Index];
                if (e.Programme == k)
                {
                    enrolled++;
                }
                else if (s.InChain && e.Programme < 0 && (e.ProgrammesJoined & bit) == 0 && !_standing.IsCandidateOnly(s.Node)
                    && RiskSegmentation.Matches(programme.Target, s)
                    && (!programme.WhileLawApplies || _law!.Covers(s)))
                {
                    candidates.Add(s);
                }
            }

            int free = programme.MaxSuppliers - enrolled;
            if (free <= 0 || candidates.Count == 0)
            {
                continue;
            }

            // Highest risk first; List.Sort is not stable, so ties fall back to definition order.
            candidates.Sort(static (a, b) => a.RiskScore != b.RiskScore
                ? b.RiskScore.CompareTo(a.RiskScore)
                : a.Node.Index.CompareTo(b.Node.Index));
            for (int i = 0; i < Math.Min(free, candidates.Count); i++)
            {
                var s = candidates[i];
                ref var e = ref _enrolment[s.Index];
                e.Programme = k;
                e.ProgrammesJoined |= bit;
                e.EnrolledAt = now;
                e.EnrolledUntil = now + programme.DurationDays;
                e.CapabilityAtEnrolment = s.Capability;
                e.GainPerDay = programme.CapabilityGainPerYear / DaysPerYear;
                e.CostAccruedTo = now;
                e.ProductivityGain = programme.ProductivityGain;
                e.CarbonReduction = programme.CarbonReduction;
                e.CapacityGain = programme.CapacityGain;
            }
        }
    }

    /// <summary>Brings capability and programme cost up to <paramref name="now"/>; ends an enrolment that is over.</summary>
    public void UpdateCapability(SupplierSocial s, double now)
    {
        ref var e = ref _enrolment[s.Index];
        if (e.Programme < 0)
        {
            return;
        }

        double until = Math.Min(now, e.EnrolledUntil);
        s.Capability = 1 - ((1 - e.CapabilityAtEnrolment) * Math.Exp(-e.GainPerDay * (until - e.EnrolledAt)));
        double costPerDay = _programmes[e.Programme].CostPerSupplierMonth / DaysPerMonth;
        _ledger.Sum.ProgrammeCost += costPerDay * Math.Max(0, until - e.CostAccruedTo);
        e.CostAccruedTo = until;
        if (now >= e.EnrolledUntil)
        {
            e.Programme = -1;
        }
    }

    /// <summary>The supplier left the chain at <paramref name="now"/>: its enrolment ends, paid up to then.</summary>
    public void EndEnrolment(SupplierSocial s, double now)
    {
        UpdateCapability(s, now);
        _enrolment[s.Index].Programme = -1;
    }

    /// <summary>The productivity and carbon effects of capability gained, for <paramref name="units"/> made in the window.</summary>
    public void ApplyCapabilityEffects(SupplierSocial s, double units)
    {
        double gain = s.Capability - s.StartCapability;
        if (!(gain > 0) || !(units > 0))
        {
            return;
        }

        ref readonly var e = ref _enrolment[s.Index];
        var n = s.Node;
        double savings = e.ProductivityGain * gain * n.UnitCost * units;
        if (savings > 0)
        {
            _ledger.Sum.ProductivitySavings += savings;
            _accounts.ReceiveSavings(n, savings);
        }

        _totals.Sum.Co2eKg -= e.CarbonReduction * gain * n.Co2eKgPerUnit * units;
    }

    /// <summary>
    /// Capacity grows with the capability gained: capacity_per_day * (1 + capacity_gain * G). Called at
    /// reviews, after the window's utilisation was measured against the capacity it ran at.
    /// </summary>
    public void ApplyCapacityGain(SupplierSocial s)
    {
        double gain = Math.Max(0, s.Capability - s.StartCapability);
        _capacity.SetCapacityGrowth(s.Node, 1 + (_enrolment[s.Index].CapacityGain * gain));
    }

    /// <summary>A supplier's enrolment: the programme (-1 = none) and what it gives, kept after it ends.</summary>
    private struct Enrolment
    {
        public int Programme;
        public double EnrolledAt;
        public double EnrolledUntil;
        public double CapabilityAtEnrolment;
        public double GainPerDay;
        public double CostAccruedTo;
        public double ProductivityGain;
        public double CarbonReduction;
        public double CapacityGain;
        public ulong ProgrammesJoined;
    }
}
