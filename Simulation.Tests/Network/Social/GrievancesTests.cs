using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The grievance part alone, with real compliance and corrective actions on a hand-built supplier: a
/// capable supplier resolves a report itself, a weak one (or a category that always escalates) sends
/// it to the buyers. Local fix 30 days; remediation 50 days, 5 days of a 100-a-day cost, buyers pay 40%;
/// deadline 30 days; escalation 500.
/// </summary>
public sealed class GrievancesTests
{
    [Fact]
    public void A_capable_supplier_resolves_the_grievance_itself()
    {
        var (grievances, s, v, ledger, accounts) = Build(capability: 0.7, ViolationCategory.WagesAndHours);

        grievances.File(s, v, 20);

        Assert.Equal(1, ledger.Sum.GrievancesFiled);
        Assert.Equal(1, ledger.Sum.GrievancesResolvedLocally);
        Assert.False(v.Detected);
        Assert.Equal(20, v.DiscoveredAt);
        Assert.Equal(50, v.RemediatedAt);
        Assert.Equal(200, accounts.ChargedToBuyers, 9);
        Assert.Equal(300, accounts.PaidBySupplier, 9);

        grievances.Closed(v, 50);
        Assert.Equal(1, ledger.Sum.GrievancesResolved);
        Assert.Equal(30, ledger.Sum.GrievanceResolutionDaysSum);
    }

    [Theory]
    [InlineData(0.3, ViolationCategory.WagesAndHours)] // below the local-resolution capability
    [InlineData(0.9, ViolationCategory.ForcedOrChildLabour)] // a category buyers must handle themselves
    public void Otherwise_the_grievance_is_escalated_and_detected(double capability, ViolationCategory category)
    {
        var (grievances, s, v, ledger, accounts) = Build(capability, category);

        grievances.File(s, v, 20);

        Assert.Equal(1, ledger.Sum.GrievancesEscalated);
        Assert.Equal(1, ledger.Sum.DetectedByGrievance);
        Assert.Equal(500, ledger.Sum.EscalationCost);
        Assert.Equal(20, v.DetectedAt);
        Assert.Equal(50, v.DeadlineAt);
        Assert.Equal(70, v.RemediatedAt);
        Assert.Equal(500 + 200, accounts.ChargedToBuyers, 9); // escalation and the buyers' share of the fix
    }

    [Fact]
    public void A_report_is_drawn_when_the_violation_arises_and_cancelled_by_a_detection()
    {
        var (grievances, s, v, _, _) = Build(capability: 0.3, ViolationCategory.WagesAndHours);

        grievances.Schedule(s, v, 5);
        Assert.True(v.GrievanceAt > 5 && double.IsFinite(v.GrievanceAt));

        Grievances.CancelReport(v);
        Assert.True(double.IsPositiveInfinity(v.GrievanceAt));
    }

    private static (Grievances, SupplierSocial, Violation, SocialLedger, RecordingAccounts) Build(double capability, ViolationCategory category)
    {
        var social = new SocialDefinition
        {
            Compliance = new ComplianceDefinition
            {
                Categories = [new ViolationCategoryDefinition(category, 1, 0.1)],
                RemediationDays = Distribution.Constant(50),
                RemediationCostDays = 5,
            },
            CorrectiveActions = new CorrectiveActionDefinition { DeadlineDays = 30 },
            Grievances = new GrievanceMechanismDefinition
            {
                ReportsPerViolationYear = 2,
                LocalResolutionCapability = 0.6,
                LocalResolutionDays = 30,
                EscalationCost = 500,
                AlwaysEscalate = [ViolationCategory.ForcedOrChildLabour],
            },
        };
        var ledger = new SocialLedger();
        var accounts = new RecordingAccounts(dailyCost: 100);
        var streams = new StreamFactory(5);
        var compliance = new Compliance(social.Compliance, ledger, new RecordingViolationEvents());
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(), 0, streams);
        s.Capability = capability;
        var v = new Violation { Category = 0, AriseAt = 0, ExposedWorkers = 20 };
        s.Open.Add(v);
        var actions = new CorrectiveActions(social, [s], [0.4], streams, compliance, ledger, accounts, new RecordingSourcing(), new FixedStanding(false), new FixedResponses(false), law: null);
        var grievances = new Grievances(social.Grievances, [s], streams, compliance, actions, ledger, accounts);
        return (grievances, s, v, ledger, accounts);
    }
}
