// Mechanism 4, compliance (DESIGN.md section 5; every formula also in docs/model.md).
//
//   hazard of category c at supplier s, per day, piecewise constant between reviews:
//     lambda_c = rate_c / 365 * f_cap * f_enf * f_pres * f_cert
//     f_cap  = 1 - a * capability                                   (a = capability_reduction)
//     f_enf  = 1 - b * min(1, inspections per year * inspection detection probability)   (b = enforcement_deterrence)
//     f_pres = 1 + w_u * max(0, u - u0) / (1 - u0) + w_l * stress + w_s * min(1, max(0, backlog_days - B) / B)
//              u = units made in the review window / (capacity * window days); stress = share of the
//              window's days in liquidity stress; backlog_days = open customer orders / capacity
//     f_cert = hazard_factor of the supplier's certification, else 1
//   arrivals: the next violation is at t + Exp(1 / sum_c lambda_c), redrawn at every review (exact for
//   a piecewise-constant hazard, as the exponential is memoryless); its category is c with probability
//   lambda_c / sum lambda; it exposes workers * exposed_worker_share_c workers until remediated.
//   day 0: Poisson(initial_violations_per_supplier) violations open, categories by rate.
//
// Events of one supplier are handled in time order at the end of each day (all times in (d-1, d]),
// after the day's economics; the level integrals (open violations, worker exposure) are exact in
// continuous time because they use the event times, not the day. Ties: a violation's own events
// (remediation, grievance, deadline) first, then audits, inspections and new violations.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// What compliance tells the other social parts about a violation's life: grievances schedule its
/// report, the findings it caused end with its fix, and a supplier leaving the chain ends what the
/// buyers do about it. Implemented by the social wiring, which hands each to its owner.
/// </summary>
internal interface IViolationEvents
{
    /// <summary>Violation <paramref name="v"/> arose at <paramref name="t"/>.</summary>
    void Arisen(SupplierSocial s, Violation v, double t);

    /// <summary>Violation <paramref name="v"/> was fixed at <paramref name="t"/>.</summary>
    void Closed(SupplierSocial s, Violation v, double t);

    /// <summary>The supplier left the chain at <paramref name="t"/>; its violations stay open, unseen.</summary>
    void LeftChain(SupplierSocial s, double t);
}

/// <summary>
/// Compliance (see the file header): owns the violation categories, every supplier's hazard, open
/// violations, exposure and chain membership (<see cref="SupplierSocial"/>'s compliance fields), and
/// the chain's level integrals (open violations, worker exposure, severity-weighted exposure,
/// non-compliant suppliers). Violations arise and close only here; the other parts learn of it
/// through <see cref="IViolationEvents"/>.
/// </summary>
internal sealed class Compliance
{
    private const double DaysPerYear = 365;

    private static readonly ulong ViolationKey = StableHash.Of("violation");

    private readonly ComplianceDefinition _compliance;
    private readonly SocialLedger _ledger;
    private readonly IViolationEvents _events;
    private readonly double[] _categoryRatePerDay;
    private readonly double[] _categoryExposure;
    private readonly double[] _categorySeverity;
    private readonly ViolationCategory[] _category;
    private LevelIntegral _openViolations;
    private LevelIntegral _exposure;

    // Worker exposure weighted by each category's severity (in and out of the chain, as _exposure).
    private LevelIntegral _weightedExposure;
    private LevelIntegral _nonCompliant;

    public Compliance(ComplianceDefinition compliance, SocialLedger ledger, IViolationEvents events)
    {
        _compliance = compliance;
        _ledger = ledger;
        _events = events;
        int categories = compliance.Categories.Count;
        _categoryRatePerDay = new double[categories];
        _categoryExposure = new double[categories];
        _categorySeverity = new double[categories];
        _category = new ViolationCategory[categories];
        for (int c = 0; c < categories; c++)
        {
            _categoryRatePerDay[c] = compliance.Categories[c].ViolationsPerSupplierYear / DaysPerYear;
            _categoryExposure[c] = compliance.Categories[c].ExposedWorkerShare;
            _categorySeverity[c] = compliance.Categories[c].SeverityWeight;
            _category[c] = compliance.Categories[c].Category;
        }
    }

    /// <summary>Share of a supplier's workers each category exposes (read by the expected-harm score).</summary>
    public double[] CategoryExposure => _categoryExposure;

    /// <summary>The number of violation categories.</summary>
    public int CategoryCount => _category.Length;

    /// <summary>Open violations at suppliers in the chain now.</summary>
    public double OpenLevel => _openViolations.Level;

    /// <summary>The category of index <paramref name="k"/>.</summary>
    public ViolationCategory CategoryOf(int k) => _category[k];

    /// <summary>A new supplier record, with its violation stream (keyed by the supplier's id).</summary>
    public SupplierSocial CreateSupplier(Node n, int index, StreamFactory streams) =>
        new(n, n.Definition.Capability, index)
        {
            CumulativeHazard = new double[_category.Length],
            ViolationStream = streams.Create(StableHash.Of(n.Id), ViolationKey),
        };

    /// <summary>Brings the chain's time integrals up to <paramref name="time"/> in <paramref name="totals"/>.</summary>
    public void FillAreas(ref SocialTotals totals, double time)
    {
        totals.OpenArea = _openViolations.AreaAt(time);
        totals.ExposureArea = _exposure.AreaAt(time);
        totals.WeightedExposureArea = _weightedExposure.AreaAt(time);
        totals.NonCompliantArea = _nonCompliant.AreaAt(time);
    }

    /// <summary>
    /// Recomputes the hazard from the pressure of the window since the last review and redraws the
    /// next violation. <paramref name="certificationFactor"/> is f_cert (policies).
    /// </summary>
    public void SetHazard(SupplierSocial s, double now, double utilisation, double stressShare, double backlogDays, double certificationFactor)
    {
        var c = _compliance;
        double fCap = 1 - (c.CapabilityReduction * s.Capability);
        double fEnf = 1 - (c.EnforcementDeterrence * s.Enforcement);
        double fPres = 1
            + (c.UtilisationWeight * Math.Max(0, utilisation - c.UtilisationThreshold) / (1 - c.UtilisationThreshold))
            + (c.LiquidityStressWeight * stressShare)
            + (c.SqueezeBacklogDays > 0
                ? c.SqueezeWeight * Math.Min(1, Math.Max(0, backlogDays - c.SqueezeBacklogDays) / c.SqueezeBacklogDays)
                : 0);
        double factor = Math.Max(0, fCap * fEnf * fPres * certificationFactor);
        double sum = 0;
        for (int k = 0; k < _categoryRatePerDay.Length; k++)
        {
            sum += _categoryRatePerDay[k] * factor;
            s.CumulativeHazard[k] = sum;
        }

        s.HazardPerDay = sum;
        s.NextViolationAt = DrawNextViolation(s, now);
    }

    /// <summary>Day 0: Poisson(initial_violations_per_supplier) violations open, categories by hazard.</summary>
    public void SeedInitialViolations(SupplierSocial s)
    {
        double mean = _compliance.InitialViolationsPerSupplier;
        if (!(mean > 0) || !(s.HazardPerDay > 0))
        {
            return;
        }

        // Poisson by inversion (the mean is a handful of violations).
        double u = s.ViolationStream.NextDouble();
        double p = Math.Exp(-mean);
        double cumulative = p;
        int count = 0;
        while (u > cumulative && count < 1000)
        {
            count++;
            p *= mean / count;
            cumulative += p;
        }

        for (int i = 0; i < count; i++)
        {
            Arise(s, 0, s.ViolationStream.NextDouble() * s.HazardPerDay);
        }
    }

    /// <summary>The next violation of the supplier arises now, at <see cref="SupplierSocial.NextViolationAt"/>; the one after is drawn.</summary>
    public void AriseNext(SupplierSocial s)
    {
        double t = s.NextViolationAt;
        Arise(s, t, s.ViolationStream.NextDouble() * s.HazardPerDay);
        s.NextViolationAt = DrawNextViolation(s, t);
    }

    /// <summary>The violation is fixed at <paramref name="t"/>.</summary>
    public void Close(SupplierSocial s, Violation v, double t)
    {
        s.Open.Remove(v);
        _openViolations.Close(1, v.AriseAt, t);
        _exposure.Close(v.ExposedWorkers, v.AriseAt, t);
        _weightedExposure.Close(v.ExposedWorkers * _categorySeverity[v.Category], v.AriseAt, t);
        s.Exposure.Close(v.ExposedWorkers, v.AriseAt, t);
        if (s.Open.Count == 0)
        {
            _nonCompliant.Close(1, s.NonCompliantSince, t);
        }

        _ledger.Sum.Remediated++;
        if (!double.IsNaN(v.DiscoveredAt))
        {
            _ledger.Sum.RemediationDaysSum += t - v.DiscoveredAt;
        }

        _events.Closed(s, v, t);
    }

    /// <summary>The supplier left the chain at <paramref name="t"/> (any cause): its violations stay open, unseen and unfixed.</summary>
    public void LeaveChain(SupplierSocial s, double t)
    {
        s.InChain = false;
        s.NextDue = double.PositiveInfinity;
        foreach (var v in s.Open)
        {
            // No longer counted in the chain's open violations; the workers' exposure goes on.
            _openViolations.Close(1, v.AriseAt, t);
        }

        if (s.Open.Count > 0)
        {
            _nonCompliant.Close(1, s.NonCompliantSince, t);
        }

        _events.LeftChain(s, t);
    }

    private static double DrawNextViolation(SupplierSocial s, double now) =>
        s.HazardPerDay > 0 ? now + s.ViolationStream.NextExponential(1 / s.HazardPerDay) : double.PositiveInfinity;

    /// <summary>A violation arises at <paramref name="t"/>; <paramref name="pick"/> in [0, total hazard) selects its category.</summary>
    private void Arise(SupplierSocial s, double t, double pick)
    {
        int k = 0;
        while (k < s.CumulativeHazard.Length - 1 && pick >= s.CumulativeHazard[k])
        {
            k++;
        }

        var v = new Violation
        {
            Category = k,
            AriseAt = t,
            ExposedWorkers = s.Node.Definition.Workers * _categoryExposure[k],
        };
        if (s.Open.Count == 0)
        {
            s.NonCompliantSince = t;
            _nonCompliant.Open(1, t);
        }

        s.Open.Add(v);
        _openViolations.Open(1, t);
        _exposure.Open(v.ExposedWorkers, t);
        _weightedExposure.Open(v.ExposedWorkers * _categorySeverity[k], t);
        s.Exposure.Open(v.ExposedWorkers, t);
        _ledger.Sum.Arisen++;
        _events.Arisen(s, v, t);
    }
}
