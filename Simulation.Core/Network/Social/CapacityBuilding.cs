// Mechanism 7, capacity building (DESIGN.md section 5; docs/model.md).
//
//   enrolment: at day 0 and at every review inside [start_day, end_day], suppliers in the chain that
//     match the target (backup candidates no customer buys from yet excluded, Resourcing.cs), are in no programme and have not been in this one enrol, highest risk score
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
namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private const double DaysPerMonth = 30.4375;

    private void EnrolCapacityBuilding(double now)
    {
        var programmes = _social!.CapacityBuilding;
        for (int k = 0; k < programmes.Count; k++)
        {
            var programme = programmes[k];
            if (now < programme.StartDay || now > programme.EndDay
                || (programme.WhileLawApplies && (_dueDiligence is not { } law || !law.InForce(now))))
            {
                continue;
            }

            int enrolled = 0;
            var candidates = new List<SupplierSocial>();
            ulong bit = 1UL << k;
            foreach (var s in _socialSuppliers)
            {
                if (s.Programme == k)
                {
                    enrolled++;
                }
                else if (s.InChain && s.Programme < 0 && (s.ProgrammesJoined & bit) == 0 && !_resourcing.IsCandidateOnly(s.Node)
                    && RiskSegmentation.Matches(programme.Target, s)
                    && (!programme.WhileLawApplies || _dueDiligence!.Covers(s)))
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
                s.Programme = k;
                s.ProgrammesJoined |= bit;
                s.EnrolledAt = now;
                s.EnrolledUntil = now + programme.DurationDays;
                s.CapabilityAtEnrolment = s.Capability;
                s.GainPerDay = programme.CapabilityGainPerYear / DaysPerYear;
                s.CostAccruedTo = now;
                s.ProductivityGain = programme.ProductivityGain;
                s.CarbonReduction = programme.CarbonReduction;
                s.CapacityGain = programme.CapacityGain;
            }
        }
    }

    /// <summary>Brings capability and programme cost up to <paramref name="now"/>; ends an enrolment that is over.</summary>
    private void UpdateCapability(SupplierSocial s, double now)
    {
        if (s.Programme < 0)
        {
            return;
        }

        double until = Math.Min(now, s.EnrolledUntil);
        s.Capability = 1 - ((1 - s.CapabilityAtEnrolment) * Math.Exp(-s.GainPerDay * (until - s.EnrolledAt)));
        double costPerDay = _social!.CapacityBuilding[s.Programme].CostPerSupplierMonth / DaysPerMonth;
        _socialLedger.Sum.ProgrammeCost += costPerDay * Math.Max(0, until - s.CostAccruedTo);
        s.CostAccruedTo = until;
        if (now >= s.EnrolledUntil)
        {
            s.Programme = -1;
        }
    }

    private void EndEnrolment(SupplierSocial s, double now)
    {
        UpdateCapability(s, now);
        s.Programme = -1;
    }

    /// <summary>The productivity and carbon effects of capability gained, for <paramref name="units"/> made in the window.</summary>
    private void ApplyCapabilityEffects(SupplierSocial s, double units)
    {
        double gain = s.Capability - s.StartCapability;
        if (!(gain > 0) || !(units > 0))
        {
            return;
        }

        var n = s.Node;
        double savings = s.ProductivityGain * gain * n.UnitCost * units;
        if (savings > 0)
        {
            _socialLedger.Sum.ProductivitySavings += savings;
            n.WindowCost -= savings;
            Receive(n, savings);
        }

        _ledger.Sum.Co2eKg -= s.CarbonReduction * gain * n.Co2eKgPerUnit * units;
    }

    /// <summary>
    /// Capacity grows with the capability gained: capacity_per_day * (1 + capacity_gain * G). Called at
    /// reviews, after the window's utilisation was measured against the capacity it ran at.
    /// </summary>
    private void ApplyCapacityGain(SupplierSocial s)
    {
        double gain = Math.Max(0, s.Capability - s.StartCapability);
        s.Node.CapacityGrowth = 1 + (s.CapacityGain * gain);
        SetCapacity(s.Node, s.Node.BaseCapacity * s.Node.CapacityGrowth);
    }
}
