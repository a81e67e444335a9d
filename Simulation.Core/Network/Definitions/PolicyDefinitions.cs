namespace Simulation.Core.Network.Definitions;

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
