// The social mechanisms' wiring and clock (DESIGN.md section 5, mechanisms 4-11). The parts are
// built once per replication, each with the collaborators it uses; this type hands the events of a
// violation's life to their owners and runs the social day:
//
//   day 0: every supplier scored, its hazard set, its initial violations drawn, its first inspection
//     and audits placed (with the expected-harm score, audits after every hazard is known); then
//     enrolment and the policies of day 0.
//   end of day d (after the day's economics): each supplier's events of (d - 1, d] in time order
//     (ties: a violation's own events - remediation, grievance, deadline - then audits and
//     inspections, then new violations), region enforcement changes, the periodic review, the
//     due-diligence review, the import ban's taint.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// The social side of one replication: builds the social parts (compliance, detection, corrective
/// actions, grievances, capacity building, financing, certification, import ban, due diligence,
/// supplier response, the review and social bookkeeping), runs their day, and is what the rest of the
/// model calls: the day end, the time-series row, the KPIs, and the payment and delivery hooks.
/// </summary>
internal sealed class SocialMechanisms : IViolationEvents, IDetectionResponses
{
    private const double DaysPerYear = 365;

    private static readonly ulong DueDiligenceKey = StableHash.Of("due_diligence");

    private readonly SupplierSocial[] _suppliers;
    private readonly SocialLedger _ledger = new();
    private readonly RiskSegmentation _segmentation;
    private readonly Compliance _compliance;
    private readonly Certifications _certifications;
    private readonly ImportBan? _ban;
    private readonly DueDiligence? _law;
    private readonly CorrectiveActions _actions;
    private readonly Grievances _grievances;
    private readonly Detection _detection;
    private readonly RegionEnforcement _regionEnforcement;
    private readonly CapacityBuilding _capacityBuilding;
    private readonly Financing _financing;
    private readonly SupplierResponse _response;
    private readonly SocialReview _review;
    private readonly SocialBookkeeping _bookkeeping;

    /// <param name="social">The social definition.</param>
    /// <param name="regions">The regions (labour inspections and their schedules).</param>
    /// <param name="nodes">Every node (the supply graph is read at build time; a node's <see cref="Node.Social"/> is set here).</param>
    /// <param name="supplierNodes">The suppliers, in definition order.</param>
    /// <param name="links">The links.</param>
    /// <param name="nodeIndex">Node ids to indices (programmes and offers name buyers).</param>
    /// <param name="streams">The replication's streams.</param>
    /// <param name="totals">The network totals (carbon saved by capability).</param>
    /// <param name="accounts">Cash, costs and landed cost (economics and bookkeeping).</param>
    /// <param name="sourcing">Suspension and termination (ordering, re-sourcing, economics).</param>
    /// <param name="capacity">Capacity growth (production).</param>
    /// <param name="standing">Whether any customer buys from a supplier yet (re-sourcing).</param>
    /// <param name="readings">Production, stress and backlog (for the review).</param>
    public SocialMechanisms(
        SocialDefinition social,
        IReadOnlyList<RegionDefinition> regions,
        Node[] nodes,
        Node[] supplierNodes,
        Link[] links,
        IReadOnlyDictionary<string, int> nodeIndex,
        StreamFactory streams,
        TotalsLedger totals,
        ISupplierAccounts accounts,
        ISourcingActions sourcing,
        ICapacityGrowth capacity,
        ISourcingStanding standing,
        ISupplierReadings readings)
    {
        _segmentation = new RiskSegmentation(social.Segmentation);
        _compliance = new Compliance(social.Compliance, _ledger, this);
        _suppliers = new SupplierSocial[supplierNodes.Length];
        for (int i = 0; i < supplierNodes.Length; i++)
        {
            var n = supplierNodes[i];
            var s = _compliance.CreateSupplier(n, i, streams);
            var region = regions[n.Region];
            s.InspectionRatePerDay = region.LabourInspectionsPerSupplierYear / DaysPerYear;
            s.InspectionDetection = region.InspectionDetectionProbability;
            n.Social = s;
            _suppliers[i] = s;
        }

        _certifications = new Certifications(social.Certifications, _suppliers, _compliance, _ledger, accounts);
        _ban = social.ImportBan is { } ban
            ? new ImportBan(ban, _compliance, _suppliers, SupplyChain.InMarkets(ban.Markets, nodes, links), nodes, links, streams, _ledger)
            : null;
        _law = social.DueDiligence is { } law ? BuildDueDiligence(law, social.AuditProgrammes, nodes, links, nodeIndex, streams) : null;
        _actions = new CorrectiveActions(social, _suppliers, RemediationShares(nodes, links), streams, _compliance, _ledger, accounts, sourcing, standing, this, _law);
        _grievances = new Grievances(social.Grievances, _suppliers, streams, _compliance, _actions, _ledger, accounts);
        _detection = BuildDetection(social.AuditProgrammes, nodes, links, nodeIndex, streams, accounts);
        _regionEnforcement = new RegionEnforcement(regions, _detection);
        _capacityBuilding = new CapacityBuilding(social.CapacityBuilding, _suppliers, _ledger, totals, accounts, capacity, standing, _law);
        _financing = new Financing(social, nodes.Length, nodeIndex, _suppliers, _ledger, accounts, _actions);
        _response = new SupplierResponse(social, _suppliers.Length, _ledger, accounts, _capacityBuilding, _financing);
        _review = new SocialReview(_compliance, social.Compliance.ReviewDays, _suppliers, _segmentation, _capacityBuilding, _response, _certifications, _financing, readings);
        _bookkeeping = new SocialBookkeeping(_ledger, _compliance, _actions, _detection, _capacityBuilding, _suppliers, supplierNodes);
    }

    /// <summary>Day 0: scores, hazards, initial violations, first inspections and audits, enrolment and policies.</summary>
    public void Start()
    {
        foreach (var s in _suppliers)
        {
            _segmentation.Update(s, 0);
            _compliance.SetHazard(s, 0, utilisation: 0, stressShare: 0, backlogDays: 0, _certifications.HazardFactor(s));
            _compliance.SeedInitialViolations(s);
            _detection.StartInspections(s);
            if (!_segmentation.ByExpectedHarm)
            {
                _detection.ScheduleFirstAudits(s);
            }

            s.NextDue = 0;
        }

        if (_segmentation.ByExpectedHarm)
        {
            // The expected-harm score needs every supplier's hazard before the first audits are placed.
            _segmentation.RescoreByExpectedHarm(_suppliers, _compliance.CategoryExposure);
            foreach (var s in _suppliers)
            {
                _detection.ScheduleFirstAudits(s);
            }
        }

        _review.EnrolAndApplyPolicies(0);
    }

    /// <summary>The social part of the end of day <paramref name="day"/>: events in (day - 1, day], then reviews.</summary>
    public void DayEnd(int day)
    {
        double now = day;
        foreach (var s in _suppliers)
        {
            if (s.InChain && !s.Node.Active)
            {
                _compliance.LeaveChain(s, s.Node.ExitDay);
                continue;
            }

            if (s.NextDue <= now)
            {
                ProcessEvents(s, now);
            }
        }

        _regionEnforcement.ApplyDue(now, _suppliers);
        _review.RunIfDue(now);
        if (_law is { } law)
        {
            var (charged, expected) = law.ReviewIfDue(now, _suppliers, _actions);
            _ledger.Sum.PenaltyCost += charged;
            _ledger.Sum.ExpectedPenaltyCost += expected;
        }

        _ban?.Update(now);
    }

    /// <inheritdoc cref="SocialBookkeeping.Snapshot"/>
    public SocialTotals Snapshot(double time) => _bookkeeping.Snapshot(time);

    /// <summary>The warm-up ends at <paramref name="now"/>: each supplier's exposure so far, and the social totals.</summary>
    public SocialTotals AtWarmupEnd(double now)
    {
        var totals = Snapshot(now);
        foreach (var s in _suppliers)
        {
            s.ExposureAtWarmup = s.Exposure.AreaAt(now);
        }

        return totals;
    }

    /// <inheritdoc cref="SocialBookkeeping.Sample"/>
    public void Sample(double[][] columns, int row, double time) => _bookkeeping.Sample(columns, row, time);

    /// <inheritdoc cref="SocialBookkeeping.Collect"/>
    public void Collect(double[] kpis, SocialTotals start, double horizon, double warmup) => _bookkeeping.Collect(kpis, start, horizon, warmup);

    /// <inheritdoc cref="Financing.Apply"/>
    public void ApplyFinance(Node payer, Node payee, double now, ref double termsDays, ref double amount) =>
        _financing.Apply(payer, payee, now, ref termsDays, ref amount);

    /// <inheritdoc cref="ImportBan.IsDetained"/>
    public bool IsDetained(Node customer, Node supplier, double quantity) => _ban is { } ban && ban.IsDetained(customer, supplier, quantity);

    /// <inheritdoc/>
    void IViolationEvents.Arisen(SupplierSocial s, Violation v, double t) => _grievances.Schedule(s, v, t);

    /// <inheritdoc/>
    void IViolationEvents.Closed(SupplierSocial s, Violation v, double t)
    {
        _grievances.Closed(v, t);
        _ban?.Closed(s, v);
        _certifications.Closed(s, v);
        _actions.Closed(s, v, t);
    }

    /// <inheritdoc/>
    void IViolationEvents.LeftChain(SupplierSocial s, double t)
    {
        _ban?.LeftChain(s);
        _actions.LeftChain(s, t);
        _capacityBuilding.EndEnrolment(s, t);
    }

    /// <inheritdoc/>
    void IDetectionResponses.Detected(SupplierSocial s, Violation v, double t)
    {
        Grievances.CancelReport(v);
        _certifications.Detected(s, v);
        _ban?.Detected(s, v);
    }

    /// <inheritdoc/>
    bool IDetectionResponses.IsAssisted(SupplierSocial s, double t) => _capacityBuilding.IsEnrolled(s, t);

    /// <inheritdoc/>
    bool IDetectionResponses.Expedites(SupplierSocial s, Violation v, double t) => _response.Expedites(s, v, t);

    /// <summary>The law's scope: the buyer side in its markets and every supplier upstream of it (every node without markets), and the programmes with a covered buyer.</summary>
    private static DueDiligence BuildDueDiligence(DueDiligenceDefinition law, IReadOnlyList<AuditProgrammeDefinition> programmes, Node[] nodes, Link[] links, IReadOnlyDictionary<string, int> nodeIndex, StreamFactory streams)
    {
        bool[] buyerSide = SupplyChain.InMarkets(law.Markets, nodes, links);
        var covered = new bool[nodes.Length];
        var coveredBuyerSide = new List<Node>();
        foreach (var n in nodes)
        {
            if (n.IsBuyerSide && buyerSide[n.Index])
            {
                covered[n.Index] = true;
                coveredBuyerSide.Add(n);
                if (law.Markets.Count > 0)
                {
                    SupplyChain.MarkUpstream(n, covered, nodes, links);
                }
            }
            else if (law.Markets.Count == 0)
            {
                // No markets: every supplier, as before markets existed.
                covered[n.Index] = true;
            }
        }

        var coveredProgramme = new bool[programmes.Count];
        for (int k = 0; k < programmes.Count; k++)
        {
            foreach (string buyer in programmes[k].Buyers)
            {
                coveredProgramme[k] |= nodeIndex.TryGetValue(buyer, out int index) && buyerSide[index];
            }
        }

        var stream = streams.Create(StableHash.Of("policy"), DueDiligenceKey);
        return new DueDiligence(law, stream, covered, coveredProgramme, [.. coveredBuyerSide]);
    }

    /// <summary>Each supplier's buyers' share of its remediation cost: the largest share among the buyers whose chain it is in.</summary>
    private double[] RemediationShares(Node[] nodes, Link[] links)
    {
        var shares = new double[_suppliers.Length];
        foreach (var buyer in nodes)
        {
            double share = buyer.Definition.RemediationCostShare;
            if (!buyer.IsBuyer || !(share > 0))
            {
                continue;
            }

            var chain = new bool[nodes.Length];
            SupplyChain.MarkUpstream(buyer, chain, nodes, links);
            foreach (var s in _suppliers)
            {
                if (chain[s.Node.Index])
                {
                    shares[s.Index] = Math.Max(shares[s.Index], share);
                }
            }
        }

        return shares;
    }

    /// <summary>Detection, with each programme's coverage: the chains of its buyers.</summary>
    private Detection BuildDetection(IReadOnlyList<AuditProgrammeDefinition> programmes, Node[] nodes, Link[] links, IReadOnlyDictionary<string, int> nodeIndex, StreamFactory streams, ISupplierAccounts accounts)
    {
        var funders = new HashSet<string>(StringComparer.Ordinal);
        var covered = new bool[programmes.Count][];
        for (int k = 0; k < programmes.Count; k++)
        {
            covered[k] = new bool[nodes.Length];
            foreach (string buyer in programmes[k].Buyers)
            {
                funders.Add(buyer);
                if (nodeIndex.TryGetValue(buyer, out int index))
                {
                    SupplyChain.MarkUpstream(nodes[index], covered[k], nodes, links);
                }
            }
        }

        return new Detection(programmes, _suppliers, covered, funders.Count, streams, _ledger, _actions, accounts, _law);
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

            double td = _detection.NextAt(s);
            double t = Math.Min(Math.Min(tv, td), s.NextViolationAt);
            if (t > until)
            {
                s.NextDue = t;
                return;
            }

            if (next is not null && tv == t)
            {
                HandleViolationEvent(s, next, t);
            }
            else if (td == t)
            {
                _detection.RunDue(s, t);
            }
            else
            {
                _compliance.AriseNext(s);
            }
        }

        s.NextDue = double.PositiveInfinity;
    }

    private void HandleViolationEvent(SupplierSocial s, Violation v, double t)
    {
        if (v.RemediatedAt == t)
        {
            _compliance.Close(s, v, t);
        }
        else if (v.GrievanceAt == t)
        {
            _grievances.File(s, v, t);
        }
        else
        {
            _actions.MissDeadline(s, v, t);
        }
    }
}
