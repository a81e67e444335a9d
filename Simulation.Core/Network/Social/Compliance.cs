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

internal sealed partial class NetworkModel
{
    private const double DaysPerYear = 365;

    private static readonly ulong ViolationKey = StableHash.Of("violation");
    private static readonly ulong InspectionKey = StableHash.Of("inspection");
    private static readonly ulong GrievanceKey = StableHash.Of("grievance");
    private static readonly ulong RemediationKey = StableHash.Of("remediation");
    private static readonly ulong DetentionKey = StableHash.Of("detention");

    private SocialDefinition? _social;
    private RiskSegmentation? _segmentation;
    private SupplierSocial[] _socialSuppliers = [];
    private double[] _categoryRatePerDay = [];
    private double[] _categoryExposure = [];
    private double[] _categorySeverity = [];
    private int[] _categoryCode = [];
    private SocialTotals _socialTotals;
    private SocialTotals _socialAtWarmup;
    private SocialTotals _socialAtLastRow;
    private LevelIntegral _openViolations;
    private LevelIntegral _exposure;

    // Worker exposure weighted by each category's severity (in and out of the chain, as _exposure).
    private LevelIntegral _weightedExposure;
    private LevelIntegral _nonCompliant;
    private LevelIntegral _suspended;
    private double _nextSocialReview;
    private double _lastSocialReview;
    private RegionEnforcement? _regionEnforcement;

    /// <summary>Builds the social state of every supplier and draws day 0 (no-op without a social definition).</summary>
    private void StartSocial()
    {
        _social = _definition.Social;
        if (_social is null)
        {
            return;
        }

        var compliance = _social.Compliance;
        _segmentation = new RiskSegmentation(_social.Segmentation);
        int categories = compliance.Categories.Count;
        _categoryRatePerDay = new double[categories];
        _categoryExposure = new double[categories];
        _categorySeverity = new double[categories];
        _categoryCode = new int[categories];
        for (int c = 0; c < categories; c++)
        {
            _categoryRatePerDay[c] = compliance.Categories[c].ViolationsPerSupplierYear / DaysPerYear;
            _categoryExposure[c] = compliance.Categories[c].ExposedWorkerShare;
            _categorySeverity[c] = compliance.Categories[c].SeverityWeight;
            _categoryCode[c] = (int)compliance.Categories[c].Category;
        }

        _socialSuppliers = new SupplierSocial[_suppliers.Length];
        for (int i = 0; i < _suppliers.Length; i++)
        {
            var n = _suppliers[i];
            var s = new SupplierSocial(n, n.Definition.Capability) { CumulativeHazard = new double[categories] };
            ulong entity = StableHash.Of(n.Id);
            s.ViolationStream = _context.Streams.Create(entity, ViolationKey);
            s.InspectionStream = _context.Streams.Create(entity, InspectionKey);
            s.GrievanceStream = _context.Streams.Create(entity, GrievanceKey);
            s.RemediationStream = _context.Streams.Create(entity, RemediationKey);
            s.DetentionStream = _context.Streams.Create(entity, DetentionKey);
            var region = _definition.Regions[n.Region];
            s.InspectionRatePerDay = region.LabourInspectionsPerSupplierYear / DaysPerYear;
            s.InspectionDetection = region.InspectionDetectionProbability;
            n.Social = s;
            _socialSuppliers[i] = s;
        }

        _regionEnforcement = new RegionEnforcement(_definition.Regions);
        BuildCertifications();
        BuildAuditProgrammes();
        BuildRemediationShares();
        BuildFinancing();
        foreach (var s in _socialSuppliers)
        {
            _segmentation!.Update(s, 0);
            SetHazard(s, 0, utilisation: 0, stressShare: 0, backlogDays: 0);
            SeedInitialViolations(s, compliance.InitialViolationsPerSupplier);
            if (s.InspectionRatePerDay > 0 && s.InspectionDetection > 0)
            {
                s.NextInspectionAt = s.InspectionStream.NextExponential(1 / s.InspectionRatePerDay);
            }

            if (!_segmentation.ByExpectedHarm)
            {
                ScheduleFirstAudits(s);
            }

            s.NextDue = 0;
        }

        if (_segmentation.ByExpectedHarm)
        {
            // The expected-harm score needs every supplier's hazard before the first audits are placed.
            _segmentation.RescoreByExpectedHarm(_socialSuppliers, _categoryExposure);
            foreach (var s in _socialSuppliers)
            {
                ScheduleFirstAudits(s);
            }
        }

        EnrolCapacityBuilding(0);
        ApplyPoliciesAt(0);
        _nextSocialReview = compliance.ReviewDays;
    }

    /// <summary>The social part of the end of day <paramref name="day"/>: events in (day - 1, day], then reviews.</summary>
    private void SocialDayEnd(int day)
    {
        if (_social is null)
        {
            return;
        }

        double now = day;
        foreach (var s in _socialSuppliers)
        {
            if (s.InChain && !s.Node.Active)
            {
                LeaveChain(s, s.Node.ExitDay);
                continue;
            }

            if (s.NextDue <= now)
            {
                ProcessEvents(s, now);
            }
        }

        _regionEnforcement!.ApplyDue(now, _socialSuppliers);
        if (now >= _nextSocialReview - Epsilon)
        {
            ReviewSocial(now);
            _nextSocialReview += _social.Compliance.ReviewDays;
        }

        EnforceDueDiligence(now);
        UpdateImportBan(now);
    }

    /// <summary>Handles the supplier's events up to <paramref name="until"/> in time order.</summary>
    private void ProcessEvents(SupplierSocial s, double until)
    {
        while (s.InChain)
        {
            Violation? next = null;
            double tv = double.PositiveInfinity;
            foreach (var v in s.Open)
            {
                double at = v.NextAt;
                if (at < tv)
                {
                    tv = at;
                    next = v;
                }
            }

            AuditSlot? slot = null;
            double ta = double.PositiveInfinity;
            foreach (var a in s.Audits)
            {
                if (a.NextAt < ta)
                {
                    ta = a.NextAt;
                    slot = a;
                }
            }

            double t = Math.Min(Math.Min(tv, ta), Math.Min(s.NextInspectionAt, s.NextViolationAt));
            if (t > until)
            {
                s.NextDue = t;
                return;
            }

            if (next is not null && tv == t)
            {
                HandleViolationEvent(s, next, t);
            }
            else if (slot is not null && ta == t)
            {
                RunAudit(s, slot, t);
            }
            else if (s.NextInspectionAt == t)
            {
                RunInspection(s, t);
            }
            else
            {
                Arise(s, t, s.ViolationStream.NextDouble() * s.HazardPerDay);
                s.NextViolationAt = DrawNextViolation(s, t);
            }
        }

        s.NextDue = double.PositiveInfinity;
    }

    private void HandleViolationEvent(SupplierSocial s, Violation v, double t)
    {
        if (v.RemediatedAt == t)
        {
            CloseViolation(s, v, t);
        }
        else if (v.GrievanceAt == t)
        {
            FileGrievance(s, v, t);
        }
        else
        {
            MissDeadline(s, v, t);
        }
    }

    /// <summary>Recomputes the hazard from the window since the last review and redraws the next violation.</summary>
    private void SetHazard(SupplierSocial s, double now, double utilisation, double stressShare, double backlogDays)
    {
        var c = _social!.Compliance;
        double fCap = 1 - (c.CapabilityReduction * s.Capability);
        double fEnf = 1 - (c.EnforcementDeterrence * Math.Min(1, s.InspectionRatePerDay * DaysPerYear * s.InspectionDetection));
        double fPres = 1
            + (c.UtilisationWeight * Math.Max(0, utilisation - c.UtilisationThreshold) / (1 - c.UtilisationThreshold))
            + (c.LiquidityStressWeight * stressShare)
            + (c.SqueezeBacklogDays > 0
                ? c.SqueezeWeight * Math.Min(1, Math.Max(0, backlogDays - c.SqueezeBacklogDays) / c.SqueezeBacklogDays)
                : 0);
        double fCert = s.Certification >= 0 && s.CertificateSuspensions == 0 ? _social.Certifications[s.Certification].HazardFactor : 1;
        double factor = Math.Max(0, fCap * fEnf * fPres * fCert);
        double sum = 0;
        for (int k = 0; k < _categoryRatePerDay.Length; k++)
        {
            sum += _categoryRatePerDay[k] * factor;
            s.CumulativeHazard[k] = sum;
        }

        s.HazardPerDay = sum;
        s.NextViolationAt = DrawNextViolation(s, now);
    }

    private static double DrawNextViolation(SupplierSocial s, double now) =>
        s.HazardPerDay > 0 ? now + s.ViolationStream.NextExponential(1 / s.HazardPerDay) : double.PositiveInfinity;

    private void SeedInitialViolations(SupplierSocial s, double mean)
    {
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
        _socialTotals.Arisen++;
        ScheduleGrievance(s, v, t);
    }

    /// <summary>The violation is fixed at <paramref name="t"/>.</summary>
    private void CloseViolation(SupplierSocial s, Violation v, double t)
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

        _socialTotals.Remediated++;
        if (!double.IsNaN(v.DiscoveredAt))
        {
            _socialTotals.RemediationDaysSum += t - v.DiscoveredAt;
        }

        if (!double.IsNaN(v.GrievanceFiledAt))
        {
            _socialTotals.GrievancesResolved++;
            _socialTotals.GrievanceResolutionDaysSum += t - v.GrievanceFiledAt;
        }

        if (v.Detected && IsBanned(v.Category))
        {
            s.BannedFindings--;
            _banDirty = true;
        }

        if (v.SuspendsCertificate)
        {
            s.CertificateSuspensions--;
        }

        if (v.Overdue)
        {
            s.OverdueCount--;
            if (s.OverdueCount == 0 && s.Node.OrdersSuspended)
            {
                SetSuspended(s, false, t);
            }
        }
    }

    /// <summary>The supplier left the chain at <paramref name="t"/> (any cause): its violations stay open, unseen and unfixed.</summary>
    private void LeaveChain(SupplierSocial s, double t)
    {
        s.InChain = false;
        s.NextDue = double.PositiveInfinity;
        foreach (var v in s.Open)
        {
            // No longer counted in the chain's open violations; the workers' exposure goes on.
            _openViolations.Close(1, v.AriseAt, t);
            if (v.Detected && IsBanned(v.Category))
            {
                s.BannedFindings--;
                _banDirty = true;
            }
        }

        if (s.Open.Count > 0)
        {
            _nonCompliant.Close(1, s.NonCompliantSince, t);
        }

        if (s.Node.OrdersSuspended)
        {
            SetSuspended(s, false, t);
        }

        EndEnrolment(s, t);
    }
}
