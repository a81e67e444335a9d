namespace Simulation.Core.Network;

/// <summary>
/// Running social totals since day 0 (DESIGN.md section 6). A copy taken at the end of the warm-up
/// and at every time-series row turns them into flows over any window, as <see cref="Totals"/> does.
/// The time integrals (the <c>...Area</c> fields) are filled from <see cref="LevelIntegral"/>s when a
/// copy is taken.
/// </summary>
internal struct SocialTotals
{
    public double Arisen;
    public double Detected;
    public double DetectedByAudit;
    public double DetectedByInspection;
    public double DetectedByGrievance;
    public double Remediated;
    public double RemediationDaysSum;
    public double CapsOpened;
    public double CapsOverdue;
    public double GrievancesFiled;
    public double GrievancesResolvedLocally;
    public double GrievancesEscalated;
    public double GrievancesResolved;
    public double GrievanceResolutionDaysSum;
    public double Audits;
    public double AuditCost;
    public double ProgrammeCost;
    public double PenaltyCost;
    public double ExpectedPenaltyCost;
    public double CertificationCost;
    public double EscalationCost;
    public double RemediationCost;
    public double RemediationSupportCost;
    public double ScfDiscount;
    public double ScfEarlyPayments;
    public double ProductivitySavings;
    public double OutcomeLinkedDiscount;
    public double CapabilityInvestment;
    public double Expedited;
    public double DetainedShipments;
    public double DetainedUnits;

    public double OpenArea;
    public double ExposureArea;
    public double WeightedExposureArea;
    public double NonCompliantArea;
    public double SuspendedArea;
    public double ActiveArea;

    /// <summary>What the buyers spend on the social side: audits, programmes, penalties, certification premiums, escalations, remediation support.</summary>
    public readonly double SocialCost => AuditCost + ProgrammeCost + PenaltyCost + CertificationCost + EscalationCost + RemediationSupportCost;
}

/// <summary>The running social totals the social parts post their flows to (read and snapshotted by social bookkeeping).</summary>
internal sealed class SocialLedger
{
    /// <summary>The totals since day 0 (time integrals not filled: see <see cref="SocialTotals"/>).</summary>
    public SocialTotals Sum;
}

/// <summary>
/// The exact time integral of a level made of weighted items that open and close at known times,
/// without visiting them when read: Area(T) = closed + level * T - sum(weight * opened-at), valid once
/// every opening and closing up to T has been recorded (items may be recorded out of time order).
/// </summary>
internal struct LevelIntegral
{
    private double _closed;
    private double _sinceSum;

    /// <summary>The current level (sum of the weights of open items).</summary>
    public double Level { get; private set; }

    public void Open(double weight, double at)
    {
        Level += weight;
        _sinceSum += weight * at;
    }

    public void Close(double weight, double openedAt, double at)
    {
        Level -= weight;
        _sinceSum -= weight * openedAt;
        _closed += weight * (at - openedAt);
    }

    public readonly double AreaAt(double time) => _closed + (Level * time) - _sinceSum;
}
