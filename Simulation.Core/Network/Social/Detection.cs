// Mechanism 5a, detection (DESIGN.md section 5; docs/model.md): audits, labour inspections.
//
//   audits: each programme audits the suppliers in its buyers' chains (reachable upstream from any of
//     its buyers) that match its target. The first audit of a supplier is at start_day + U * I, U
//     uniform(0,1) from the (supplier, programme) stream; then every I days, I = the interval of the
//     supplier's risk segment at the time of the audit; none after end_day. An audit finds each open,
//     undetected violation independently with the programme's detection probability and costs
//     cost_per_audit, split equally over the programme's buyers (a coalition: one audit, findings shared).
//   inspections: a Poisson process of rate labour_inspections_per_supplier_year / 365 per supplier; each
//     finds each open, undetected violation with the region's inspection_detection_probability.
//   with audits every T days, detection probability p and stationary arrivals, the expected time from
//   a violation to its detection is T / 2 + T (1 - p) / p (the test of Little's law rests on this).
//   a detection opens a corrective action plan (CorrectiveActions.cs).
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>What detection hands on: a violation found, which opens a corrective action plan.</summary>
internal interface IFindings
{
    /// <summary>Violation <paramref name="v"/> of the supplier is detected at <paramref name="t"/>.</summary>
    void Detect(SupplierSocial s, Violation v, double t);
}

/// <summary>
/// Detection (see the file header): owns the audit programmes, each supplier's audit schedule and
/// labour-inspection schedule and their streams, and the count of buyers funding audits. Findings go
/// to <see cref="IFindings"/>; audit costs to the buyers through <see cref="ISupplierAccounts"/>.
/// </summary>
internal sealed class Detection
{
    private static readonly ulong InspectionKey = StableHash.Of("inspection");

    private readonly AuditProgrammeDefinition[] _programmes;
    private readonly AuditSlot[][] _audits;
    private readonly RandomStream[] _inspectionStream;
    private readonly double[] _nextInspectionAt;
    private readonly SocialLedger _ledger;
    private readonly IFindings _findings;
    private readonly ISupplierAccounts _accounts;
    private readonly DueDiligence? _law;

    /// <param name="programmes">The audit programmes.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="covered">Per programme, per node index: whether the node is in the chain of one of the programme's buyers.</param>
    /// <param name="auditFunders">Distinct buyers funding audit programmes.</param>
    /// <param name="streams">The replication's streams (one per supplier and programme, one per supplier for inspections).</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="findings">Where detections go (corrective actions).</param>
    /// <param name="accounts">Where audit costs are booked.</param>
    /// <param name="law">The due-diligence law the covered buyers respond to, if any.</param>
    public Detection(
        IReadOnlyList<AuditProgrammeDefinition> programmes,
        SupplierSocial[] suppliers,
        IReadOnlyList<bool[]> covered,
        int auditFunders,
        StreamFactory streams,
        SocialLedger ledger,
        IFindings findings,
        ISupplierAccounts accounts,
        DueDiligence? law)
    {
        _programmes = [.. programmes];
        _ledger = ledger;
        _findings = findings;
        _accounts = accounts;
        _law = law;
        AuditFunders = auditFunders;
        var slots = new List<AuditSlot>?[suppliers.Length];
        for (int k = 0; k < _programmes.Length; k++)
        {
            var definition = _programmes[k];
            ulong purpose = StableHash.Of("audit:" + definition.Id);
            foreach (var s in suppliers)
            {
                if (covered[k][s.Node.Index] && RiskSegmentation.Matches(definition.Target, s))
                {
                    (slots[s.Index] ??= []).Add(new AuditSlot(k, streams.Create(StableHash.Of(s.Node.Id), purpose)));
                }
            }
        }

        _audits = Array.ConvertAll(slots, list => list is null ? [] : list.ToArray());
        _inspectionStream = SupplierStreams.Create(suppliers, streams, InspectionKey);
        _nextInspectionAt = new double[suppliers.Length];
        Array.Fill(_nextInspectionAt, double.PositiveInfinity);
    }

    /// <summary>Distinct buyers funding audit programmes (audit_cost_per_buyer divides by it).</summary>
    public int AuditFunders { get; }

    /// <summary>The supplier's next audit or inspection (infinity: none).</summary>
    public double NextAt(SupplierSocial s)
    {
        double next = _nextInspectionAt[s.Index];
        foreach (var a in _audits[s.Index])
        {
            next = Math.Min(next, a.NextAt);
        }

        return next;
    }

    /// <summary>Day 0: the supplier's first labour inspection, at its region's rate.</summary>
    public void StartInspections(SupplierSocial s) => RescheduleInspection(s, 0);

    /// <summary>
    /// The supplier's inspection rate or detection changed at <paramref name="now"/> (or starts):
    /// its next inspection is redrawn from now (exact, the Poisson process being memoryless).
    /// </summary>
    public void RescheduleInspection(SupplierSocial s, double now)
    {
        _nextInspectionAt[s.Index] = s.InspectionRatePerDay > 0 && s.InspectionDetection > 0
            ? now + _inspectionStream[s.Index].NextExponential(1 / s.InspectionRatePerDay)
            : double.PositiveInfinity;
        s.NextDue = Math.Min(s.NextDue, _nextInspectionAt[s.Index]);
    }

    /// <summary>Places the supplier's first audit of every programme covering it (after its segment is known).</summary>
    public void ScheduleFirstAudits(SupplierSocial s)
    {
        foreach (var slot in _audits[s.Index])
        {
            var definition = _programmes[slot.Programme];
            double start = Math.Max(0, definition.StartDay);
            double first = start + (slot.Stream.NextDouble() * AuditInterval(slot.Programme, s.Segment, start));
            slot.NextAt = first <= definition.EndDay ? first : double.PositiveInfinity;
        }
    }

    /// <summary>Runs the supplier's audit or inspection due at <paramref name="t"/> (= <see cref="NextAt"/>; audits first).</summary>
    public void RunDue(SupplierSocial s, double t)
    {
        AuditSlot? slot = null;
        double ta = double.PositiveInfinity;
        foreach (var a in _audits[s.Index])
        {
            if (a.NextAt < ta)
            {
                ta = a.NextAt;
                slot = a;
            }
        }

        if (slot is not null && ta == t)
        {
            RunAudit(s, slot, t);
        }
        else
        {
            RunInspection(s, t);
        }
    }

    /// <summary>Days to the next audit from <paramref name="t"/>: the segment's interval, as a due-diligence law in force makes the covered buyers respond.</summary>
    private double AuditInterval(int programme, RiskSegment segment, double t)
    {
        var definition = _programmes[programme];
        double interval = segment switch
        {
            RiskSegment.High => definition.IntervalDaysHigh,
            RiskSegment.Medium => definition.IntervalDaysMedium,
            _ => definition.IntervalDaysLow,
        };
        return _law is { } law ? law.AuditInterval(programme, definition.CostPerAuditChanges.ValueAt(definition.CostPerAudit, t), segment, t, interval) : interval;
    }

    private void RunAudit(SupplierSocial s, AuditSlot slot, double t)
    {
        var definition = _programmes[slot.Programme];
        _ledger.Sum.Audits++;
        double cost = definition.CostPerAuditChanges.ValueAt(definition.CostPerAudit, t);
        _ledger.Sum.AuditCost += cost;
        _accounts.ChargeBuyers(s.Node, cost);
        double p = definition.DetectionProbabilityChanges.ValueAt(definition.DetectionProbability, t);

        // Iterate over a snapshot count: detection never removes a violation from the list.
        var open = s.Open;
        for (int i = 0; i < open.Count; i++)
        {
            var v = open[i];
            if (!v.Detected && slot.Stream.NextDouble() < p)
            {
                _ledger.Sum.DetectedByAudit++;
                _findings.Detect(s, v, t);
            }
        }

        _law?.OnAudit(s, slot.Programme, t);
        double next = t + AuditInterval(slot.Programme, s.Segment, t);
        slot.NextAt = next <= definition.EndDay ? next : double.PositiveInfinity;
    }

    private void RunInspection(SupplierSocial s, double t)
    {
        var stream = _inspectionStream[s.Index];
        var open = s.Open;
        for (int i = 0; i < open.Count; i++)
        {
            var v = open[i];
            if (!v.Detected && stream.NextDouble() < s.InspectionDetection)
            {
                _ledger.Sum.DetectedByInspection++;
                _findings.Detect(s, v, t);
            }
        }

        _nextInspectionAt[s.Index] = t + stream.NextExponential(1 / s.InspectionRatePerDay);
    }
}

/// <summary>One audit programme's schedule at one supplier.</summary>
internal sealed class AuditSlot(int programme, RandomStream stream)
{
    public readonly int Programme = programme;
    public readonly RandomStream Stream = stream;
    public double NextAt = double.PositiveInfinity;
}
