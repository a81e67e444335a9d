// The social mechanisms' wiring and clock (DESIGN.md section 5, mechanisms 4-11): builds every
// supplier's social state and the parts at day 0, and at the end of each day runs each supplier's
// events of (day - 1, day] in time order, then the day's reviews. Ties within a supplier: a
// violation's own events (remediation, grievance, deadline) first, then audits, inspections and new
// violations.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel : IViolationEvents, IDetectionResponses, ISourcingActions, ISupplierAccounts, ICapacityGrowth
{
    private const double DaysPerYear = 365;

    private static readonly ulong DetentionKey = StableHash.Of("detention");

    private SocialDefinition? _social;
    private RiskSegmentation? _segmentation;
    private Compliance? _compliance;
    private Detection? _detection;
    private CorrectiveActions? _actions;
    private Grievances? _grievances;
    private CapacityBuilding? _capacityBuilding;
    private Financing? _financing;
    private SupplierSocial[] _socialSuppliers = [];
    private readonly SocialLedger _socialLedger = new();
    private SocialTotals _socialAtWarmup;
    private SocialTotals _socialAtLastRow;
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
        _compliance = new Compliance(compliance, _socialLedger, this);
        _socialSuppliers = new SupplierSocial[_suppliers.Length];
        for (int i = 0; i < _suppliers.Length; i++)
        {
            var n = _suppliers[i];
            var s = _compliance.CreateSupplier(n, i, _context.Streams);
            ulong entity = StableHash.Of(n.Id);
            s.DetentionStream = _context.Streams.Create(entity, DetentionKey);
            var region = _definition.Regions[n.Region];
            s.InspectionRatePerDay = region.LabourInspectionsPerSupplierYear / DaysPerYear;
            s.InspectionDetection = region.InspectionDetectionProbability;
            n.Social = s;
            _socialSuppliers[i] = s;
        }

        BuildCertifications();
        _actions = new CorrectiveActions(_social, _socialSuppliers, RemediationShares(), _context.Streams, _compliance, _socialLedger, this, this, _resourcing, this, _dueDiligence);
        _grievances = new Grievances(_social.Grievances, _socialSuppliers, _context.Streams, _compliance, _actions, _socialLedger, this);
        _detection = BuildDetection();
        _regionEnforcement = new RegionEnforcement(_definition.Regions, _detection);
        _capacityBuilding = new CapacityBuilding(_social.CapacityBuilding, _socialSuppliers, _socialLedger, _ledger, this, this, _resourcing, _dueDiligence);
        _financing = new Financing(_social, _nodes.Length, _nodeIndex, _socialSuppliers, _socialLedger, this, _actions);
        foreach (var s in _socialSuppliers)
        {
            _segmentation!.Update(s, 0);
            SetHazard(s, 0, utilisation: 0, stressShare: 0, backlogDays: 0);
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
            _segmentation.RescoreByExpectedHarm(_socialSuppliers, _compliance.CategoryExposure);
            foreach (var s in _socialSuppliers)
            {
                _detection.ScheduleFirstAudits(s);
            }
        }

        _capacityBuilding.Enrol(0);
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
                _compliance!.LeaveChain(s, s.Node.ExitDay);
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

            double td = _detection!.NextAt(s);
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
                _compliance!.AriseNext(s);
            }
        }

        s.NextDue = double.PositiveInfinity;
    }

    private void HandleViolationEvent(SupplierSocial s, Violation v, double t)
    {
        if (v.RemediatedAt == t)
        {
            _compliance!.Close(s, v, t);
        }
        else if (v.GrievanceAt == t)
        {
            _grievances!.File(s, v, t);
        }
        else
        {
            _actions!.MissDeadline(s, v, t);
        }
    }

    /// <summary>Detection's audit coverage: per programme, the chains of its buyers.</summary>
    private Detection BuildDetection()
    {
        var programmes = _social!.AuditProgrammes;
        var funders = new HashSet<string>(StringComparer.Ordinal);
        var covered = new bool[programmes.Count][];
        for (int k = 0; k < programmes.Count; k++)
        {
            covered[k] = new bool[_nodes.Length];
            foreach (string buyer in programmes[k].Buyers)
            {
                funders.Add(buyer);
                if (_nodeIndex.TryGetValue(buyer, out int index))
                {
                    SupplyChain.MarkUpstream(_nodes[index], covered[k], _nodes, _links);
                }
            }
        }

        return new Detection(programmes, _socialSuppliers, covered, funders.Count, _context.Streams, _socialLedger, _actions!, this, _dueDiligence);
    }

    /// <summary>Each supplier's buyers' share of its remediation cost: the largest share among the buyers whose chain it is in.</summary>
    private double[] RemediationShares()
    {
        var shares = new double[_socialSuppliers.Length];
        foreach (var buyer in _nodes)
        {
            double share = buyer.Definition.RemediationCostShare;
            if (!buyer.IsBuyer || !(share > 0))
            {
                continue;
            }

            var chain = new bool[_nodes.Length];
            SupplyChain.MarkUpstream(buyer, chain, _nodes, _links);
            foreach (var s in _socialSuppliers)
            {
                if (chain[s.Node.Index])
                {
                    shares[s.Index] = Math.Max(shares[s.Index], share);
                }
            }
        }

        return shares;
    }

    /// <summary>Recomputes the hazard (compliance) with the supplier's certification factor (policies).</summary>
    private void SetHazard(SupplierSocial s, double now, double utilisation, double stressShare, double backlogDays)
    {
        double fCert = s.Certification >= 0 && s.CertificateSuspensions == 0 ? _social!.Certifications[s.Certification].HazardFactor : 1;
        _compliance!.SetHazard(s, now, utilisation, stressShare, backlogDays, fCert);
    }

    /// <inheritdoc/>
    void IViolationEvents.Arisen(SupplierSocial s, Violation v, double t) => _grievances!.Schedule(s, v, t);

    /// <inheritdoc/>
    void IViolationEvents.Closed(SupplierSocial s, Violation v, double t)
    {
        _grievances!.Closed(v, t);
        if (v.Detected && IsBanned(v.Category))
        {
            s.BannedFindings--;
            _banDirty = true;
        }

        if (v.SuspendsCertificate)
        {
            s.CertificateSuspensions--;
        }

        _actions!.Closed(s, v, t);
    }

    /// <inheritdoc/>
    void IViolationEvents.LeftChain(SupplierSocial s, double t)
    {
        foreach (var v in s.Open)
        {
            if (v.Detected && IsBanned(v.Category))
            {
                s.BannedFindings--;
                _banDirty = true;
            }
        }

        _actions!.LeftChain(s, t);
        _capacityBuilding!.EndEnrolment(s, t);
    }

    /// <inheritdoc/>
    void IDetectionResponses.Detected(SupplierSocial s, Violation v, double t)
    {
        Grievances.CancelReport(v);
        if (s.Certification >= 0 && RiskSegmentation.Contains(_social!.Certifications[s.Certification].SuspendOn, _compliance!.CategoryOf(v.Category)))
        {
            v.SuspendsCertificate = true;
            s.CertificateSuspensions++;
        }

        if (IsBanned(v.Category))
        {
            s.BannedFindings++;
            _banDirty = true;
        }
    }

    /// <inheritdoc/>
    bool IDetectionResponses.IsAssisted(SupplierSocial s, double t) => _capacityBuilding!.IsEnrolled(s, t);

    /// <inheritdoc/>
    bool IDetectionResponses.Expedites(SupplierSocial s, Violation v, double t) => ConsiderExpediting(s, v, t);

    // forwarding for ordering, re-sourcing and economics: remove once both sides are parts.
    /// <inheritdoc/>
    void ISourcingActions.Suspend(Node supplier)
    {
        supplier.OrdersSuspended = true;
        _sourcesVersion++;
        _resourcing.SourceSuspended(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Reinstate(Node supplier)
    {
        supplier.OrdersSuspended = false;
        _sourcesVersion++;
        _resourcing.SourceReinstated(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Terminate(Node supplier) => Exit(supplier, "terminated");

    // forwarding for economics: remove once both sides are parts (economics and bookkeeping own these fields).
    /// <inheritdoc/>
    void ISupplierAccounts.ChargeBuyers(Node supplier, double amount) => supplier.LandedCost += amount;

    /// <inheritdoc/>
    void ISupplierAccounts.PayCost(Node supplier, double amount)
    {
        supplier.WindowCost += amount;
        Pay(supplier, amount, payee: null);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.ReceiveSavings(Node supplier, double amount)
    {
        supplier.WindowCost -= amount;
        Receive(supplier, amount);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.ReceivePremium(Node supplier, double amount)
    {
        supplier.WindowRevenue += amount;
        Receive(supplier, amount);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.BookFinanceDiscount(Node supplier, double discount) => supplier.WindowCost += discount;

    /// <inheritdoc/>
    void ISupplierAccounts.OpenCreditLine(Node supplier, double limit, double dailyRate)
    {
        supplier.CreditLimit = limit;
        supplier.CreditDailyRate = dailyRate;
        if (supplier.Arrears.Count > 0)
        {
            SettleArrears(supplier);
        }
    }

    /// <summary>Hook of payment scheduling (Economics.cs): supply-chain finance may pay the supplier early, less a discount.</summary>
    private void ApplySupplyChainFinance(Node payer, Node payee, ref double termsDays, ref double amount) =>
        _financing?.Apply(payer, payee, _sim.Now, ref termsDays, ref amount);

    // forwarding for production: remove once both sides are parts.
    /// <inheritdoc/>
    void ICapacityGrowth.SetCapacityGrowth(Node supplier, double growth)
    {
        supplier.CapacityGrowth = growth;
        SetCapacity(supplier, supplier.BaseCapacity * supplier.CapacityGrowth);
    }

    /// <inheritdoc/>
    double ISupplierAccounts.DailyCostOf(Node supplier) => supplier.DailyCost;

    /// <inheritdoc/>
    double ISupplierAccounts.FundsOf(Node supplier) => Math.Max(0, supplier.Cash) + Math.Max(0, supplier.CreditLimit - supplier.CreditBalance);

    /// <inheritdoc/>
    double ISupplierAccounts.CreditLimitOf(Node supplier) => supplier.CreditLimit;
}
