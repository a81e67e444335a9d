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
