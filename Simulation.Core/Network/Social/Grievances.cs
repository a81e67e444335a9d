// Mechanism 6, the grievance mechanism (DESIGN.md section 5; docs/model.md).
//
//   an open, undetected violation is reported by its workers after Exp(1 / r) days, r = reports_per_
//   violation_year * trust / 365 (the supplier's grievance stream; drawn when the violation arises);
//   a detection first cancels the report.
//   filed at t: if the supplier's capability >= local_resolution_capability (and the category is not one
//     of always_escalate, e.g. forced or child labour, which buyers must handle themselves) it resolves the grievance
//     locally: the violation is fixed at t + local_resolution_days (the supplier pays remediation_cost_days * its daily cost);
//     otherwise the grievance is escalated to the buyers (escalation_cost each) and the violation is
//     detected then (a corrective action plan opens, CorrectiveActions.cs).
//   grievance resolution time = fix time - filing time. Accord: ~0.4 complaints per factory-year; RSPO:
//   acknowledgement within 10 working days, response in 4 weeks (CALIBRATION.md).

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private void ScheduleGrievance(SupplierSocial s, Violation v, double t)
    {
        var grievances = _social!.Grievances;
        double ratePerDay = grievances.ReportsPerViolationYear * grievances.Trust / DaysPerYear;
        if (ratePerDay > 0)
        {
            v.GrievanceAt = t + s.GrievanceStream.NextExponential(1 / ratePerDay);
        }
    }

    private void FileGrievance(SupplierSocial s, Violation v, double t)
    {
        var grievances = _social!.Grievances;
        v.GrievanceAt = double.PositiveInfinity;
        v.GrievanceFiledAt = t;
        _socialLedger.Sum.GrievancesFiled++;
        if (s.Capability >= grievances.LocalResolutionCapability
            && !RiskSegmentation.Contains(grievances.AlwaysEscalate, _compliance!.CategoryOf(v.Category)))
        {
            _socialLedger.Sum.GrievancesResolvedLocally++;
            v.DiscoveredAt = t;
            v.RemediatedAt = Math.Min(v.RemediatedAt, t + grievances.LocalResolutionDays);
            PayRemediation(s, _social.Compliance.RemediationCostDays * s.Node.DailyCost);

            return;
        }

        _socialLedger.Sum.GrievancesEscalated++;
        _socialLedger.Sum.EscalationCost += grievances.EscalationCost;
        s.Node.LandedCost += grievances.EscalationCost;
        _socialLedger.Sum.DetectedByGrievance++;
        Detect(s, v, t);
    }
}
