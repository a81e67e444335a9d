using Simulation.Core.Randomness;

namespace Simulation.Core.Network.Definitions;

/// <summary>
/// The labour and environmental side of the network (DESIGN.md section 5, mechanisms 4-11): how
/// violations arise, how they are found and fixed, and the programmes, financing and policies that
/// change that. Null on <see cref="NetworkDefinition.Social"/> switches every social mechanism off.
/// The formulas are in <c>docs/model.md</c> and in the headers of <c>Simulation.Core/Network/Social/</c>.
/// </summary>
public sealed record SocialDefinition
{
    /// <summary>How violations arise and how they are remediated.</summary>
    public ComplianceDefinition Compliance { get; init; } = new();

    /// <summary>How suppliers are sorted into risk segments.</summary>
    public SegmentationDefinition Segmentation { get; init; } = new();

    /// <summary>Corrective action plans and the buyers' response at their deadline.</summary>
    public CorrectiveActionDefinition CorrectiveActions { get; init; } = new();

    /// <summary>The workers' grievance mechanism.</summary>
    public GrievanceMechanismDefinition Grievances { get; init; } = new();

    /// <summary>Audit programmes of buyers and buyer coalitions.</summary>
    public IReadOnlyList<AuditProgrammeDefinition> AuditProgrammes { get; init; } = [];

    /// <summary>Capacity-building (technical assistance, training) programmes.</summary>
    public IReadOnlyList<CapacityBuildingDefinition> CapacityBuilding { get; init; } = [];

    /// <summary>Supply-chain finance offered by buyers.</summary>
    public IReadOnlyList<SupplyChainFinanceDefinition> SupplyChainFinance { get; init; } = [];

    /// <summary>Direct working-capital lending to suppliers.</summary>
    public IReadOnlyList<DirectLendingDefinition> DirectLending { get; init; } = [];

    /// <summary>Voluntary certification standards.</summary>
    public IReadOnlyList<CertificationDefinition> Certifications { get; init; } = [];

    /// <summary>A mandatory due-diligence law; null when none applies.</summary>
    public DueDiligenceDefinition? DueDiligence { get; init; }

    /// <summary>An import ban on goods traced to banned findings; null when none applies.</summary>
    public ImportBanDefinition? ImportBan { get; init; }

    /// <summary>Whether suppliers respond to outcome-linked finance by investing in capability.</summary>
    public SupplierResponseDefinition SupplierResponse { get; init; } = new();
}

/// <summary>The four families of violation tracked per supplier.</summary>
public enum ViolationCategory
{
    /// <summary>Wages below the legal minimum, excessive or unpaid overtime.</summary>
    WagesAndHours,

    /// <summary>Occupational safety and health: fire, building, machine and chemical safety.</summary>
    OccupationalSafety,

    /// <summary>Forced or child labour.</summary>
    ForcedOrChildLabour,

    /// <summary>Environmental breaches: effluent, emissions, deforestation.</summary>
    Environment,
}

/// <summary>Base rate and worker exposure of one violation category.</summary>
/// <param name="Category">The category.</param>
/// <param name="ViolationsPerSupplierYear">Hazard at capability 0, no enforcement, no purchasing pressure and no certification.</param>
/// <param name="ExposedWorkerShare">Share of the supplier's workers exposed while a violation of this category is open, 0..1.</param>
public sealed record ViolationCategoryDefinition(ViolationCategory Category, double ViolationsPerSupplierYear, double ExposedWorkerShare)
{
    /// <summary>Weight of a worker-day of this category in <c>severity_weighted_exposure</c> (1 = as in the plain KPI).</summary>
    public double SeverityWeight { get; init; } = 1;
}

/// <summary>How violations arise and are remediated (mechanism 4 and the remediation side of 5).</summary>
public sealed record ComplianceDefinition
{
    /// <summary>The categories tracked; a category absent here never arises.</summary>
    public IReadOnlyList<ViolationCategoryDefinition> Categories { get; init; } = [];

    /// <summary>Days between reviews of hazards, segments, capability and enrolments.</summary>
    public double ReviewDays { get; init; } = 7;

    /// <summary>Mean number of violations open at day 0 per supplier (Poisson), split over categories by rate.</summary>
    public double InitialViolationsPerSupplier { get; init; }

    /// <summary>a in the capability factor 1 - a * capability, 0..1.</summary>
    public double CapabilityReduction { get; init; } = 0.8;

    /// <summary>b in the enforcement factor 1 - b * min(1, inspections per year * detection probability), 0..1.</summary>
    public double EnforcementDeterrence { get; init; } = 0.5;

    /// <summary>Utilisation above which purchasing pressure raises the hazard, in [0, 1).</summary>
    public double UtilisationThreshold { get; init; } = 0.85;

    /// <summary>Weight of utilisation pressure in the pressure factor.</summary>
    public double UtilisationWeight { get; init; } = 1;

    /// <summary>Weight of liquidity stress (share of the review window in stress) in the pressure factor.</summary>
    public double LiquidityStressWeight { get; init; } = 0.5;

    /// <summary>Days of open customer orders (backlog / capacity) above which lead times are squeezed.</summary>
    public double SqueezeBacklogDays { get; init; } = 14;

    /// <summary>Weight of the lead-time squeeze in the pressure factor.</summary>
    public double SqueezeWeight { get; init; } = 0.5;

    /// <summary>Days from detection to remediation without technical assistance.</summary>
    public Distribution RemediationDays { get; init; } = Distribution.Constant(60);

    /// <summary>Cost the supplier pays to remediate one violation, in days of its full-capacity daily cost (so it scales with the firm).</summary>
    public double RemediationCostDays { get; init; }

    /// <summary>Multiplies remediation time and cost while the supplier is enrolled in capacity building, 0..1.</summary>
    public double AssistedRemediationFactor { get; init; } = 0.6;
}

/// <summary>How the risk score of mechanism 9 is computed.</summary>
public enum RiskScoreMethod
{
    /// <summary>
    /// The practitioners' indicator score: 0.25 region + 0.15 tier + 0.15 size + 0.25 (1 - capability)
    /// + 0.20 history (a detection in the last 365 days). Informative only where those indicators drive
    /// harm; see docs/model.md.
    /// </summary>
    Indicators,

    /// <summary>
    /// Likelihood times severity: the supplier's expected new worker exposure per day (its current
    /// hazard by category, with every driver of the compliance model, times the workers each category
    /// exposes), divided by the largest in the chain at the review.
    /// </summary>
    ExpectedHarm,
}

/// <summary>Risk segments by score (mechanism 9).</summary>
public sealed record SegmentationDefinition
{
    /// <summary>How the score is computed.</summary>
    public RiskScoreMethod Method { get; init; } = RiskScoreMethod.Indicators;

    /// <summary>Scores at or above this are segment high.</summary>
    public double HighThreshold { get; init; } = 0.5;

    /// <summary>Scores at or above this (and below high) are segment medium; below it, low.</summary>
    public double MediumThreshold { get; init; } = 0.3;
}

/// <summary>A risk segment.</summary>
public enum RiskSegment
{
    /// <summary>Low risk.</summary>
    Low,

    /// <summary>Medium risk.</summary>
    Medium,

    /// <summary>High risk.</summary>
    High,
}

/// <summary>What a buyer does when a corrective action plan misses its deadline.</summary>
public enum BuyerResponse
{
    /// <summary>Keep sourcing and keep engaging until the violation is fixed.</summary>
    Engage,

    /// <summary>Place no new orders until every overdue violation is fixed.</summary>
    Suspend,

    /// <summary>Drop the supplier: it leaves the chain with its violations unfixed ("terminated").</summary>
    Exit,
}

/// <summary>Corrective action plans (mechanism 5).</summary>
public sealed record CorrectiveActionDefinition
{
    /// <summary>Days from detection to the plan's deadline.</summary>
    public double DeadlineDays { get; init; } = 90;

    /// <summary>The buyers' response at a missed deadline.</summary>
    public BuyerResponse Response { get; init; } = BuyerResponse.Engage;

    /// <summary>Cost of the follow-up audit at each deadline (an audit cost of the buyers).</summary>
    public double FollowUpAuditCost { get; init; }

    /// <summary>
    /// With <see cref="BuyerResponse.Exit"/>: days of notice between the missed deadline and the termination
    /// (orders go on; a fix within the notice cancels it). 0 = terminate at the deadline.
    /// </summary>
    public double ExitNoticeDays { get; init; }
}

/// <summary>The grievance mechanism (mechanism 6).</summary>
public sealed record GrievanceMechanismDefinition
{
    /// <summary>Reports per open violation-year with a fully trusted mechanism.</summary>
    public double ReportsPerViolationYear { get; init; }

    /// <summary>Trust in the mechanism, 0..1: the reporting rate is ReportsPerViolationYear * Trust.</summary>
    public double Trust { get; init; } = 0.5;

    /// <summary>Capability at or above which the supplier resolves a grievance locally.</summary>
    public double LocalResolutionCapability { get; init; } = 0.6;

    /// <summary>Days a local resolution takes.</summary>
    public double LocalResolutionDays { get; init; } = 30;

    /// <summary>Cost to the buyers of each escalated grievance (investigation).</summary>
    public double EscalationCost { get; init; }

    /// <summary>Categories whose grievances are always escalated to the buyers, however capable the supplier (forced or child labour); empty = none.</summary>
    public IReadOnlyList<ViolationCategory> AlwaysEscalate { get; init; } = [];
}

/// <summary>Which suppliers a programme, loan or certification applies to; every given condition must hold.</summary>
public sealed record SupplierTarget
{
    /// <summary>Lowest tier included.</summary>
    public int MinTier { get; init; } = 1;

    /// <summary>Highest tier included.</summary>
    public int MaxTier { get; init; } = int.MaxValue;

    /// <summary>Size classes included; empty = all.</summary>
    public IReadOnlyList<SizeClass> Sizes { get; init; } = [];

    /// <summary>Risk segments included (at the time of the decision); empty = all.</summary>
    public IReadOnlyList<RiskSegment> Segments { get; init; } = [];

    /// <summary>Regions included; empty = all.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Named suppliers; when given, only these (the other conditions still apply).</summary>
    public IReadOnlyList<string> Suppliers { get; init; } = [];

    /// <summary>Everyone.</summary>
    public static SupplierTarget All { get; } = new();
}

/// <summary>An audit programme of one buyer, or of a coalition sharing audits (mechanisms 5, 9, 10).</summary>
public sealed record AuditProgrammeDefinition
{
    /// <summary>Unique id (keys the programme's random streams).</summary>
    public required string Id { get; init; }

    /// <summary>The buyers running it; more than one is a coalition: one audit, cost split equally, findings shared.</summary>
    public required IReadOnlyList<string> Buyers { get; init; }

    /// <summary>Which suppliers of the buyers' chains are audited.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Unannounced audits (for reporting; the detection probability carries the effect).</summary>
    public bool Unannounced { get; init; }

    /// <summary>Probability that an audit finds each open violation.</summary>
    public double DetectionProbability { get; init; } = 0.5;

    /// <summary>Changes of <see cref="DetectionProbability"/> over time (read at each audit); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> DetectionProbabilityChanges { get; init; } = [];

    /// <summary>Cost of one audit.</summary>
    public double CostPerAudit { get; init; }

    /// <summary>Changes of <see cref="CostPerAudit"/> over time (read at each audit); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> CostPerAuditChanges { get; init; } = [];

    /// <summary>Days between audits of a high-risk supplier.</summary>
    public double IntervalDaysHigh { get; init; } = 180;

    /// <summary>Days between audits of a medium-risk supplier.</summary>
    public double IntervalDaysMedium { get; init; } = 365;

    /// <summary>Days between audits of a low-risk supplier.</summary>
    public double IntervalDaysLow { get; init; } = 730;

    /// <summary>First day of the programme.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day of the programme.</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;
}

/// <summary>A capacity-building programme (mechanism 7).</summary>
public sealed record CapacityBuildingDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The buyers funding it (several = co-funded by a coalition); for reporting.</summary>
    public IReadOnlyList<string> Funders { get; init; } = [];

    /// <summary>Who may enrol.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Most suppliers enrolled at once; the highest risk scores enrol first.</summary>
    public int MaxSuppliers { get; init; } = int.MaxValue;

    /// <summary>Cost per enrolled supplier per month (30.4375 days), paid by the funders.</summary>
    public double CostPerSupplierMonth { get; init; }

    /// <summary>Days a supplier stays enrolled.</summary>
    public double DurationDays { get; init; } = 365;

    /// <summary>g in dC/dt = g (1 - C) per year while enrolled.</summary>
    public double CapabilityGainPerYear { get; init; } = 0.5;

    /// <summary>Unit-cost saving per unit of capability gained (0.3 = 30% cheaper at a gain of 1).</summary>
    public double ProductivityGain { get; init; }

    /// <summary>Cut in production CO2e per unit per unit of capability gained.</summary>
    public double CarbonReduction { get; init; }

    /// <summary>Capacity added per unit of capability gained (0.2 = 20% more output a day at a gain of 1).</summary>
    public double CapacityGain { get; init; }

    /// <summary>First day suppliers enrol.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day suppliers enrol (enrolments run their full duration).</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// A buyer's response to a due-diligence law: enrol only while the law is in force, and only
    /// suppliers it covers (with <see cref="Target"/>, e.g. segments [high]: "enrol suppliers whose risk
    /// exceeds a threshold once the law applies").
    /// </summary>
    public bool WhileLawApplies { get; init; }
}

/// <summary>Supply-chain finance: a bank pays the buyer's invoices early at a rate set by the buyer's credit (mechanism 8).</summary>
public sealed record SupplyChainFinanceDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The buyer whose invoices are financed.</summary>
    public required string Buyer { get; init; }

    /// <summary>Which of its suppliers may use it.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Days after delivery that the supplier is paid.</summary>
    public double PayAfterDays { get; init; } = 15;

    /// <summary>Annual discount rate r: the supplier gets amount * (1 - r * (terms - PayAfterDays) / 365).</summary>
    public double AnnualRate { get; init; } = 0.06;

    /// <summary>Changes of <see cref="AnnualRate"/> over time (read at each delivery); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> AnnualRateChanges { get; init; } = [];

    /// <summary>Outcome-linked finance: capability at or above this earns the discount below (NaN = none).</summary>
    public double CapabilityTarget { get; init; } = double.NaN;

    /// <summary>Cut in the annual rate for a supplier meeting the target with no overdue corrective action.</summary>
    public double RateDiscount { get; init; }

    /// <summary>First day of the offer.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day of the offer.</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;
}

/// <summary>Direct working-capital lending (mechanism 8): replaces a supplier's credit terms when it lends more.</summary>
public sealed record DirectLendingDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Who may borrow.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Interest per year.</summary>
    public double AnnualRate { get; init; } = 0.1;

    /// <summary>Credit limit as days of the supplier's full-capacity daily cost.</summary>
    public double LimitDaysOfCost { get; init; } = 30;

    /// <summary>Day the credit lines open.</summary>
    public double StartDay { get; init; }
}

/// <summary>A voluntary certification standard (mechanism 11).</summary>
public sealed record CertificationDefinition
{
    /// <summary>The certification's id, as listed in suppliers' <c>certifications</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Multiplies the violation hazard of certified suppliers.</summary>
    public double HazardFactor { get; init; } = 0.8;

    /// <summary>Premium the buyers pay per unit made by a certified supplier (paid to the supplier).</summary>
    public double PremiumPerUnit { get; init; }

    /// <summary>Fee a certified supplier pays per year (first at certification), in days of its full-capacity daily cost.</summary>
    public double AnnualFeeDays { get; init; }

    /// <summary>Suppliers that adopt it on <see cref="AdoptionDay"/>; null = only those already certified.</summary>
    public SupplierTarget? Adopters { get; init; }

    /// <summary>Day the adopters become certified.</summary>
    public double AdoptionDay { get; init; }

    /// <summary>
    /// Categories whose detected violation suspends the certificate until it is fixed (a critical finding):
    /// meanwhile no hazard factor and no premium; the fee goes on. Empty = never suspended.
    /// </summary>
    public IReadOnlyList<ViolationCategory> SuspendOn { get; init; } = [];
}

/// <summary>
/// The size of a due-diligence penalty for one duty at an enforced review:
/// <c>Fixed * breaches + PerWorkerDay * worker-exposure-days at the breaching suppliers in the review window
/// + ShareOfPurchases * the covered buyers' purchase volume in the window (once, when the duty was breached)</c>.
/// </summary>
/// <param name="Fixed">Per breach (per supplier, per overdue violation, per exit).</param>
/// <param name="PerWorkerDay">Per worker-day of harm at the breaching suppliers in the window.</param>
/// <param name="ShareOfPurchases">Share of the covered buyers' purchases in the window (CSDDD: fines as a share of turnover).</param>
public sealed record PenaltySize(double Fixed, double PerWorkerDay, double ShareOfPurchases)
{
    /// <summary>No penalty.</summary>
    public static PenaltySize None { get; } = new(0, 0, 0);

    /// <summary>Whether any component is non-zero.</summary>
    public bool Any => Fixed > 0 || PerWorkerDay > 0 || ShareOfPurchases > 0;
}

/// <summary>How buyers covered by a due-diligence law set their audit frequency (the buyers' response).</summary>
public enum AuditResponseRule
{
    /// <summary>Every audit interval times <see cref="DueDiligenceDefinition.AuditIntervalFactor"/> (the simplest rule; 1 = no response).</summary>
    Factor,

    /// <summary>Audit each segment at least as often as the law requires: interval = min(programme interval, required interval).</summary>
    MeetDuty,

    /// <summary>
    /// Meet the duty in a segment only where it pays: when enforcement probability * the audit-gap
    /// penalty per supplier is at least the programme's cost of the audits the duty adds per review;
    /// otherwise keep the programme's interval.
    /// </summary>
    CostBenefit,
}

/// <summary>
/// A mandatory due-diligence law (mechanism 11), a duty of process and of outcome in the way the EU
/// CSDDD frames it: at each enforced review the covered buyers pay for failing diligence (risk segments
/// audited less often than required, known violations left past their deadline, harm at suppliers whose
/// diligence was inadequate, disengagement without a responsible-exit notice), not for what they found.
/// </summary>
public sealed record DueDiligenceDefinition
{
    /// <summary>Day the law applies from.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day the law applies (no review after it).</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;

    /// <summary>The markets it applies to: buyers and distribution centres selling there, and their chains. Empty = every buyer.</summary>
    public IReadOnlyList<string> Markets { get; init; } = [];

    /// <summary>Days between enforcement reviews.</summary>
    public double ReviewDays { get; init; } = 365;

    /// <summary>Probability that a review leads to enforcement.</summary>
    public double EnforcementProbability { get; init; } = 0.3;

    /// <summary>Changes of <see cref="EnforcementProbability"/> over time (read at each review); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> EnforcementProbabilityChanges { get; init; } = [];

    /// <summary>Penalty per detected violation still open past its corrective-action deadline at an enforced review (the fixed part of <see cref="OverduePenalty"/>).</summary>
    public double PenaltyPerViolation { get; init; }

    /// <summary>
    /// Factor on every covered audit programme's intervals once the law applies (0.5 = buyers audit twice as
    /// often) under <see cref="AuditResponseRule.Factor"/>.
    /// </summary>
    public double AuditIntervalFactor { get; init; } = 1;

    /// <summary>How covered buyers set their audit frequency while the law applies.</summary>
    public AuditResponseRule Response { get; init; } = AuditResponseRule.Factor;

    /// <summary>
    /// The covered buyers' engagement at a missed deadline while the law applies (CSDDD: disengagement as
    /// a last resort), replacing corrective_actions.response for covered suppliers; null = unchanged.
    /// </summary>
    public BuyerResponse? Engagement { get; init; }

    /// <summary>Most days between audits of a high-risk supplier the law accepts (infinity = no duty).</summary>
    public double RequiredAuditIntervalHigh { get; init; } = double.PositiveInfinity;

    /// <summary>Most days between audits of a medium-risk supplier the law accepts.</summary>
    public double RequiredAuditIntervalMedium { get; init; } = double.PositiveInfinity;

    /// <summary>Most days between audits of a low-risk supplier the law accepts.</summary>
    public double RequiredAuditIntervalLow { get; init; } = double.PositiveInfinity;

    /// <summary>Penalty for covered suppliers whose last audit is older than their segment's required interval (breach = supplier).</summary>
    public PenaltySize AuditGapPenalty { get; init; } = PenaltySize.None;

    /// <summary>Penalty for known violations past their deadline (breach = overdue violation); its fixed part is <see cref="PenaltyPerViolation"/>.</summary>
    public PenaltySize OverduePenalty => OverdueExtra with { Fixed = PenaltyPerViolation };

    /// <summary>The parts of the overdue penalty other than the fixed one (per worker-day, share of purchases).</summary>
    public PenaltySize OverdueExtra { get; init; } = PenaltySize.None;

    /// <summary>Penalty for harm where diligence was inadequate (breach = supplier with an audit gap or an overdue violation).</summary>
    public PenaltySize HarmPenalty { get; init; } = PenaltySize.None;

    /// <summary>Penalty for each supplier terminated without a responsible-exit notice (breach = exit).</summary>
    public PenaltySize ExitPenalty { get; init; } = PenaltySize.None;

    /// <summary>
    /// Days of notice a termination must give to count as a responsible exit (corrective_actions.exit_notice_days
    /// at least this); 0 = every termination is responsible.
    /// </summary>
    public double ResponsibleExitNoticeDays { get; init; }

    /// <summary>The required audit interval of a segment.</summary>
    public double RequiredAuditInterval(RiskSegment segment) => segment switch
    {
        RiskSegment.High => RequiredAuditIntervalHigh,
        RiskSegment.Medium => RequiredAuditIntervalMedium,
        _ => RequiredAuditIntervalLow,
    };
}

/// <summary>
/// An import ban (mechanism 11): shipments into the buyer side are detained with the probability that
/// their goods trace, through the bill of materials, to a supplier with a banned finding.
/// </summary>
public sealed record ImportBanDefinition
{
    /// <summary>Day the ban applies from.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day the ban applies.</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;

    /// <summary>The markets whose customs detain: only shipments into buyers and distribution centres in them. Empty = every market.</summary>
    public IReadOnlyList<string> Markets { get; init; } = [];

    /// <summary>The categories whose open, detected findings taint a supplier and everything made from its goods.</summary>
    public IReadOnlyList<ViolationCategory> Categories { get; init; } = [ViolationCategory.ForcedOrChildLabour, ViolationCategory.Environment];
}
