using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The corrective-actions part alone, on a hand-built supplier with one open violation: a plan's
/// deadline, fix time and cost split, and the buyers' responses at a missed deadline.
/// Remediation takes 50 days, costs 5 days of a 100-a-day supplier; deadline 30 days; buyers pay 40%.
/// </summary>
public sealed class CorrectiveActionsTests
{
    [Fact]
    public void Detection_opens_a_plan_with_its_deadline_fix_and_cost_split()
    {
        var (actions, s, v, parts) = Build(BuyerResponse.Engage);

        actions.Detect(s, v, 10);

        Assert.Equal(10, v.DetectedAt);
        Assert.Equal(10, v.DiscoveredAt);
        Assert.Equal(10, s.LastDetectionAt);
        Assert.Equal(40, v.DeadlineAt);
        Assert.Equal(60, v.RemediatedAt);
        Assert.Equal(200, parts.Accounts.ChargedToBuyers, 9); // 5 * 100 * 0.4
        Assert.Equal(300, parts.Accounts.PaidBySupplier, 9);
        Assert.Equal(200, parts.Ledger.Sum.RemediationSupportCost, 9);
        Assert.Equal(300, parts.Ledger.Sum.RemediationCost, 9);
        Assert.Equal(1, parts.Ledger.Sum.CapsOpened);
        Assert.Equal(1, parts.Responses.Detections);
    }

    [Fact]
    public void Assisted_remediation_is_faster_and_cheaper_and_may_beat_the_deadline()
    {
        var (actions, s, v, parts) = Build(BuyerResponse.Suspend, assisted: true);

        actions.Detect(s, v, 10);

        // 50 * 0.6 = 30 days: fixed on the deadline, so no plan runs late; cost 500 * 0.6 = 300.
        Assert.Equal(40, v.RemediatedAt);
        Assert.True(double.IsPositiveInfinity(v.DeadlineAt));
        Assert.Equal(120, parts.Accounts.ChargedToBuyers, 9);
        Assert.Equal(180, parts.Accounts.PaidBySupplier, 9);
    }

    [Fact]
    public void A_missed_deadline_under_suspend_stops_orders_until_the_fix()
    {
        var (actions, s, v, parts) = Build(BuyerResponse.Suspend);
        actions.Detect(s, v, 10);

        actions.MissDeadline(s, v, 40);
        Assert.True(v.Overdue);
        Assert.Equal(1, actions.OverdueCountOf(s));
        Assert.Equal(["suspend s"], parts.Sourcing.Calls);
        Assert.Equal(1, actions.SuspendedLevel);
        Assert.Equal(1000, parts.Ledger.Sum.AuditCost); // the follow-up audit
        Assert.Equal(200 + 1000, parts.Accounts.ChargedToBuyers, 9);

        actions.Closed(s, v, 60);
        Assert.Equal(0, actions.OverdueCountOf(s));
        Assert.Equal(["suspend s", "reinstate s"], parts.Sourcing.Calls);
        Assert.Equal(20, actions.SuspendedArea(100), 12); // suspended from day 40 to day 60
    }

    [Fact]
    public void Exit_with_notice_terminates_when_the_notice_runs_out()
    {
        var (actions, s, v, parts) = Build(BuyerResponse.Exit, exitNoticeDays: 15);
        actions.Detect(s, v, 10);

        actions.MissDeadline(s, v, 40);
        Assert.True(v.ExitNoticeGiven);
        Assert.Equal(55, v.DeadlineAt);
        Assert.Empty(parts.Sourcing.Calls);

        actions.MissDeadline(s, v, 55);
        Assert.Equal(["terminate s"], parts.Sourcing.Calls);
        Assert.False(s.InChain);
        Assert.Equal([55.0], parts.Events.LeftChain);
    }

    [Fact]
    public void A_backup_candidate_no_customer_buys_from_is_not_suspended()
    {
        var (actions, s, v, parts) = Build(BuyerResponse.Suspend, candidateOnly: true);
        actions.Detect(s, v, 10);

        actions.MissDeadline(s, v, 40);

        Assert.Equal(1, actions.OverdueCountOf(s));
        Assert.Empty(parts.Sourcing.Calls);
        Assert.Equal(0, actions.SuspendedLevel);
    }

    private static (CorrectiveActions Actions, SupplierSocial Supplier, Violation Violation, Parts Parts) Build(
        BuyerResponse response, bool assisted = false, bool candidateOnly = false, double exitNoticeDays = 0)
    {
        var social = new SocialDefinition
        {
            Compliance = new ComplianceDefinition
            {
                Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 1, 0.1)],
                RemediationDays = Distribution.Constant(50),
                RemediationCostDays = 5,
                AssistedRemediationFactor = 0.6,
            },
            CorrectiveActions = new CorrectiveActionDefinition
            {
                DeadlineDays = 30,
                Response = response,
                FollowUpAuditCost = 1000,
                ExitNoticeDays = exitNoticeDays,
            },
        };
        var parts = new Parts(new SocialLedger(), new RecordingAccounts(dailyCost: 100), new RecordingSourcing(), new FixedResponses(assisted), new RecordingViolationEvents());
        var compliance = new Compliance(social.Compliance, parts.Ledger, parts.Events);
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(), 0, new StreamFactory(3));
        var v = new Violation { Category = 0, AriseAt = 0, ExposedWorkers = 20 };
        s.Open.Add(v);
        var actions = new CorrectiveActions(
            social, [s], buyerShare: [0.4], new StreamFactory(3), compliance, parts.Ledger, parts.Accounts, parts.Sourcing, new FixedStanding(candidateOnly), parts.Responses, law: null);
        return (actions, s, v, parts);
    }

    private sealed record Parts(SocialLedger Ledger, RecordingAccounts Accounts, RecordingSourcing Sourcing, FixedResponses Responses, RecordingViolationEvents Events);
}
