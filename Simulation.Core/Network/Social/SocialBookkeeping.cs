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

internal sealed partial class NetworkModel
{
    /// <summary>The social totals now, with their time integrals brought up to <paramref name="time"/>.</summary>
    private SocialTotals SocialSnapshot(double time)
    {
        var totals = _socialLedger.Sum;
        _compliance!.FillAreas(ref totals, time);
        totals.SuspendedArea = _actions!.SuspendedArea(time);
        double active = 0;
        foreach (var n in _suppliers)
        {
            active += n.Active ? time : Math.Min(time, n.ExitDay);
        }

        totals.ActiveArea = active;
        return totals;
    }

    private double MeanCapabilityInChain()
    {
        double sum = 0;
        int count = 0;
        foreach (var s in _socialSuppliers)
        {
            if (s.InChain)
            {
                sum += s.Capability;
                count++;
            }
        }

        return count > 0 ? sum / count : 0;
    }

    private void SampleSocial(int row, double time)
    {
        if (_social is null)
        {
            return;
        }

        var now = SocialSnapshot(time);
        var last = _socialAtLastRow;
        _socialAtLastRow = now;
        _columns[TimeSeriesCatalog.OpenViolations][row] = _compliance!.OpenLevel;
        _columns[TimeSeriesCatalog.WorkerExposureDays][row] = now.ExposureArea - last.ExposureArea;
        _columns[TimeSeriesCatalog.ViolationsArisen][row] = now.Arisen - last.Arisen;
        _columns[TimeSeriesCatalog.ViolationsDetected][row] = now.Detected - last.Detected;
        _columns[TimeSeriesCatalog.GrievancesFiled][row] = now.GrievancesFiled - last.GrievancesFiled;
        _columns[TimeSeriesCatalog.SuspendedSuppliers][row] = _actions!.SuspendedLevel;
        _columns[TimeSeriesCatalog.MeanCapability][row] = MeanCapabilityInChain();
        _columns[TimeSeriesCatalog.DetainedShipments][row] = now.DetainedShipments - last.DetainedShipments;
        _columns[TimeSeriesCatalog.SocialCost][row] = now.SocialCost - last.SocialCost;
    }

    private void CollectSocial(double[] kpis)
    {
        if (_social is null)
        {
            kpis[KpiCatalog.SocialComplianceIndex] = 100;
            kpis[KpiCatalog.MeanCapability] = MeanDefinedCapability();
            return;
        }

        {
            foreach (var s in _socialSuppliers)
            {
                if (s.InChain)
                {
                    _capacityBuilding!.UpdateCapability(s, _horizon);
                }
            }
        }

        var end = SocialSnapshot(_horizon);
        var start = _socialAtWarmup;
        double span = _horizon - _warmup;
        double fixedCount = end.Remediated - start.Remediated;
        double resolved = end.GrievancesResolved - start.GrievancesResolved;
        double activeDays = end.ActiveArea - start.ActiveArea;
        double auditCost = end.AuditCost - start.AuditCost;
        kpis[KpiCatalog.ViolationsArisen] = end.Arisen - start.Arisen;
        kpis[KpiCatalog.OpenViolations] = span > 0 ? (end.OpenArea - start.OpenArea) / span : 0;
        kpis[KpiCatalog.WorkerExposureDays] = ExposureDaysOfAllSuppliers();
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
        kpis[KpiCatalog.AuditCostPerBuyer] = _detection!.AuditFunders > 0 ? auditCost / _detection.AuditFunders : 0;
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
    private double ExposureDaysOfAllSuppliers()
    {
        double sum = 0;
        foreach (var n in _suppliers)
        {
            sum += OwnExposureDays(n);
        }

        return sum;
    }

    /// <summary>Without social mechanisms capability never changes: the mean of the active suppliers' own values.</summary>
    private double MeanDefinedCapability()
    {
        double sum = 0;
        int count = 0;
        foreach (var n in _suppliers)
        {
            if (n.Active)
            {
                sum += n.Definition.Capability;
                count++;
            }
        }

        return count > 0 ? sum / count : 0;
    }
}
