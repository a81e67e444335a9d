// Mechanism 11, the policy mix (DESIGN.md section 5; docs/model.md).
//
//   certification: a supplier holding a certification listed in social.certifications (or adopting it
//     on adoption_day when it matches adopters) has its hazard multiplied by hazard_factor; it pays
//     annual_fee_days * its daily cost at certification (adopters) or on day 365 (already certified) and yearly after; the
//     buyers pay it premium_per_unit per unit made (certification_cost). RSPO-certified palm oil:
//     3.41 vs 5.34 kg CO2e/kg (Schmidt & De Rosa 2020) - carbon enters through the supplier's own data.
//   due diligence: DueDiligence.cs (scope by market, the duties and their penalties, the response rules).
//   import ban: from start_day, every supplier has a taint share: 1 with an open, detected finding in a
//     banned category, else the largest over its inputs of sum(share_i * taint_i) / sum(share_i) over the
//     input's sources in the chain (traced up the bill of materials, deepest tier first, recomputed at
//     the end of each day a finding opened or closed). A shipment into a buyer or distribution centre
//     is detained with probability taint (the supplier's detention stream): the goods are lost, unpaid.
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
    private DueDiligence? _dueDiligence;
    private bool[] _banCustomer = [];

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

        _bannedCategory = new bool[_compliance!.CategoryCount];
        if (social.ImportBan is { } ban)
        {
            for (int c = 0; c < _compliance!.CategoryCount; c++)
            {
                _bannedCategory[c] = RiskSegmentation.Contains(ban.Categories, _compliance!.CategoryOf(c));
            }

            _byTierDescending = [.. _socialSuppliers.OrderByDescending(s => s.Node.Tier).ThenBy(s => s.Node.Index)];
        }

        if (social.ImportBan is { } importBan)
        {
            _banCustomer = InMarkets(importBan.Markets);
        }

        if (social.DueDiligence is { } law)
        {
            bool[] buyerSide = InMarkets(law.Markets);
            var covered = new bool[_nodes.Length];
            var coveredBuyerSide = new List<Node>();
            foreach (var n in _nodes)
            {
                if (n.IsBuyerSide && buyerSide[n.Index])
                {
                    covered[n.Index] = true;
                    coveredBuyerSide.Add(n);
                    if (law.Markets.Count > 0)
                    {
                        SupplyChain.MarkUpstream(n, covered, _nodes, _links);
                    }
                }
                else if (law.Markets.Count == 0)
                {
                    // No markets: every supplier, as before markets existed.
                    covered[n.Index] = true;
                }
            }

            var programmes = social.AuditProgrammes;
            var coveredProgramme = new bool[programmes.Count];
            for (int k = 0; k < programmes.Count; k++)
            {
                foreach (string buyer in programmes[k].Buyers)
                {
                    coveredProgramme[k] |= _nodeIndex.TryGetValue(buyer, out int index) && buyerSide[index];
                }
            }

            var stream = _context.Streams.Create(StableHash.Of("policy"), DueDiligenceKey);
            _dueDiligence = new DueDiligence(law, stream, covered, coveredProgramme, [.. coveredBuyerSide]);
        }
    }

    /// <summary>
    /// Per node: whether it is on the buyer side in one of <paramref name="markets"/> (every buyer-side
    /// node when none are named). A distribution centre that names no market is in the markets of the
    /// buyer-side nodes it supplies.
    /// </summary>
    private bool[] InMarkets(IReadOnlyList<string> markets)
    {
        var inMarkets = new bool[_nodes.Length];
        foreach (var n in _nodes)
        {
            inMarkets[n.Index] = n.IsBuyerSide && (markets.Count == 0 || n.Definition.Markets.Any(m => markets.Contains(m, StringComparer.Ordinal)));
        }

        // Distribution centres without markets take their customers'; repeat for chains of centres.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var customer in _nodes)
            {
                if (!customer.IsBuyerSide || !inMarkets[customer.Index])
                {
                    continue;
                }

                int end = customer.Fg.FirstLink + customer.Fg.LinkCount;
                for (int i = customer.Fg.FirstLink; i < end; i++)
                {
                    var source = _nodes[_links[i].Supplier];
                    if (source.IsBuyerSide && source.Definition.Markets.Count == 0 && !inMarkets[source.Index])
                    {
                        inMarkets[source.Index] = true;
                        changed = true;
                    }
                }
            }
        }

        return inMarkets;
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

        _financing!.OpenDirectLending(now);
    }

    /// <summary>Certification fee and premium for the review window ending now, with <paramref name="units"/> made.</summary>
    private void ApplyCertification(SupplierSocial s, double now, double units)
    {
        if (s.Certification < 0)
        {
            return;
        }

        var certification = _social!.Certifications[s.Certification];
        double premium = s.CertificateSuspensions == 0 ? certification.PremiumPerUnit * units : 0;
        if (premium > 0)
        {
            _socialLedger.Sum.CertificationCost += premium;
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
        if (_dueDiligence is { } law)
        {
            var (charged, expected) = law.ReviewIfDue(now, _socialSuppliers, _actions!);
            _socialLedger.Sum.PenaltyCost += charged;
            _socialLedger.Sum.ExpectedPenaltyCost += expected;
        }
    }

    /// <summary>Recomputes which suppliers are tainted, deepest tier first, when findings changed.</summary>
    private void UpdateImportBan(double now)
    {
        if (_social!.ImportBan is not { } ban || now < ban.StartDay)
        {
            return;
        }

        if (now > ban.EndDay)
        {
            _banActive = false;
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
        if (!_banActive || !customer.IsBuyerSide || !_banCustomer[customer.Index] || supplier.Social is not { Taint: > 0 } s ||
            (s.Taint < 1 && s.DetentionStream.NextDouble() >= s.Taint))
        {
            return false;
        }

        _socialLedger.Sum.DetainedShipments++;
        _socialLedger.Sum.DetainedUnits += quantity;
        return true;
    }
}
