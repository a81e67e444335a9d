// Social KPIs and time series (DESIGN.md section 6; docs/model.md). Flows are window differences of
// SocialTotals, as for the other KPIs; the time integrals come from the exact LevelIntegrals:
//   open_violations           = (OpenArea(H) - OpenArea(W)) / (H - W)
//   worker_exposure_days      = sum over suppliers, in definition order, of their own exposure
//                               Exposure_s(H) - Exposure_s(W) (SupplierOutcome.WorkerExposureDays adds up
//                               to it exactly); the time series uses the chain's ExposureArea differences
//   social_compliance_index   = 100 * (1 - non-compliant supplier-days / active supplier-days), in the window
//   mean_days_to_remediate    = sum(fix - discovery) / violations fixed
//   audit_cost_per_buyer      = audit_cost / distinct buyers funding audit programmes
//   mean_capability           = mean over suppliers in the chain at H of C(H)
//   severity_weighted_exposure = sum over violations of severity_weight_c * exposed workers * days open in [W, H]
namespace Simulation.Core.Network;

/// <summary>
/// Social KPIs and time series (see the file header): owns the snapshot at the last time-series row
/// and reads the parts' totals and integrals; writes the social columns and KPIs.
/// </summary>
internal sealed class SocialBookkeeping
{
    private readonly SocialLedger _ledger;
    private readonly Compliance _compliance;
    private readonly CorrectiveActions _actions;
    private readonly Detection _detection;
    private readonly CapacityBuilding _capacityBuilding;
    private readonly SupplierSocial[] _suppliers;
    private readonly Node[] _supplierNodes;
    private SocialTotals _atLastRow;

    /// <param name="ledger">The social totals.</param>
    /// <param name="compliance">Open violations and exposure.</param>
    /// <param name="actions">Suspensions.</param>
    /// <param name="detection">The buyers funding audits.</param>
    /// <param name="capacityBuilding">Capability brought up to the horizon.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="supplierNodes">The suppliers, in definition order (active supplier-days).</param>
    public SocialBookkeeping(SocialLedger ledger, Compliance compliance, CorrectiveActions actions, Detection detection, CapacityBuilding capacityBuilding, SupplierSocial[] suppliers, Node[] supplierNodes)
    {
        _ledger = ledger;
        _compliance = compliance;
        _actions = actions;
        _detection = detection;
        _capacityBuilding = capacityBuilding;
        _suppliers = suppliers;
        _supplierNodes = supplierNodes;
    }

    /// <summary>The social totals now, with their time integrals brought up to <paramref name="time"/>.</summary>
    public SocialTotals Snapshot(double time)
    {
        var totals = _ledger.Sum;
        _compliance.FillAreas(ref totals, time);
        totals.SuspendedArea = _actions.SuspendedArea(time);
        double active = 0;
        foreach (var n in _supplierNodes)
        {
            active += n.Active ? time : Math.Min(time, n.ExitDay);
        }

        totals.ActiveArea = active;
        return totals;
    }

    /// <summary>Writes the social columns of time-series row <paramref name="row"/> at <paramref name="time"/>.</summary>
    public void Sample(double[][] columns, int row, double time)
    {
        var now = Snapshot(time);
        var last = _atLastRow;
        _atLastRow = now;
        columns[TimeSeriesCatalog.OpenViolations][row] = _compliance.OpenLevel;
        columns[TimeSeriesCatalog.WorkerExposureDays][row] = now.ExposureArea - last.ExposureArea;
        columns[TimeSeriesCatalog.ViolationsArisen][row] = now.Arisen - last.Arisen;
        columns[TimeSeriesCatalog.ViolationsDetected][row] = now.Detected - last.Detected;
        columns[TimeSeriesCatalog.GrievancesFiled][row] = now.GrievancesFiled - last.GrievancesFiled;
        columns[TimeSeriesCatalog.SuspendedSuppliers][row] = _actions.SuspendedLevel;
        columns[TimeSeriesCatalog.MeanCapability][row] = MeanCapabilityInChain();
        columns[TimeSeriesCatalog.DetainedShipments][row] = now.DetainedShipments - last.DetainedShipments;
        columns[TimeSeriesCatalog.SocialCost][row] = now.SocialCost - last.SocialCost;
    }

    /// <summary>Without social mechanisms: the compliance index is 100 and capability the mean of the active suppliers' own values.</summary>
    public static void CollectWithout(double[] kpis, Node[] supplierNodes)
    {
        kpis[KpiCatalog.SocialComplianceIndex] = 100;
        double sum = 0;
        int count = 0;
        foreach (var n in supplierNodes)
        {
            if (n.Active)
            {
                sum += n.Definition.Capability;
                count++;
            }
        }

        kpis[KpiCatalog.MeanCapability] = count > 0 ? sum / count : 0;
    }

    /// <summary>Writes the social KPIs of the window [<paramref name="warmup"/>, <paramref name="horizon"/>], from the totals at the warm-up.</summary>
    public void Collect(double[] kpis, SocialTotals start, double horizon, double warmup)
    {
        foreach (var s in _suppliers)
        {
            if (s.InChain)
            {
                _capacityBuilding.UpdateCapability(s, horizon);
            }
        }

        var end = Snapshot(horizon);
        double span = horizon - warmup;
        double fixedCount = end.Remediated - start.Remediated;
        double resolved = end.GrievancesResolved - start.GrievancesResolved;
        double activeDays = end.ActiveArea - start.ActiveArea;
        double auditCost = end.AuditCost - start.AuditCost;
        kpis[KpiCatalog.ViolationsArisen] = end.Arisen - start.Arisen;
        kpis[KpiCatalog.OpenViolations] = span > 0 ? (end.OpenArea - start.OpenArea) / span : 0;
        kpis[KpiCatalog.WorkerExposureDays] = ExposureDaysOfAllSuppliers(horizon);
        kpis[KpiCatalog.ViolationsDetected] = end.Detected - start.Detected;
        kpis[KpiCatalog.DetectedByAudit] = end.DetectedByAudit - start.DetectedByAudit;
        kpis[KpiCatalog.DetectedByInspection] = end.DetectedByInspection - start.DetectedByInspection;
        kpis[KpiCatalog.DetectedByGrievance] = end.DetectedByGrievance - start.DetectedByGrievance;
        kpis[KpiCatalog.ViolationsRemediated] = fixedCount;
        kpis[KpiCatalog.MeanDaysToRemediate] = fixedCount > 0 ? (end.RemediationDaysSum - start.RemediationDaysSum) / fixedCount : 0;
        kpis[KpiCatalog.CapsOpened] = end.CapsOpened - start.CapsOpened;
        kpis[KpiCatalog.CapsOverdue] = end.CapsOverdue - start.CapsOverdue;
        kpis[KpiCatalog.GrievancesFiled] = end.GrievancesFiled - start.GrievancesFiled;
        kpis[KpiCatalog.GrievancesResolvedLocally] = end.GrievancesResolvedLocally - start.GrievancesResolvedLocally;
        kpis[KpiCatalog.GrievancesEscalated] = end.GrievancesEscalated - start.GrievancesEscalated;
        kpis[KpiCatalog.MeanGrievanceResolutionDays] = resolved > 0 ? (end.GrievanceResolutionDaysSum - start.GrievanceResolutionDaysSum) / resolved : 0;
        kpis[KpiCatalog.SocialComplianceIndex] = activeDays > 0 ? 100 * (1 - ((end.NonCompliantArea - start.NonCompliantArea) / activeDays)) : 100;
        kpis[KpiCatalog.MeanCapability] = MeanCapabilityInChain();
        kpis[KpiCatalog.SuspendedSupplierDays] = end.SuspendedArea - start.SuspendedArea;
        kpis[KpiCatalog.Audits] = end.Audits - start.Audits;
        kpis[KpiCatalog.DetainedShipments] = end.DetainedShipments - start.DetainedShipments;
        kpis[KpiCatalog.DetainedUnits] = end.DetainedUnits - start.DetainedUnits;
        kpis[KpiCatalog.AuditCost] = auditCost;
        kpis[KpiCatalog.AuditCostPerBuyer] = _detection.AuditFunders > 0 ? auditCost / _detection.AuditFunders : 0;
        kpis[KpiCatalog.ProgrammeCost] = end.ProgrammeCost - start.ProgrammeCost;
        kpis[KpiCatalog.PenaltyCost] = end.PenaltyCost - start.PenaltyCost;
        kpis[KpiCatalog.ExpectedPenaltyCost] = end.ExpectedPenaltyCost - start.ExpectedPenaltyCost;
        kpis[KpiCatalog.SeverityWeightedExposure] = end.WeightedExposureArea - start.WeightedExposureArea;
        kpis[KpiCatalog.RemediationSupportCost] = end.RemediationSupportCost - start.RemediationSupportCost;
        kpis[KpiCatalog.CertificationCost] = end.CertificationCost - start.CertificationCost;
        kpis[KpiCatalog.GrievanceEscalationCost] = end.EscalationCost - start.EscalationCost;
        kpis[KpiCatalog.SocialCost] = end.SocialCost - start.SocialCost;
        kpis[KpiCatalog.RemediationCost] = end.RemediationCost - start.RemediationCost;
        kpis[KpiCatalog.ScfDiscountCost] = end.ScfDiscount - start.ScfDiscount;
        kpis[KpiCatalog.ScfEarlyPayments] = end.ScfEarlyPayments - start.ScfEarlyPayments;
        kpis[KpiCatalog.CapabilityCostSavings] = end.ProductivitySavings - start.ProductivitySavings;
        kpis[KpiCatalog.OutcomeLinkedDiscountCost] = end.OutcomeLinkedDiscount - start.OutcomeLinkedDiscount;
        kpis[KpiCatalog.CapabilityInvestmentCost] = end.CapabilityInvestment - start.CapabilityInvestment;
        kpis[KpiCatalog.ExpeditedRemediations] = end.Expedited - start.Expedited;
    }

    /// <summary>The sum of the suppliers' own exposure in the window, in the order their outcomes are listed.</summary>
    private double ExposureDaysOfAllSuppliers(double horizon)
    {
        double sum = 0;
        foreach (var n in _supplierNodes)
        {
            sum += n.Social is { } s ? s.Exposure.AreaAt(horizon) - s.ExposureAtWarmup : 0;
        }

        return sum;
    }

    private double MeanCapabilityInChain()
    {
        double sum = 0;
        int count = 0;
        foreach (var s in _suppliers)
        {
            if (s.InChain)
            {
                sum += s.Capability;
                count++;
            }
        }

        return count > 0 ? sum / count : 0;
    }
}
