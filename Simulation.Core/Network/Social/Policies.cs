// Mechanism 11, the policy mix (DESIGN.md section 5; docs/model.md).
//
//   certification: a supplier holding a certification listed in social.certifications (or adopting it
//     on adoption_day when it matches adopters) has its hazard multiplied by hazard_factor; it pays
//     annual_fee_days * its daily cost at certification (adopters) or on day 365 (already certified) and yearly after; the
//     buyers pay it premium_per_unit per unit made (certification_cost). RSPO-certified palm oil:
//     3.41 vs 5.34 kg CO2e/kg (Schmidt & De Rosa 2020) - carbon enters through the supplier's own data.
//   due diligence: from start_day, every review_days, the law is enforced with probability
//     enforcement_probability (one draw on the network's due-diligence stream); an enforced review
//     charges penalty_per_violation for each detected violation in the chain past its corrective-action
//     deadline (penalty_cost). CSDDD: fines of at least 5% of turnover (CALIBRATION.md). Buyers respond
//     by auditing more often: audit intervals times audit_interval_factor once the law applies (Detection.cs).
//   import ban: from start_day, every supplier has a taint share: 1 with an open, detected finding in a
//     banned category, else the largest over its inputs of sum(share_i * taint_i) / sum(share_i) over the
//     input's sources in the chain (traced up the bill of materials, deepest tier first, recomputed at
//     the end of each day a finding opened or closed). A shipment into a buyer or distribution centre
//     is detained with probability taint (the supplier's detention stream): the goods are lost, unpaid.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private static readonly ulong DueDiligenceKey = StableHash.Of("due_diligence");

    private bool[] _certificationAdopted = [];
    private bool[] _bannedCategory = [];
    private bool _banDirty;
    private bool _banActive;
    private SupplierSocial[] _byTierDescending = [];
    private RandomStream? _dueDiligenceStream;
    private double _nextDueDiligence = double.PositiveInfinity;

    private void BuildCertifications()
    {
        var social = _social!;
        _certificationAdopted = new bool[social.Certifications.Count];
        foreach (var s in _socialSuppliers)
        {
            for (int k = 0; k < social.Certifications.Count && s.Certification < 0; k++)
            {
                if (RiskSegmentation.ContainsText(s.Node.Definition.Certifications, social.Certifications[k].Id))
                {
                    s.Certification = k;
                    s.NextFeeAt = DaysPerYear;
                }
            }
        }

        _bannedCategory = new bool[_categoryCode.Length];
        if (social.ImportBan is { } ban)
        {
            for (int c = 0; c < _categoryCode.Length; c++)
            {
                _bannedCategory[c] = RiskSegmentation.Contains(ban.Categories, (ViolationCategory)_categoryCode[c]);
            }

            _byTierDescending = [.. _socialSuppliers.OrderByDescending(s => s.Node.Tier).ThenBy(s => s.Node.Index)];
        }

        if (social.DueDiligence is { } law)
        {
            _dueDiligenceStream = _context.Streams.Create(StableHash.Of("policy"), DueDiligenceKey);
            _nextDueDiligence = law.StartDay + law.ReviewDays;
        }
    }

    private bool IsBanned(int category) => _bannedCategory.Length > 0 && _bannedCategory[category];

    /// <summary>Time-phased levers that switch on at a day: certification adoption, direct lending.</summary>
    private void ApplyPoliciesAt(double now)
    {
        var social = _social!;
        for (int k = 0; k < social.Certifications.Count; k++)
        {
            var certification = social.Certifications[k];
            if (_certificationAdopted[k] || certification.Adopters is not { } adopters || now < certification.AdoptionDay)
            {
                continue;
            }

            _certificationAdopted[k] = true;
            foreach (var s in _socialSuppliers)
            {
                if (s.InChain && s.Certification < 0 && RiskSegmentation.Matches(adopters, s))
                {
                    s.Certification = k;
                    s.NextFeeAt = now;
                }
            }
        }

        OpenDirectLending(now);
    }

    /// <summary>Certification fee and premium for the review window ending now, with <paramref name="units"/> made.</summary>
    private void ApplyCertification(SupplierSocial s, double now, double units)
    {
        if (s.Certification < 0)
        {
            return;
        }

        var certification = _social!.Certifications[s.Certification];
        double premium = certification.PremiumPerUnit * units;
        if (premium > 0)
        {
            _socialTotals.CertificationCost += premium;
            s.Node.LandedCost += premium;
            s.Node.WindowRevenue += premium;
            Receive(s.Node, premium);
        }

        while (now >= s.NextFeeAt)
        {
            s.NextFeeAt += DaysPerYear;
            double fee = certification.AnnualFeeDays * s.Node.DailyCost;
            if (fee > 0)
            {
                s.Node.WindowCost += fee;
                Pay(s.Node, fee, payee: null);
            }
        }
    }

    private void EnforceDueDiligence(double now)
    {
        if (_social!.DueDiligence is not { } law || now < _nextDueDiligence - Epsilon)
        {
            return;
        }

        _nextDueDiligence += law.ReviewDays;
        if (_dueDiligenceStream!.NextDouble() >= law.EnforcementProbability)
        {
            return;
        }

        int overdue = 0;
        foreach (var s in _socialSuppliers)
        {
            if (s.InChain)
            {
                overdue += s.OverdueCount;
                s.Node.LandedCost += s.OverdueCount * law.PenaltyPerViolation;
            }
        }

        _socialTotals.PenaltyCost += overdue * law.PenaltyPerViolation;
    }

    /// <summary>Recomputes which suppliers are tainted, deepest tier first, when findings changed.</summary>
    private void UpdateImportBan(double now)
    {
        if (_social!.ImportBan is not { } ban || now < ban.StartDay)
        {
            return;
        }

        if (!_banActive)
        {
            _banActive = true;
            _banDirty = true;
        }

        if (!_banDirty)
        {
            return;
        }

        _banDirty = false;
        foreach (var s in _byTierDescending)
        {
            s.Taint = s.InChain && s.BannedFindings > 0 ? 1 : InputTaint(s.Node);
        }
    }

    /// <summary>The largest share-weighted taint over the supplier's inputs (0 without inputs).</summary>
    private double InputTaint(Node n)
    {
        double taint = 0;
        foreach (var input in n.Inputs)
        {
            double shares = 0;
            double tainted = 0;
            int end = input.FirstLink + input.LinkCount;
            for (int i = input.FirstLink; i < end; i++)
            {
                ref readonly var link = ref _links[i];
                var supplier = _nodes[link.Supplier];
                if (supplier.Active && link.Share > 0)
                {
                    shares += link.Share;
                    tainted += link.Share * (supplier.Social?.Taint ?? 0);
                }
            }

            if (shares > 0)
            {
                taint = Math.Max(taint, tainted / shares);
            }
        }

        return taint;
    }

    /// <summary>
    /// Hook of <c>Deliver</c> (Shipping.cs): whether an import ban detains this shipment into the buyer
    /// side (with probability the supplier's taint); if so it is counted and the goods are lost.
    /// </summary>
    private bool IsDetained(Node customer, Node supplier, double quantity)
    {
        if (!_banActive || !customer.IsBuyerSide || supplier.Social is not { Taint: > 0 } s ||
            (s.Taint < 1 && s.DetentionStream.NextDouble() >= s.Taint))
        {
            return false;
        }

        _socialTotals.DetainedShipments++;
        _socialTotals.DetainedUnits += quantity;
        return true;
    }
}
