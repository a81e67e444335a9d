// Certification (DESIGN.md section 5, mechanism 11; docs/model.md).
//
//   a supplier holding a certification listed in social.certifications (or adopting it on adoption_day
//   when it matches adopters) has its hazard multiplied by hazard_factor; it pays annual_fee_days * its
//   daily cost at certification (adopters) or on day 365 (already certified) and yearly after; the
//   buyers pay it premium_per_unit per unit made (certification_cost). A detected finding in a category
//   the certification lists under suspend_on suspends the certificate (no hazard factor, no premium)
//   until it is fixed. RSPO-certified palm oil: 3.41 vs 5.34 kg CO2e/kg (Schmidt & De Rosa 2020) -
//   carbon enters through the supplier's own data.
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Certification (see the file header): owns which certification each supplier holds, its open
/// suspensions and its next fee, and which adoptions have happened. Fees and premiums are booked
/// through <see cref="ISupplierAccounts"/>.
/// </summary>
internal sealed class Certifications
{
    private const double DaysPerYear = 365;

    private readonly IReadOnlyList<CertificationDefinition> _certifications;
    private readonly SupplierSocial[] _suppliers;
    private readonly Compliance _compliance;
    private readonly SocialLedger _ledger;
    private readonly ISupplierAccounts _accounts;
    private readonly int[] _held;
    private readonly int[] _suspensions;
    private readonly double[] _nextFeeAt;
    private readonly bool[] _adopted;

    /// <param name="certifications">The certifications.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="compliance">The violation categories (what suspends a certificate).</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="accounts">Where fees and premiums are booked.</param>
    public Certifications(IReadOnlyList<CertificationDefinition> certifications, SupplierSocial[] suppliers, Compliance compliance, SocialLedger ledger, ISupplierAccounts accounts)
    {
        _certifications = certifications;
        _suppliers = suppliers;
        _compliance = compliance;
        _ledger = ledger;
        _accounts = accounts;
        _held = new int[suppliers.Length];
        _suspensions = new int[suppliers.Length];
        _nextFeeAt = new double[suppliers.Length];
        _adopted = new bool[certifications.Count];
        foreach (var s in suppliers)
        {
            _held[s.Index] = -1;
            _nextFeeAt[s.Index] = double.PositiveInfinity;
            for (int k = 0; k < certifications.Count && _held[s.Index] < 0; k++)
            {
                if (RiskSegmentation.ContainsText(s.Node.Definition.Certifications, certifications[k].Id))
                {
                    _held[s.Index] = k;
                    _nextFeeAt[s.Index] = DaysPerYear;
                }
            }
        }
    }

    /// <summary>f_cert of the supplier's hazard: its certification's hazard factor while held and not suspended, else 1.</summary>
    public double HazardFactor(SupplierSocial s)
    {
        int k = _held[s.Index];
        return k >= 0 && _suspensions[s.Index] == 0 ? _certifications[k].HazardFactor : 1;
    }

    /// <summary>A finding: it suspends the certificate when its category is one the certification names.</summary>
    public void Detected(SupplierSocial s, Violation v)
    {
        int k = _held[s.Index];
        if (k >= 0 && RiskSegmentation.Contains(_certifications[k].SuspendOn, _compliance.CategoryOf(v.Category)))
        {
            v.SuspendsCertificate = true;
            _suspensions[s.Index]++;
        }
    }

    /// <summary>The violation was fixed: the suspension it caused ends.</summary>
    public void Closed(SupplierSocial s, Violation v)
    {
        if (v.SuspendsCertificate)
        {
            _suspensions[s.Index]--;
        }
    }

    /// <summary>Certifications whose adoption day has come are adopted by the matching suppliers in the chain that hold none.</summary>
    public void Adopt(double now)
    {
        for (int k = 0; k < _certifications.Count; k++)
        {
            var certification = _certifications[k];
            if (_adopted[k] || certification.Adopters is not { } adopters || now < certification.AdoptionDay)
            {
                continue;
            }

            _adopted[k] = true;
            foreach (var s in _suppliers)
            {
                if (s.InChain && _held[s.Index] < 0 && RiskSegmentation.Matches(adopters, s))
                {
                    _held[s.Index] = k;
                    _nextFeeAt[s.Index] = now;
                }
            }
        }
    }

    /// <summary>Certification fee and premium for the review window ending now, with <paramref name="units"/> made.</summary>
    public void ApplyWindow(SupplierSocial s, double now, double units)
    {
        int k = _held[s.Index];
        if (k < 0)
        {
            return;
        }

        var certification = _certifications[k];
        double premium = _suspensions[s.Index] == 0 ? certification.PremiumPerUnit * units : 0;
        if (premium > 0)
        {
            _ledger.Sum.CertificationCost += premium;
            _accounts.ChargeBuyers(s.Node, premium);
            _accounts.ReceivePremium(s.Node, premium);
        }

        while (now >= _nextFeeAt[s.Index])
        {
            _nextFeeAt[s.Index] += DaysPerYear;
            double fee = certification.AnnualFeeDays * _accounts.DailyCostOf(s.Node);
            if (fee > 0)
            {
                _accounts.PayCost(s.Node, fee);
            }
        }
    }
}
