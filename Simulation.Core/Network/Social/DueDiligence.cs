// Mechanism 11, the due-diligence law as a duty of process and of outcome (docs/model.md#due-diligence).
//
//   scope: the law covers the buyer side in its markets (a distribution centre without markets takes
//     those of the nodes it supplies) and every supplier upstream of them; no markets = every buyer and
//     every supplier. Only audit programmes with a covered buyer respond to it.
//   reviews: at start_day + k * review_days (k >= 1) up to end_day; each review is enforced with
//     probability enforcement_probability (one draw on the law's stream per review). Per duty d:
//       P_d = fixed_d * n_d + per_worker_day_d * H_d + share_of_purchases_d * V * [n_d > 0]
//     n_d = breaches, H_d = worker-exposure-days in the review window at the breaching suppliers,
//     V = the covered buyer side's purchases in the window. Breaches:
//       audit_gap  a covered supplier in the chain whose last audit by a covered programme (or the law's
//                  start, if later) is older than its segment's required interval;
//       overdue    each known violation past its corrective-action deadline (fixed = penalty_per_violation);
//       harm       a covered supplier with an audit gap or an overdue violation (diligence inadequate);
//       exit       a covered supplier terminated in the window with less notice than responsible_exit_notice_days.
//     expected_penalty_cost += p * sum_d P_d at every review; penalty_cost += sum_d P_d if enforced.
//   CSDDD (2024/1760): fines of at least 5% of worldwide turnover; disengagement as a last resort
//   (CALIBRATION.md). The response rules are in AuditInterval.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// A due-diligence law (mechanism 11): which suppliers and programmes it covers, when it reviews, the
/// audit history and harm it judges diligence by, and the penalty of each review. Owns its stream, its
/// coverage, each covered supplier's last covered audit and exposure at the last review, and the
/// terminations of the window; books penalties on the suppliers' landed cost, and hands the review's
/// totals back to the caller.
/// </summary>
internal sealed class DueDiligence
{
    private const double Epsilon = 1e-9;

    private readonly DueDiligenceDefinition _law;
    private readonly RandomStream _stream;
    private readonly bool[] _coveredNode;
    private readonly bool[] _coveredProgramme;
    private readonly double[] _lastAuditAt;
    private readonly double[] _exposureAtReview;
    private readonly bool[] _irresponsibleExit;

    // Per node, the current review's reading: harm in the window, audit gap, overdue violations, charge.
    private readonly double[] _windowHarm;
    private readonly bool[] _gap;
    private readonly int[] _overdue;
    private readonly double[] _charge;
    private readonly Node[] _coveredBuyerSide;
    private double _purchasesAtReview;
    private double _nextReview;
    private bool _started;

    /// <param name="law">The law.</param>
    /// <param name="stream">Its enforcement draws.</param>
    /// <param name="coveredNode">Per node index: whether the law covers it (buyer side in its markets, suppliers upstream of them).</param>
    /// <param name="coveredProgramme">Per audit programme: whether one of its buyers is covered.</param>
    /// <param name="coveredBuyerSide">The covered buyers and distribution centres, whose purchases are the volume V.</param>
    public DueDiligence(DueDiligenceDefinition law, RandomStream stream, bool[] coveredNode, bool[] coveredProgramme, Node[] coveredBuyerSide)
    {
        _law = law;
        _stream = stream;
        _coveredNode = coveredNode;
        _coveredProgramme = coveredProgramme;
        _coveredBuyerSide = coveredBuyerSide;
        _lastAuditAt = new double[coveredNode.Length];
        Array.Fill(_lastAuditAt, double.NegativeInfinity);
        _exposureAtReview = new double[coveredNode.Length];
        _irresponsibleExit = new bool[coveredNode.Length];
        _windowHarm = new double[coveredNode.Length];
        _gap = new bool[coveredNode.Length];
        _overdue = new int[coveredNode.Length];
        _charge = new double[coveredNode.Length];
        _nextReview = law.StartDay + law.ReviewDays;
    }

    /// <summary>Whether the law applies at <paramref name="t"/>.</summary>
    public bool InForce(double t) => t >= _law.StartDay && t <= _law.EndDay;

    /// <summary>Whether the law covers the supplier.</summary>
    public bool Covers(SupplierSocial s) => _coveredNode[s.Node.Index];

    /// <summary>The response at a missed deadline at <paramref name="t"/>: the law's engagement rule for a covered supplier while in force, else <paramref name="response"/>.</summary>
    public BuyerResponse EngagementAt(SupplierSocial s, double t, BuyerResponse response) =>
        _law.Engagement is { } engagement && Covers(s) && InForce(t) ? engagement : response;

    /// <summary>
    /// The covered buyers' response: the days to the next audit of programme <paramref name="programme"/>
    /// at a supplier in <paramref name="segment"/>, from the programme's own <paramref name="interval"/>.
    /// </summary>
    public double AuditInterval(int programme, double costPerAudit, RiskSegment segment, double t, double interval)
    {
        if (!_coveredProgramme[programme] || !InForce(t))
        {
            return interval;
        }

        double required = _law.RequiredAuditInterval(segment);
        return _law.Response switch
        {
            AuditResponseRule.MeetDuty => Math.Min(interval, required),
            AuditResponseRule.CostBenefit =>
                EnforcementProbabilityAt(t) * _law.AuditGapPenalty.Fixed >= costPerAudit ? Math.Min(interval, required) : interval,
            _ => interval * _law.AuditIntervalFactor,
        };
    }

    /// <summary>An audit of programme <paramref name="programme"/> at the supplier at <paramref name="t"/>.</summary>
    public void OnAudit(SupplierSocial s, int programme, double t)
    {
        if (_coveredProgramme[programme])
        {
            _lastAuditAt[s.Node.Index] = t;
        }
    }

    /// <summary>The supplier was terminated by its buyers after <paramref name="noticeDays"/> of notice.</summary>
    public void OnTermination(SupplierSocial s, double noticeDays, double t)
    {
        if (_coveredNode[s.Node.Index] && InForce(t) && noticeDays < _law.ResponsibleExitNoticeDays)
        {
            _irresponsibleExit[s.Node.Index] = true;
        }
    }

    /// <summary>
    /// At the end of day <paramref name="now"/>: if a review is due, assesses it over
    /// <paramref name="suppliers"/> and returns the penalty charged (0 when not enforced) and the
    /// expected penalty (enforcement probability times the assessment); else zeros. <paramref name="findings"/>
    /// tells the overdue corrective actions.
    /// </summary>
    public (double Charged, double Expected) ReviewIfDue(double now, IReadOnlyList<SupplierSocial> suppliers, IOverdueFindings findings)
    {
        if (!_started && now >= _law.StartDay - Epsilon)
        {
            // The first window starts with the law: harm and purchases before it are not judged.
            _started = true;
            foreach (var s in suppliers)
            {
                _exposureAtReview[s.Node.Index] = s.Exposure.AreaAt(now);
            }

            _purchasesAtReview = PurchasesOfCovered();
        }

        if (now < _nextReview - Epsilon || _nextReview > _law.EndDay + Epsilon)
        {
            return (0, 0);
        }

        _nextReview += _law.ReviewDays;
        double probability = EnforcementProbabilityAt(now);
        bool enforced = _stream.NextDouble() < probability;
        double purchases = PurchasesOfCovered();
        double volume = purchases - _purchasesAtReview;
        _purchasesAtReview = purchases;
        var gap = default(Duty);
        var overdue = default(Duty);
        var harm = default(Duty);
        var exit = default(Duty);
        foreach (var s in suppliers)
        {
            int i = s.Node.Index;
            if (!_coveredNode[i])
            {
                continue;
            }

            double exposure = s.Exposure.AreaAt(now);
            _windowHarm[i] = exposure - _exposureAtReview[i];
            _exposureAtReview[i] = exposure;
            double required = _law.RequiredAuditInterval(s.Segment);
            _gap[i] = s.InChain && double.IsFinite(required) && now - Math.Max(_lastAuditAt[i], _law.StartDay) > required;
            _overdue[i] = s.InChain ? findings.OverdueCountOf(s) : 0;
            gap.Add(_gap[i] ? 1 : 0);
            overdue.Add(_overdue[i]);
            harm.Add(_gap[i] || _overdue[i] > 0 ? 1 : 0);
            exit.Add(_irresponsibleExit[i] ? 1 : 0);
        }

        // Each breaching supplier carries its own breaches and harm and an equal share of each duty's
        // volume part, so that suppliers.parquet's landed cost adds up to penalty_cost.
        double assessed = 0;
        foreach (var s in suppliers)
        {
            int i = s.Node.Index;
            if (!_coveredNode[i])
            {
                continue;
            }

            double h = _windowHarm[i];
            double charge = (_gap[i] ? Part(_law.AuditGapPenalty, 1, h, gap, volume) : 0)
                + (_overdue[i] > 0 ? Part(_law.OverduePenalty, _overdue[i], h, overdue, volume) : 0)
                + (_gap[i] || _overdue[i] > 0 ? Part(_law.HarmPenalty, 1, h, harm, volume) : 0)
                + (_irresponsibleExit[i] ? Part(_law.ExitPenalty, 1, h, exit, volume) : 0);
            _irresponsibleExit[i] = false;
            _charge[i] = charge;
            assessed += charge;
        }

        double expected = probability * assessed;
        if (!enforced || !(assessed > 0))
        {
            return (0, expected);
        }

        foreach (var s in suppliers)
        {
            if (_coveredNode[s.Node.Index])
            {
                s.Node.LandedCost += _charge[s.Node.Index];
            }
        }

        return (assessed, expected);
    }

    private double EnforcementProbabilityAt(double t) => _law.EnforcementProbabilityChanges.ValueAt(_law.EnforcementProbability, t);

    private double PurchasesOfCovered()
    {
        double purchases = 0;
        foreach (var n in _coveredBuyerSide)
        {
            purchases += n.Purchases;
        }

        return purchases;
    }

    /// <summary>A supplier's part of one duty's penalty: its breaches, its harm, and its share of the volume part.</summary>
    private static double Part(PenaltySize size, double breaches, double windowHarm, in Duty duty, double volume) =>
        (size.Fixed * breaches) + (size.PerWorkerDay * windowHarm) + (size.ShareOfPurchases * volume * breaches / duty.Breaches);

    /// <summary>The breaches of one duty at a review (the volume part is shared over them).</summary>
    private struct Duty
    {
        public double Breaches;

        public void Add(double breaches) => Breaches += breaches;
    }
}
