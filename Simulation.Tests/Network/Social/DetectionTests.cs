using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The detection part alone, on a hand-built supplier with two open violations: an audit programme
/// with a 100-day interval for low-risk suppliers, certain detection and 2,000 an audit; a labour
/// inspection process of 0.01 a day.
/// </summary>
public sealed class DetectionTests
{
    [Fact]
    public void An_audit_finds_every_open_violation_costs_the_buyers_and_schedules_the_next()
    {
        var (detection, s, findings, ledger, accounts) = Build();
        s.Open.Add(new Violation { Category = 0 });
        s.Open.Add(new Violation { Category = 0 });

        detection.ScheduleFirstAudits(s);
        double first = detection.NextAt(s);
        Assert.InRange(first, 0, 100); // start + U * interval

        detection.RunDue(s, first);

        Assert.Equal(2, findings.Count);
        Assert.Equal(1, ledger.Sum.Audits);
        Assert.Equal(2, ledger.Sum.DetectedByAudit);
        Assert.Equal(2000, ledger.Sum.AuditCost);
        Assert.Equal(2000, accounts.ChargedToBuyers);
        Assert.Equal(first + 100, detection.NextAt(s), 12);
        Assert.Equal(1, detection.AuditFunders);
    }

    [Fact]
    public void Inspections_run_at_the_supplier_s_rate_and_find_undetected_violations()
    {
        var (detection, s, findings, ledger, _) = Build();
        s.Open.Add(new Violation { Category = 0 });
        s.InspectionRatePerDay = 0.01;
        s.InspectionDetection = 1;

        detection.StartInspections(s);
        double at = detection.NextAt(s);
        Assert.True(at > 0 && double.IsFinite(at));
        Assert.Equal(at, s.NextDue);

        detection.RunDue(s, at);
        Assert.Single(findings);
        Assert.Equal(1, ledger.Sum.DetectedByInspection);
        Assert.True(detection.NextAt(s) > at);
    }

    private static (Detection, SupplierSocial, List<double>, SocialLedger, RecordingAccounts) Build()
    {
        var ledger = new SocialLedger();
        var accounts = new RecordingAccounts(dailyCost: 100);
        var streams = new StreamFactory(9);
        var compliance = new Compliance(
            new ComplianceDefinition { Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 1, 0.1)] },
            ledger,
            new RecordingViolationEvents());
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(), 0, streams);
        s.Segment = RiskSegment.Low;
        var findings = new RecordingFindings();
        var programme = new AuditProgrammeDefinition { Id = "coalition", Buyers = ["b"], IntervalDaysLow = 100, DetectionProbability = 1, CostPerAudit = 2000 };
        var detection = new Detection([programme], [s], [[true]], auditFunders: 1, streams, ledger, findings, accounts, law: null);
        return (detection, s, findings.At, ledger, accounts);
    }

    /// <summary>Marks a violation detected, as corrective actions would, and records when.</summary>
    private sealed class RecordingFindings : IFindings
    {
        public List<double> At { get; } = [];

        public void Detect(SupplierSocial s, Violation v, double t)
        {
            v.DetectedAt = t;
            At.Add(t);
        }
    }
}
