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
//     suspend and exit do not apply to a backup candidate that no customer buys from yet (Resourcing.cs).
//   Bangladesh Accord: 74-91% of safety issues fixed after 3-6 years, 167 factories terminated for
//   non-remediation by 2020 (CALIBRATION.md); FLA: 45 days to submit a remediation plan.
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    /// <summary>The violation is detected at <paramref name="t"/> (by audit, inspection or escalated grievance).</summary>
    private void Detect(SupplierSocial s, Violation v, double t)
    {
        var social = _social!;
        v.DetectedAt = t;
        v.GrievanceAt = double.PositiveInfinity;
        if (double.IsNaN(v.DiscoveredAt))
        {
            v.DiscoveredAt = t;
        }

        s.LastDetectionAt = t;
        if (s.Certification >= 0 && RiskSegmentation.Contains(social.Certifications[s.Certification].SuspendOn, _compliance!.CategoryOf(v.Category)))
        {
            v.SuspendsCertificate = true;
            s.CertificateSuspensions++;
        }

        _socialLedger.Sum.Detected++;
        _socialLedger.Sum.CapsOpened++;
        if (IsBanned(v.Category))
        {
            s.BannedFindings++;
            _banDirty = true;
        }

        v.DeadlineAt = t + social.CorrectiveActions.DeadlineDays;
        if (double.IsPositiveInfinity(v.RemediatedAt))
        {
            var compliance = social.Compliance;
            double factor = s.Enrolled(t) ? compliance.AssistedRemediationFactor : 1;
            double days = Math.Max(0, compliance.RemediationDays.Sample(s.RemediationStream));
            v.RemediatedAt = t + (days * factor);
            PayRemediation(s, compliance.RemediationCostDays * s.Node.DailyCost * factor);
        }

        ConsiderExpediting(s, v, t);
        if (v.RemediatedAt <= v.DeadlineAt)
        {
            v.DeadlineAt = double.PositiveInfinity;
        }
    }

    /// <summary>Each supplier's buyers' share of its remediation cost: the largest share among the buyers whose chain it is in.</summary>
    private void BuildRemediationShares()
    {
        foreach (var buyer in _nodes)
        {
            double share = buyer.Definition.RemediationCostShare;
            if (!buyer.IsBuyer || !(share > 0))
            {
                continue;
            }

            var chain = new bool[_nodes.Length];
            SupplyChain.MarkUpstream(buyer, chain, _nodes, _links);
            foreach (var s in _socialSuppliers)
            {
                if (chain[s.Node.Index])
                {
                    s.BuyerRemediationShare = Math.Max(s.BuyerRemediationShare, share);
                }
            }
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

        double buyers = cost * s.BuyerRemediationShare;
        double own = cost - buyers;
        if (buyers > 0)
        {
            _socialLedger.Sum.RemediationSupportCost += buyers;
            s.Node.LandedCost += buyers;
        }

        if (own > 0)
        {
            _socialLedger.Sum.RemediationCost += own;
            s.Node.WindowCost += own;
            Pay(s.Node, own, payee: null);
        }
    }

    /// <summary>A corrective action plan's deadline passes with the violation still open.</summary>
    private void MissDeadline(SupplierSocial s, Violation v, double t)
    {
        var actions = _social!.CorrectiveActions;
        v.DeadlineAt = double.PositiveInfinity;
        if (v.ExitNoticeGiven)
        {
            // The notice ran out with the violation still open.
            Terminate(s, actions.ExitNoticeDays, t);
            return;
        }

        v.Overdue = true;
        s.OverdueCount++;
        _socialLedger.Sum.CapsOverdue++;
        _socialLedger.Sum.AuditCost += actions.FollowUpAuditCost;
        s.Node.LandedCost += actions.FollowUpAuditCost;

        // A backup candidate no customer buys from yet has no orders to suspend or relationship to end.
        if (_resourcing.IsCandidateOnly(s.Node))
        {
            return;
        }

        var response = _dueDiligence is { } law ? law.EngagementAt(s, t, actions.Response) : actions.Response;
        switch (response)
        {
            case BuyerResponse.Suspend:
                if (!s.Node.OrdersSuspended)
                {
                    SetSuspended(s, true, t);
                }

                break;
            case BuyerResponse.Exit when actions.ExitNoticeDays > 0:
                // Notice first: orders go on, and a fix within it (CloseViolation) cancels the exit.
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

    /// <summary>The buyers drop the supplier after <paramref name="noticeDays"/> of notice: it leaves the chain, its violations unfixed.</summary>
    private void Terminate(SupplierSocial s, double noticeDays, double t)
    {
        _dueDiligence?.OnTermination(s, noticeDays, t);
        Exit(s.Node, "terminated");
        _compliance!.LeaveChain(s, t);
    }

    /// <summary>Suspends or resumes orders to the supplier (customers renormalise their shares, as after an exit).</summary>
    private void SetSuspended(SupplierSocial s, bool suspended, double t)
    {
        if (suspended)
        {
            s.SuspendedSince = t;
            _suspended.Open(1, t);
        }
        else
        {
            _suspended.Close(1, s.SuspendedSince, t);
        }

        s.Node.OrdersSuspended = suspended;
        _sourcesVersion++;
        if (suspended)
        {
            _resourcing.SourceSuspended(s.Node);
        }
        else
        {
            _resourcing.SourceReinstated(s.Node);
        }
    }
}
