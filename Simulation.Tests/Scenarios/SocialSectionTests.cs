using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;
using static Simulation.Tests.Scenarios.ScenarioFolder;

namespace Simulation.Tests.Scenarios;

/// <summary>The <c>social</c> section: read into the definition, and each kind of error at its line and field.</summary>
public sealed class SocialSectionTests : IDisposable
{
    // Appended to ScenarioFolder.Minimal (28 lines and a final line break): "social:" is line 29.
    private const string Social = """
        social:
          compliance:
            wages_and_hours: {violations_per_supplier_year: 1.2, exposed_worker_share: 0.8}
            environment: {violations_per_supplier_year: 0.3}
            remediation_days: {dist: lognormal, mean: 120, sd: 90}
          corrective_actions: {deadline_days: 60, response: suspend}
          grievances: {reports_per_violation_year: 1, trust: 0.4}
          audit_programmes:
            - id: coalition
              buyers: [b1]
              type: unannounced
              detection_probability: 0.6
              interval_days: {high: 90}
              target: {max_tier: 2, sizes: [small, medium], segments: [high]}
          capacity_building:
            - {id: ta, target: {suppliers: [s2]}, max_suppliers: 3, cost_per_supplier_month: 700}
          supply_chain_finance:
            - {id: scf, buyer: b1, pay_after_days: 10, annual_rate: 0.05, capability_target: 0.7, rate_discount: 0.01}
          direct_lending:
            - {id: loan, target: {regions: [r1], sizes: [micro]}, start_day: 30}
          certifications:
            - {id: bsci, hazard_factor: 0.8, adopters: {max_tier: 1}, adoption_day: 100}
          due_diligence: {start_day: 50, penalty_per_violation: 1000}
          import_ban: {categories: [forced_or_child_labour]}

        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string WithSocialLine(int line, string text) => WithLine(Minimal + Social, line, text);

    [Fact]
    public void SocialSection_IsReadIntoTheDefinition()
    {
        ScenarioLoadResult result = _folder.Load(Minimal + Social);

        Assert.Empty(result.Errors);
        SocialDefinition social = result.Definition!.Social!;
        Assert.Equal([ViolationCategory.WagesAndHours, ViolationCategory.Environment], social.Compliance.Categories.Select(c => c.Category));
        Assert.Equal(1.0, social.Compliance.Categories[1].ExposedWorkerShare);
        Assert.Equal(120, social.Compliance.RemediationDays.Mean, 9);
        Assert.Equal(BuyerResponse.Suspend, social.CorrectiveActions.Response);
        AuditProgrammeDefinition audit = Assert.Single(social.AuditProgrammes);
        Assert.True(audit.Unannounced);
        Assert.Equal((90, 365, 730), (audit.IntervalDaysHigh, audit.IntervalDaysMedium, audit.IntervalDaysLow));
        Assert.Equal([SizeClass.Small, SizeClass.Medium], audit.Target.Sizes);
        Assert.Equal([RiskSegment.High], audit.Target.Segments);
        Assert.Equal(2, audit.Target.MaxTier);
        Assert.Equal(["s2"], social.CapacityBuilding[0].Target.Suppliers);
        Assert.Equal(int.MaxValue, social.CapacityBuilding[0].Target.MaxTier);
        Assert.Equal(0.7, social.SupplyChainFinance[0].CapabilityTarget);
        Assert.Equal(1, social.Certifications[0].Adopters!.MaxTier);
        Assert.Equal(1000, social.DueDiligence!.PenaltyPerViolation);
        Assert.Equal([ViolationCategory.ForcedOrChildLabour], social.ImportBan!.Categories);
    }

    [Fact]
    public void WithoutSocialSection_TheMechanismsAreOff()
    {
        Assert.Null(_folder.Load(Minimal).Definition!.Social);
    }

    [Fact]
    public void UnknownKey_InSocial_IsReportedAtItsLineWithASuggestion()
    {
        ScenarioLoadResult result = _folder.Load(WithSocialLine(35, "  grievances: {reports_per_violation_yr: 1, trust: 0.4}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(35, error.Line);
        Assert.Equal("social.grievances.reports_per_violation_yr", error.Field);
        Assert.Contains("did you mean 'reports_per_violation_year'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBuyer_InAnAuditProgramme_IsReportedWithTheNearestBuyer()
    {
        ScenarioLoadResult result = _folder.Load(WithSocialLine(38, "      buyers: [b2]"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((38, 16), (error.Line, error.Column));
        Assert.Equal("social.audit_programmes[coalition].buyers", error.Field);
        Assert.Equal("unknown buyer 'b2'; did you mean 'b1'?", error.Message);
    }

    [Fact]
    public void ASupplierNamedAsABuyer_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(WithSocialLine(46, "    - {id: scf, buyer: s1, pay_after_days: 10}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(46, error.Line);
        Assert.Equal("'s1' is not a buyer", error.Message);
    }

    [Fact]
    public void UnknownSize_AndResponse_AreReportedWithTheirChoices()
    {
        string yaml = WithLine(
            WithSocialLine(42, "      target: {max_tier: 2, sizes: [smal], segments: [high]}"),
            34,
            "  corrective_actions: {deadline_days: 60, response: walk_away}");

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(34, result.Errors[0].Line);
        Assert.Equal("'walk_away' is not one of engage, suspend, exit", result.Errors[0].Message);
        Assert.Equal(42, result.Errors[1].Line);
        Assert.Equal("'smal' is not one of micro, small, medium, large; did you mean 'small'?", result.Errors[1].Message);
    }

    [Fact]
    public void OutOfRangeProbability_AndInconsistentWindow_AreReported()
    {
        string yaml = WithLine(
            WithSocialLine(40, "      detection_probability: 1.6"),
            48,
            "    - {id: loan, target: {regions: [r9], sizes: [micro]}, start_day: 30}");

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(40, result.Errors[0].Line);
        Assert.Equal("detection_probability must be in [0, 1], got 1.6", result.Errors[0].Message);
        Assert.Equal(48, result.Errors[1].Line);
        Assert.Equal("unknown region 'r9'; did you mean 'r1'?", result.Errors[1].Message);
    }

    [Fact]
    public void CapacityGain_IsReadAndDefaultsToZero()
    {
        ScenarioLoadResult with = _folder.Load(WithSocialLine(44, "    - {id: ta, target: {suppliers: [s2]}, capacity_gain: 0.25}"));
        ScenarioLoadResult without = _folder.Load(Minimal + Social);

        Assert.Empty(with.Errors);
        Assert.Equal(0.25, with.Definition!.Social!.CapacityBuilding[0].CapacityGain);
        Assert.Equal(0, without.Definition!.Social!.CapacityBuilding[0].CapacityGain);
    }

    [Fact]
    public void NegativeCapacityGain_IsReportedAtItsLineAndColumn()
    {
        ScenarioLoadResult result = _folder.Load(WithSocialLine(44, "    - {id: ta, target: {suppliers: [s2]}, capacity_gain: -0.2}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((44, 58), (error.Line, error.Column));
        Assert.Equal("social.capacity_building[ta].capacity_gain", error.Field);
        Assert.Equal("capacity_gain must be >= 0, got -0.2", error.Message);
    }

    [Fact]
    public void SetOverride_ReachesSocialKeys()
    {
        ScenarioLoadResult result = _folder.Load(Minimal + Social, "social.audit_programmes[coalition].cost_per_audit=2500");

        Assert.Empty(result.Errors);
        Assert.Equal(2500, result.Definition!.Social!.AuditProgrammes[0].CostPerAudit);
    }
}
