using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>The compliance part alone, on a supplier built by hand: the hazard formula, and the exact integrals of violations opening and closing.</summary>
public sealed class ComplianceTests
{
    private static readonly StreamFactory Streams = new(11);

    [Fact]
    public void SetHazard_multiplies_each_category_rate_by_the_four_factors()
    {
        var compliance = new Compliance(
            new ComplianceDefinition
            {
                Categories =
                [
                    new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 73, 0.1),
                    new ViolationCategoryDefinition(ViolationCategory.OccupationalSafety, 36.5, 0.1),
                ],
                CapabilityReduction = 0.4,
                EnforcementDeterrence = 0.5,
                UtilisationThreshold = 0.8,
                UtilisationWeight = 0.5,
                LiquidityStressWeight = 1,
                SqueezeBacklogDays = 10,
                SqueezeWeight = 0.5,
            },
            new SocialLedger(),
            new RecordingViolationEvents());
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(), 0, Streams);
        s.Capability = 0.5;
        s.InspectionRatePerDay = 2.0 / 365;
        s.InspectionDetection = 0.25;

        // f_cap = 1 - 0.4 * 0.5 = 0.8; f_enf = 1 - 0.5 * min(1, 2 * 0.25) = 0.75;
        // f_pres = 1 + 0.5 * (0.9 - 0.8) / 0.2 + 1 * 0.2 + 0.5 * min(1, (15 - 10) / 10) = 1.7; f_cert = 0.5:
        // factor 0.51; rates 73 / 365 = 0.2 and 0.1 per day -> 0.102 and 0.051.
        compliance.SetHazard(s, now: 0, utilisation: 0.9, stressShare: 0.2, backlogDays: 15, certificationFactor: 0.5);

        Assert.Equal(0.102, s.CumulativeHazard[0], 12);
        Assert.Equal(0.153, s.CumulativeHazard[1], 12);
        Assert.Equal(0.153, s.HazardPerDay, 12);
        Assert.True(s.NextViolationAt > 0 && double.IsFinite(s.NextViolationAt));
    }

    [Fact]
    public void A_violation_counts_in_the_integrals_from_arising_to_its_fix()
    {
        var events = new RecordingViolationEvents();
        var ledger = new SocialLedger();
        var compliance = OneCategory(ledger, events);
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(workers: 200), 0, Streams);
        s.Capability = 0;
        compliance.SetHazard(s, 0, 0, 0, 0, 1);
        Assert.Equal(0.1, s.HazardPerDay, 12); // 36.5 a year, no pressure, capability 0

        double arose = s.NextViolationAt;
        compliance.AriseNext(s);
        var v = Assert.Single(s.Open);
        Assert.Equal(20, v.ExposedWorkers); // 200 workers * 0.1
        Assert.Equal(arose, v.AriseAt);
        Assert.Equal([(v, arose)], events.Arisen);
        Assert.Equal(1, compliance.OpenLevel);

        compliance.Close(s, v, arose + 50);
        var totals = ledger.Sum;
        compliance.FillAreas(ref totals, arose + 100);

        // Open 50 days: 50 violation-days, 20 * 50 worker-days, three times that weighted, 50 non-compliant days.
        Assert.Equal(50, totals.OpenArea, 9);
        Assert.Equal(1000, totals.ExposureArea, 9);
        Assert.Equal(3000, totals.WeightedExposureArea, 9);
        Assert.Equal(50, totals.NonCompliantArea, 9);
        Assert.Equal(1000, s.Exposure.AreaAt(arose + 100), 9);
        Assert.Equal(1, totals.Arisen);
        Assert.Equal(1, totals.Remediated);
        Assert.Empty(s.Open);
        Assert.Equal([(v, arose + 50)], events.Closed);
    }

    [Fact]
    public void Leaving_the_chain_ends_the_chain_counts_but_not_the_workers_exposure()
    {
        var events = new RecordingViolationEvents();
        var ledger = new SocialLedger();
        var compliance = OneCategory(ledger, events);
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(workers: 200), 0, Streams);
        compliance.SetHazard(s, 0, 0, 0, 0, 1);
        double arose = s.NextViolationAt;
        compliance.AriseNext(s);

        compliance.LeaveChain(s, arose + 10);
        var totals = ledger.Sum;
        compliance.FillAreas(ref totals, arose + 30);

        Assert.False(s.InChain);
        Assert.Equal([arose + 10], events.LeftChain);
        Assert.Equal(0, compliance.OpenLevel);
        Assert.Equal(10, totals.OpenArea, 9);
        Assert.Equal(10, totals.NonCompliantArea, 9);
        Assert.Equal(600, totals.ExposureArea, 9); // still open, unseen: 20 workers * 30 days
        Assert.Single(s.Open);
    }

    private static Compliance OneCategory(SocialLedger ledger, IViolationEvents events) => new(
        new ComplianceDefinition
        {
            Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 36.5, 0.1) { SeverityWeight = 3 }],
        },
        ledger,
        events);
}
