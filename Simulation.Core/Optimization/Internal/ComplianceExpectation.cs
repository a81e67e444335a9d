using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// Expected worker-exposure-days per day of one supplier, from the compliance mechanisms' own parameters
/// (Simulation.Core/Network/Social; docs/model.md), for <see cref="SocialRiskEstimate"/>:
/// <code>
///   lambda_c  = rate_c / 365 x (1 - a x capability) x f_enf x f_cert        f_pres at its baseline 1
///   f_enf     = 1 - b x min(1, inspections per year x inspection detection probability)
///   exposure  = workers x sum_c lambda_c x exposed_share_c x E[days open]  (Little's law)
///   E[days open] = E[T] + P(grievance first) x local resolution days + (1 - P(grievance first)) x E[R]
///                  (capability at or above local_resolution_capability; otherwise E[T] + E[R])
///   E[T]      = integral from 0 to A of P(T > t) dt,  P(T > t) = exp(-(mu q + r) t) x prod_k S_k(t)
///   S_k(t)    = (tau / I_k) (1 - p_k)^(m + 1) + (1 - tau / I_k) (1 - p_k)^m,   t = m I_k + tau
/// </code>
/// T is the time from a violation to its detection: inspections (rate mu, detection q) and grievances
/// (rate r = reports x trust / 365; a first report is a detection, or a local fix) are Poisson, so they
/// act through exp(-(mu q + r) t); audit programme k audits every I_k days at a phase uniform to the
/// violation and finds it with probability p_k, so S_k is its chance to have missed it by t. P(grievance
/// first) = r E[T]. E[R] is the mean of remediation_days. A = (warm-up + horizon) / 2 caps the time a
/// violation can be open on average over the measured window, so a supplier nobody inspects has a
/// finite figure. Audit programmes count for a supplier upstream of, or a candidate source of, one of
/// their buyers that matches their target; its risk segment (which sets I_k and segment targets) is the
/// segmentation score with the history term at its expectation 1 - exp(-violations per year). A
/// due-diligence law's audit_interval_factor f shortens I_k by its mean over the measured window:
/// I_k x (1 - phi (1 - f)), phi the share of the window the law is in force. Not in it: purchasing
/// pressure, capacity building, certifications adopted later, programme start and end days and the
/// transient of violations open at day 0.
/// </summary>
internal sealed class ComplianceExpectation
{
    private const double DaysPerYear = 365;

    private readonly SocialDefinition _social;
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, RegionDefinition> _regions;
    private readonly Dictionary<string, HashSet<string>> _coveredBy = new(StringComparer.Ordinal);
    private readonly double _openCap;
    private readonly double _auditIntervalFactor;

    public ComplianceExpectation(NetworkDefinition network, SocialDefinition social)
    {
        _social = social;
        _nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _regions = network.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _openCap = (network.WarmupDays + network.HorizonDays) / 2;
        _auditIntervalFactor = MeanAuditIntervalFactor(social.DueDiligence, network.WarmupDays, network.HorizonDays);
        foreach (var programme in social.AuditProgrammes)
        {
            _coveredBy[programme.Id] = Covered(network, programme.Buyers);
        }
    }

    /// <summary>Expected worker-exposure-days per day of the node's own violations, had it the given capability.</summary>
    public double ExposurePerDay(NodeDefinition node, double capability)
    {
        var compliance = _social.Compliance;
        var region = _regions[node.RegionId];
        double enforcement = Math.Min(1, region.LabourInspectionsPerSupplierYear * region.InspectionDetectionProbability);
        double factor = Math.Max(0, (1 - (compliance.CapabilityReduction * capability)) * (1 - (compliance.EnforcementDeterrence * enforcement)) * CertificationFactor(node));
        double exposedPerDay = 0, violationsPerYear = 0;
        foreach (var category in compliance.Categories)
        {
            double perDay = category.ViolationsPerSupplierYear / DaysPerYear * factor;
            violationsPerYear += perDay * DaysPerYear;
            exposedPerDay += perDay * node.Workers * category.ExposedWorkerShare;
        }

        return exposedPerDay > 0 ? exposedPerDay * DaysOpen(node, region, capability, violationsPerYear) : 0;
    }

    /// <summary>The factor on audit intervals averaged over the window [from, to]: 1 before the law, its factor after.</summary>
    internal static double MeanAuditIntervalFactor(DueDiligenceDefinition? law, double from, double to)
    {
        if (law is null || !(to > from))
        {
            return 1;
        }

        double inForce = Math.Clamp((to - Math.Max(from, law.StartDay)) / (to - from), 0, 1);
        return 1 - (inForce * (1 - law.AuditIntervalFactor));
    }

    /// <summary>Expected days a violation stays open (exposing its workers), capped as described above.</summary>
    private double DaysOpen(NodeDefinition node, RegionDefinition region, double capability, double violationsPerYear)
    {
        var grievances = _social.Grievances;
        double reportRate = grievances.ReportsPerViolationYear * grievances.Trust / DaysPerYear;
        double poissonRate = (region.LabourInspectionsPerSupplierYear / DaysPerYear * region.InspectionDetectionProbability) + reportRate;
        var segment = Segment(node, region, capability, violationsPerYear);
        var audits = new List<(double Interval, double Miss)>();
        foreach (var programme in _social.AuditProgrammes)
        {
            if (_coveredBy[programme.Id].Contains(node.Id) && Matches(programme.Target, node, segment) && programme.DetectionProbability > 0)
            {
                double interval = segment switch
                {
                    RiskSegment.High => programme.IntervalDaysHigh,
                    RiskSegment.Medium => programme.IntervalDaysMedium,
                    _ => programme.IntervalDaysLow,
                };
                audits.Add((interval * _auditIntervalFactor, 1 - programme.DetectionProbability));
            }
        }

        double toDetection = MeanTimeToDetection(poissonRate, audits, _openCap);
        double remediation = _social.Compliance.RemediationDays.Mean;
        if (capability >= grievances.LocalResolutionCapability && reportRate > 0)
        {
            double byGrievance = Math.Min(1, reportRate * toDetection);
            return toDetection + (byGrievance * grievances.LocalResolutionDays) + ((1 - byGrievance) * remediation);
        }

        return toDetection + remediation;
    }

    /// <summary>
    /// E[min(T, cap)] for detection by Poisson channels of total rate <paramref name="rate"/> and periodic
    /// audits (interval, chance to miss): the integral of the survival function, by Simpson's rule on a
    /// grid that resolves every audit period (the survival is smooth between audits, piecewise linear in
    /// the audit factors times an exponential).
    /// </summary>
    internal static double MeanTimeToDetection(double rate, IReadOnlyList<(double Interval, double Miss)> audits, double cap)
    {
        if (audits.Count == 0)
        {
            return rate > 0 ? -double.ExpM1(-rate * cap) / rate : cap;
        }

        double step = Math.Min(cap, audits.Min(a => a.Interval)) / 64;
        if (rate > 0)
        {
            step = Math.Min(step, 1 / rate / 8);
        }

        double Survival(double t)
        {
            double s = Math.Exp(-rate * t);
            foreach (var (interval, miss) in audits)
            {
                double periods = Math.Floor(t / interval);
                double phase = (t / interval) - periods;
                s *= Math.Pow(miss, periods) * ((phase * miss) + (1 - phase));
            }

            return s;
        }

        // Simpson on pairs of steps; the breakpoints of S_k fall inside panels, which costs accuracy of
        // order step^2 x the jump in slope: negligible at 64 panels per period.
        double total = 0;
        for (double t = 0; t < cap; t += 2 * step)
        {
            double h = Math.Min(step, (cap - t) / 2);
            double s0 = Survival(t);
            if (s0 < 1e-12)
            {
                break;
            }

            total += h / 3 * (s0 + (4 * Survival(t + h)) + Survival(t + (2 * h)));
        }

        return total;
    }

    private RiskSegment Segment(NodeDefinition node, RegionDefinition region, double capability, double violationsPerYear)
    {
        double enforcement = Math.Min(1, region.LabourInspectionsPerSupplierYear * region.InspectionDetectionProbability);
        double history = -double.ExpM1(-violationsPerYear);
        return RiskSegmentation.SegmentOf(RiskSegmentation.RiskScore(enforcement, node.Tier, node.Size, capability, history), _social.Segmentation);
    }

    private static bool Matches(SupplierTarget target, NodeDefinition node, RiskSegment segment) =>
        node.Tier >= target.MinTier && node.Tier <= target.MaxTier
        && (target.Sizes.Count == 0 || target.Sizes.Contains(node.Size))
        && (target.Segments.Count == 0 || target.Segments.Contains(segment))
        && (target.Regions.Count == 0 || target.Regions.Contains(node.RegionId, StringComparer.Ordinal))
        && (target.Suppliers.Count == 0 || target.Suppliers.Contains(node.Id, StringComparer.Ordinal));

    private double CertificationFactor(NodeDefinition node)
    {
        foreach (var certification in _social.Certifications)
        {
            if (node.Certifications.Contains(certification.Id, StringComparer.Ordinal))
            {
                return certification.HazardFactor;
            }
        }

        return 1;
    }

    /// <summary>
    /// The suppliers a programme of these buyers audits if the buyer sources from them: every supplier
    /// upstream of the buyers, and every supplier of a buyer's product (a candidate the optimizer may
    /// choose) with its own upstream.
    /// </summary>
    private HashSet<string> Covered(NetworkDefinition network, IReadOnlyList<string> buyers)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<NodeDefinition>();
        foreach (string id in buyers)
        {
            if (!_nodes.TryGetValue(id, out var buyer))
            {
                continue;
            }

            pending.Push(buyer);
            foreach (var candidate in network.Nodes.Where(n => n.Role == NodeRole.Supplier && n.ProductId == buyer.ProductId))
            {
                if (covered.Add(candidate.Id))
                {
                    pending.Push(candidate);
                }
            }
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var link in node.Inputs.Append(node.Stock).SelectMany(s => s.Sources))
            {
                if (covered.Add(link.SupplierId))
                {
                    pending.Push(_nodes[link.SupplierId]);
                }
            }
        }

        return covered;
    }
}
