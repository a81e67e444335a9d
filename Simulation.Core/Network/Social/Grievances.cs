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

using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// The grievance mechanism (see the file header): owns each supplier's grievance stream and a
/// violation's report (when its workers report it, when it was filed). Local resolutions and
/// escalations go to corrective actions.
/// </summary>
internal sealed class Grievances
{
    private const double DaysPerYear = 365;

    private static readonly ulong GrievanceKey = StableHash.Of("grievance");

    private readonly GrievanceMechanismDefinition _grievances;
    private readonly Compliance _compliance;
    private readonly CorrectiveActions _actions;
    private readonly SocialLedger _ledger;
    private readonly ISupplierAccounts _accounts;
    private readonly RandomStream[] _stream;
    private readonly double _ratePerDay;

    /// <param name="grievances">The mechanism.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="streams">The replication's streams (one grievance stream per supplier).</param>
    /// <param name="compliance">The violation categories (some always escalate).</param>
    /// <param name="actions">Corrective actions: local fixes and escalated findings.</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="accounts">Where escalation costs are booked.</param>
    public Grievances(
        GrievanceMechanismDefinition grievances,
        SupplierSocial[] suppliers,
        StreamFactory streams,
        Compliance compliance,
        CorrectiveActions actions,
        SocialLedger ledger,
        ISupplierAccounts accounts)
    {
        _grievances = grievances;
        _compliance = compliance;
        _actions = actions;
        _ledger = ledger;
        _accounts = accounts;
        _stream = SupplierStreams.Create(suppliers, streams, GrievanceKey);
        _ratePerDay = grievances.ReportsPerViolationYear * grievances.Trust / DaysPerYear;
    }

    /// <summary>A violation arose at <paramref name="t"/>: its workers will report it after an exponential time.</summary>
    public void Schedule(SupplierSocial s, Violation v, double t)
    {
        if (_ratePerDay > 0)
        {
            v.GrievanceAt = t + _stream[s.Index].NextExponential(1 / _ratePerDay);
        }
    }

    /// <summary>The violation was detected: its report is no longer needed.</summary>
    public static void CancelReport(Violation v) => v.GrievanceAt = double.PositiveInfinity;

    /// <summary>The workers report the violation at <paramref name="t"/>: resolved locally or escalated to the buyers.</summary>
    public void File(SupplierSocial s, Violation v, double t)
    {
        var grievances = _grievances;
        v.GrievanceAt = double.PositiveInfinity;
        v.GrievanceFiledAt = t;
        _ledger.Sum.GrievancesFiled++;
        if (s.Capability >= grievances.LocalResolutionCapability
            && !RiskSegmentation.Contains(grievances.AlwaysEscalate, _compliance.CategoryOf(v.Category)))
        {
            _ledger.Sum.GrievancesResolvedLocally++;
            _actions.ResolveLocally(s, v, t, grievances.LocalResolutionDays);
            return;
        }

        _ledger.Sum.GrievancesEscalated++;
        _ledger.Sum.EscalationCost += grievances.EscalationCost;
        _accounts.ChargeBuyers(s.Node, grievances.EscalationCost);
        _ledger.Sum.DetectedByGrievance++;
        _actions.Detect(s, v, t);
    }

    /// <summary>The violation was fixed at <paramref name="t"/>: a grievance filed about it is resolved.</summary>
    public void Closed(Violation v, double t)
    {
        if (!double.IsNaN(v.GrievanceFiledAt))
        {
            _ledger.Sum.GrievancesResolved++;
            _ledger.Sum.GrievanceResolutionDaysSum += t - v.GrievanceFiledAt;
        }
    }
}
