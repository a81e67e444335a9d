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

internal sealed partial class NetworkModel
{
    private AuditProgrammeDefinition[] _auditProgrammes = [];
    private int _auditFunders;

    private void BuildAuditProgrammes()
    {
        var definitions = _social!.AuditProgrammes;
        _auditProgrammes = [.. definitions];
        var funders = new HashSet<string>(StringComparer.Ordinal);
        var slots = new List<AuditSlot>[_suppliers.Length];
        for (int k = 0; k < definitions.Count; k++)
        {
            var definition = definitions[k];
            var covered = new bool[_nodes.Length];
            foreach (string buyer in definition.Buyers)
            {
                funders.Add(buyer);
                if (_nodeIndex.TryGetValue(buyer, out int index))
                {
                    MarkUpstream(_nodes[index], covered);
                }
            }

            ulong purpose = StableHash.Of("audit:" + definition.Id);
            for (int i = 0; i < _suppliers.Length; i++)
            {
                var n = _suppliers[i];
                if (covered[n.Index] && RiskSegmentation.Matches(definition.Target, _socialSuppliers[i]))
                {
                    (slots[i] ??= []).Add(new AuditSlot(k, _context.Streams.Create(StableHash.Of(n.Id), purpose)));
                }
            }
        }

        _auditFunders = funders.Count;
        for (int i = 0; i < _suppliers.Length; i++)
        {
            if (slots[i] is { } list)
            {
                _socialSuppliers[i].Audits = [.. list];
            }
        }
    }

    /// <summary>Marks every supplier upstream of <paramref name="from"/> (its chain).</summary>
    private void MarkUpstream(Node from, bool[] covered)
    {
        var pending = new Stack<Node>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            var n = pending.Pop();
            MarkSources(n.Fg, covered, pending);
            foreach (var input in n.Inputs)
            {
                MarkSources(input, covered, pending);
            }
        }
    }

    private void MarkSources(Stock stock, bool[] covered, Stack<Node> pending)
    {
        int end = stock.FirstLink + stock.LinkCount;
        for (int i = stock.FirstLink; i < end; i++)
        {
            var supplier = _nodes[_links[i].Supplier];
            if (!covered[supplier.Index])
            {
                covered[supplier.Index] = true;
                pending.Push(supplier);
            }
        }
    }

    private void ScheduleFirstAudits(SupplierSocial s)
    {
        foreach (var slot in s.Audits)
        {
            var definition = _auditProgrammes[slot.Programme];
            double start = Math.Max(0, definition.StartDay);
            double first = start + (slot.Stream.NextDouble() * AuditInterval(slot.Programme, s.Segment, start));
            slot.NextAt = first <= definition.EndDay ? first : double.PositiveInfinity;
        }
    }

    /// <summary>Days to the next audit from <paramref name="t"/>: the segment's interval, as a due-diligence law in force makes the covered buyers respond.</summary>
    private double AuditInterval(int programme, RiskSegment segment, double t)
    {
        var definition = _auditProgrammes[programme];
        double interval = segment switch
        {
            RiskSegment.High => definition.IntervalDaysHigh,
            RiskSegment.Medium => definition.IntervalDaysMedium,
            _ => definition.IntervalDaysLow,
        };
        return _dueDiligence is { } law ? law.AuditInterval(programme, definition.CostPerAuditChanges.ValueAt(definition.CostPerAudit, t), segment, t, interval) : interval;
    }

    private void RunAudit(SupplierSocial s, AuditSlot slot, double t)
    {
        var definition = _auditProgrammes[slot.Programme];
        _socialLedger.Sum.Audits++;
        double cost = definition.CostPerAuditChanges.ValueAt(definition.CostPerAudit, t);
        _socialLedger.Sum.AuditCost += cost;
        s.Node.LandedCost += cost;
        double p = definition.DetectionProbabilityChanges.ValueAt(definition.DetectionProbability, t);

        // Iterate over a snapshot count: detection never removes a violation from the list.
        var open = s.Open;
        for (int i = 0; i < open.Count; i++)
        {
            var v = open[i];
            if (!v.Detected && slot.Stream.NextDouble() < p)
            {
                _socialLedger.Sum.DetectedByAudit++;
                Detect(s, v, t);
            }
        }

        _dueDiligence?.OnAudit(s, slot.Programme, t);
        double next = t + AuditInterval(slot.Programme, s.Segment, t);
        slot.NextAt = next <= definition.EndDay ? next : double.PositiveInfinity;
    }

    private void RunInspection(SupplierSocial s, double t)
    {
        var open = s.Open;
        for (int i = 0; i < open.Count; i++)
        {
            var v = open[i];
            if (!v.Detected && s.InspectionStream.NextDouble() < s.InspectionDetection)
            {
                _socialLedger.Sum.DetectedByInspection++;
                Detect(s, v, t);
            }
        }

        s.NextInspectionAt = t + s.InspectionStream.NextExponential(1 / s.InspectionRatePerDay);
    }

}
