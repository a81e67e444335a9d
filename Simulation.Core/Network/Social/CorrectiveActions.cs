// Mechanism 5b, corrective action plans and the buyers' response (DESIGN.md section 5; docs/model.md).
//
//   on detection at t: deadline = t + deadline_days; remediation ends at t + R * f, R drawn from
//     remediation_days (the supplier's remediation stream), f = assisted_remediation_factor while the
//     supplier is enrolled in capacity building, else 1; the fix costs remediation_cost_days * daily cost * f at t,
//     of which the buyers pay remediation_cost_share (the largest among the buyers whose chain the supplier is in)
//     and the supplier the rest.
//   at a deadline the violation is not yet fixed: it is overdue; a follow-up audit costs the buyers
//     follow_up_audit_cost; the response applies:
//       engage   sourcing goes on until the fix;
//       suspend  no new orders to the supplier while it has an overdue violation (existing orders ship);
//       exit     after exit_notice_days of notice (0: at once; a fix within the notice cancels it), the supplier is terminated: it leaves the chain (exit cause "terminated") and its open
//                violations are no longer seen or fixed, while its workers' exposure goes on.
//     suspend and exit do not apply to a backup candidate that no customer buys from yet (ISourcingStanding, Resourcing.cs).
//   Bangladesh Accord: 74-91% of safety issues fixed after 3-6 years, 167 factories terminated for
//   non-remediation by 2020 (CALIBRATION.md); FLA: 45 days to submit a remediation plan.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>What a detection sets off in the other social parts, asked by corrective actions (the wiring hands each to its owner).</summary>
internal interface IDetectionResponses
{
    /// <summary>Violation <paramref name="v"/> was detected at <paramref name="t"/>: its worker report is moot, it may suspend a certificate or fall under a ban.</summary>
    void Detected(SupplierSocial s, Violation v, double t);

    /// <summary>Whether a capacity-building programme assists the supplier's remediation at <paramref name="t"/>.</summary>
    bool IsAssisted(SupplierSocial s, double t);

    /// <summary>Whether the supplier, facing the buyers' response, pays to fix <paramref name="v"/> by its deadline (supplier response).</summary>
    bool Expedites(SupplierSocial s, Violation v, double t);
}

/// <summary>What the buyers' response changes in sourcing (owned by ordering, re-sourcing and economics).</summary>
internal interface ISourcingActions
{
    /// <summary>The buyers stop ordering from the supplier.</summary>
    void Suspend(Node supplier);

    /// <summary>The buyers order from the supplier again.</summary>
    void Reinstate(Node supplier);

    /// <summary>The buyers end the relationship: the supplier exits with cause "terminated".</summary>
    void Terminate(Node supplier);
}

/// <summary>Whether buyers see a supplier's overdue corrective actions (due diligence, outcome-linked finance).</summary>
internal interface IOverdueFindings
{
    /// <summary>Detected violations of the supplier past their deadline and not yet fixed.</summary>
    int OverdueCountOf(SupplierSocial s);
}

/// <summary>
/// Corrective action plans and the buyers' response (see the file header): owns each supplier's
/// remediation stream, its buyers' share of remediation costs, its overdue plans and its suspension,
/// the suspended-suppliers integral, and a violation's plan (detection, deadline, fix time, notice).
/// </summary>
internal sealed class CorrectiveActions : IFindings, IOverdueFindings
{
    private static readonly ulong RemediationKey = StableHash.Of("remediation");

    private readonly CorrectiveActionDefinition _actions;
    private readonly ComplianceDefinition _compliance;
    private readonly Compliance _chain;
    private readonly SocialLedger _ledger;
    private readonly ISupplierAccounts _accounts;
    private readonly ISourcingActions _sourcing;
    private readonly ISourcingStanding _standing;
    private readonly IDetectionResponses _responses;
    private readonly DueDiligence? _law;
    private readonly RandomStream[] _remediationStream;
    private readonly double[] _buyerShare;
    private readonly int[] _overdue;
    private readonly double[] _suspendedSince;
    private LevelIntegral _suspended;

    /// <param name="social">The social definition (corrective actions; compliance's remediation times and costs).</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="buyerShare">Per supplier: the share of its remediation cost its buyers pay.</param>
    /// <param name="streams">The replication's streams (one remediation stream per supplier).</param>
    /// <param name="chain">Compliance, which a terminated supplier leaves.</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="accounts">Where remediation, follow-up and support costs are booked.</param>
    /// <param name="sourcing">Suspension and termination.</param>
    /// <param name="standing">Whether any customer buys from a supplier yet (re-sourcing).</param>
    /// <param name="responses">What a detection sets off elsewhere.</param>
    /// <param name="law">The due-diligence law, if any (its engagement rule, its view of terminations).</param>
    public CorrectiveActions(
        SocialDefinition social,
        SupplierSocial[] suppliers,
        double[] buyerShare,
        StreamFactory streams,
        Compliance chain,
        SocialLedger ledger,
        ISupplierAccounts accounts,
        ISourcingActions sourcing,
        ISourcingStanding standing,
        IDetectionResponses responses,
        DueDiligence? law)
    {
        _actions = social.CorrectiveActions;
        _compliance = social.Compliance;
        _chain = chain;
        _ledger = ledger;
        _accounts = accounts;
        _sourcing = sourcing;
        _standing = standing;
        _responses = responses;
        _law = law;
        _buyerShare = buyerShare;
        _remediationStream = SupplierStreams.Create(suppliers, streams, RemediationKey);
        _overdue = new int[suppliers.Length];
        _suspendedSince = new double[suppliers.Length];
    }

    /// <summary>Suppliers with orders suspended now.</summary>
    public double SuspendedLevel => _suspended.Level;

    /// <summary>Supplier-days with orders suspended, up to <paramref name="time"/>.</summary>
    public double SuspendedArea(double time) => _suspended.AreaAt(time);

    /// <inheritdoc/>
    public int OverdueCountOf(SupplierSocial s) => _overdue[s.Index];

    /// <summary>The violation is detected at <paramref name="t"/> (by audit, inspection or escalated grievance): a plan opens.</summary>
    public void Detect(SupplierSocial s, Violation v, double t)
    {
        v.DetectedAt = t;
        if (double.IsNaN(v.DiscoveredAt))
        {
            v.DiscoveredAt = t;
        }

        s.LastDetectionAt = t;
        _responses.Detected(s, v, t);
        _ledger.Sum.Detected++;
        _ledger.Sum.CapsOpened++;
        v.DeadlineAt = t + _actions.DeadlineDays;
        if (double.IsPositiveInfinity(v.RemediatedAt))
        {
            double factor = _responses.IsAssisted(s, t) ? _compliance.AssistedRemediationFactor : 1;
            double days = Math.Max(0, _compliance.RemediationDays.Sample(_remediationStream[s.Index]));
            v.RemediatedAt = t + (days * factor);
            PayRemediation(s, _compliance.RemediationCostDays * _accounts.DailyCostOf(s.Node) * factor);
        }

        if (v.RemediatedAt > v.DeadlineAt && _responses.Expedites(s, v, t))
        {
            v.RemediatedAt = v.DeadlineAt;
        }

        if (v.RemediatedAt <= v.DeadlineAt)
        {
            v.DeadlineAt = double.PositiveInfinity;
        }
    }

    /// <summary>
    /// The supplier resolved a grievance itself at <paramref name="t"/>: the violation is known to it
    /// and fixed within <paramref name="days"/> (sooner if already under way); it pays for the fix.
    /// </summary>
    public void ResolveLocally(SupplierSocial s, Violation v, double t, double days)
    {
        v.DiscoveredAt = t;
        v.RemediatedAt = Math.Min(v.RemediatedAt, t + days);
        PayRemediation(s, _compliance.RemediationCostDays * _accounts.DailyCostOf(s.Node));
    }

    /// <summary>A corrective action plan's deadline passes with the violation still open.</summary>
    public void MissDeadline(SupplierSocial s, Violation v, double t)
    {
        var actions = _actions;
        v.DeadlineAt = double.PositiveInfinity;
        if (v.ExitNoticeGiven)
        {
            // The notice ran out with the violation still open.
            Terminate(s, actions.ExitNoticeDays, t);
            return;
        }

        v.Overdue = true;
        _overdue[s.Index]++;
        _ledger.Sum.CapsOverdue++;
        _ledger.Sum.AuditCost += actions.FollowUpAuditCost;
        _accounts.ChargeBuyers(s.Node, actions.FollowUpAuditCost);

        // A backup candidate no customer buys from yet has no orders to suspend or relationship to end.
        if (_standing.IsCandidateOnly(s.Node))
        {
            return;
        }

        var response = _law is { } law ? law.EngagementAt(s, t, actions.Response) : actions.Response;
        switch (response)
        {
            case BuyerResponse.Suspend:
                if (!s.Node.OrdersSuspended)
                {
                    SetSuspended(s, true, t);
                }

                break;
            case BuyerResponse.Exit when actions.ExitNoticeDays > 0:
                // Notice first: orders go on, and a fix within it (Closed) cancels the exit.
                v.ExitNoticeGiven = true;
                v.DeadlineAt = t + actions.ExitNoticeDays;
                break;
            case BuyerResponse.Exit:
                Terminate(s, 0, t);
                break;
            case BuyerResponse.Engage:
            default:
                break;
        }
    }

    /// <summary>The violation was fixed: an overdue plan closes, and the last one ends a suspension.</summary>
    public void Closed(SupplierSocial s, Violation v, double t)
    {
        if (v.Overdue)
        {
            _overdue[s.Index]--;
            if (_overdue[s.Index] == 0 && s.Node.OrdersSuspended)
            {
                SetSuspended(s, false, t);
            }
        }
    }

    /// <summary>The supplier left the chain: a suspension ends with it.</summary>
    public void LeftChain(SupplierSocial s, double t)
    {
        if (s.Node.OrdersSuspended)
        {
            SetSuspended(s, false, t);
        }
    }

    /// <summary>
    /// A fix costs <paramref name="cost"/>: the buyers pay their share (remediation_support_cost, on the
    /// supplier's landed cost), the supplier the rest (remediation_cost, out of its cash).
    /// </summary>
    private void PayRemediation(SupplierSocial s, double cost)
    {
        if (!(cost > 0))
        {
            return;
        }

        double buyers = cost * _buyerShare[s.Index];
        double own = cost - buyers;
        if (buyers > 0)
        {
            _ledger.Sum.RemediationSupportCost += buyers;
            _accounts.ChargeBuyers(s.Node, buyers);
        }

        if (own > 0)
        {
            _ledger.Sum.RemediationCost += own;
            _accounts.PayCost(s.Node, own);
        }
    }

    /// <summary>The buyers drop the supplier after <paramref name="noticeDays"/> of notice: it leaves the chain, its violations unfixed.</summary>
    private void Terminate(SupplierSocial s, double noticeDays, double t)
    {
        _law?.OnTermination(s, noticeDays, t);
        _sourcing.Terminate(s.Node);
        _chain.LeaveChain(s, t);
    }

    /// <summary>Suspends or resumes orders to the supplier (customers renormalise their shares, as after an exit).</summary>
    private void SetSuspended(SupplierSocial s, bool suspended, double t)
    {
        if (suspended)
        {
            _suspendedSince[s.Index] = t;
            _suspended.Open(1, t);
            _sourcing.Suspend(s.Node);
        }
        else
        {
            _suspended.Close(1, _suspendedSince[s.Index], t);
            _sourcing.Reinstate(s.Node);
        }
    }
}
