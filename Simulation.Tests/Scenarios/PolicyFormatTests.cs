using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;
using static Simulation.Tests.Scenarios.ScenarioFolder;

namespace Simulation.Tests.Scenarios;

/// <summary>Issue 13's keys: schedules, markets, the law's duties, alerts; read into the definition, errors located.</summary>
public sealed class PolicyFormatTests : IDisposable
{
    private const string Social = """
        social:
          compliance:
            wages_and_hours: {violations_per_supplier_year: 1.2}
          due_diligence:
            markets: [eu]
            end_day: 700
            required_audit_interval_days: {high: 180}
            penalties:
              audit_gap: {fixed: 1000, share_of_purchases: 0.01}
              harm: {per_worker_day: 0.5}
            response: meet_duty
          import_ban: {markets: [eu], end_day: 500}

        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ScenarioLoadResult Load(params string[] overrides) => _folder.Load(Minimal + Social, [.. overrides.Prepend("buyers[b1].market=eu")]);

    [Fact]
    public void LawBanAndMarkets_AreReadIntoTheDefinition()
    {
        ScenarioLoadResult result = Load();

        Assert.Empty(result.Errors);
        var law = result.Definition!.Social!.DueDiligence!;
        Assert.Equal(["eu"], law.Markets);
        Assert.Equal(700, law.EndDay);
        Assert.Equal((180, double.PositiveInfinity), (law.RequiredAuditIntervalHigh, law.RequiredAuditIntervalMedium));
        Assert.Equal(new PenaltySize(1000, 0, 0.01), law.AuditGapPenalty);
        Assert.Equal(new PenaltySize(0, 0.5, 0), law.HarmPenalty);
        Assert.Equal(AuditResponseRule.MeetDuty, law.Response);
        Assert.Equal(500, result.Definition.Social.ImportBan!.EndDay);
        Assert.Equal(["eu"], result.Definition.Social.ImportBan.Markets);
        Assert.Equal(["eu"], result.Definition.Nodes.Single(n => n.Id == "b1").Markets);
    }

    [Fact]
    public void UnknownMarket_IsReportedWithTheNearestMarket()
    {
        ScenarioLoadResult result = Load("social.import_ban.markets=[ue]");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("social.import_ban.markets", error.Field);
        Assert.Equal("unknown market 'ue'; did you mean 'eu'?", error.Message);
    }

    [Fact]
    public void Schedule_BecomesAnInitialValueAndChanges_WithEndDaysReverting()
    {
        ScenarioLoadResult result = Load(
            "regions[r1].labour_inspections_per_supplier_year=[{from_day: 0, value: 0.1}, {from_day: 365, value: 0.2}]",
            "regions[r1].inspection_detection_probability=[{from_day: 100, end_day: 200, value: 0.8}, {from_day: 300, value: 0.6}]");

        Assert.Empty(result.Errors);
        var region = result.Definition!.Regions.Single();
        Assert.Equal(0.1, region.LabourInspectionsPerSupplierYear);
        Assert.Equal([new ParameterChange<double>(365, 0.2)], region.LabourInspectionsChanges);
        Assert.Equal(0, region.InspectionDetectionProbability);
        Assert.Equal(
            [new ParameterChange<double>(100, 0.8), new ParameterChange<double>(200, 0), new ParameterChange<double>(300, 0.6)],
            region.InspectionDetectionChanges);
    }

    [Fact]
    public void ScheduleErrors_NameTheStepAndWhatIsWrong()
    {
        ScenarioLoadResult result = Load(
            "regions[r1].labour_inspections_per_supplier_year=[{from_day: 365, value: 0.2}, {from_day: 100, value: 0.1}]",
            "regions[r1].inspection_detection_probability=[{from_day: 0, value: 1.5}]");

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Field == "regions[r1].labour_inspections_per_supplier_year[1].from_day"
            && e.Message == "steps must be in increasing from_day; 100 is not after 365");
        Assert.Contains(result.Errors, e => e.Field == "regions[r1].inspection_detection_probability[0].value" && e.Message.Contains("[0, 1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_AreRead_AndUnknownMetricsSuggestTheNearest()
    {
        ScenarioLoadResult ok = Load("alerts=[{id: open, metric: open_violations, threshold: 20}, {id: exits, metric: supplier_exits, threshold: 0, filter: {min_tier: 2}}, {id: fill, metric: fill_rate, source: kpi, comparison: below, threshold: 0.95}]");
        Assert.Empty(ok.Errors);
        Assert.Equal(
            [(AlertSource.TimeSeries, AlertComparison.Above), (AlertSource.SupplierExits, AlertComparison.Above), (AlertSource.Kpi, AlertComparison.Below)],
            ok.Definition!.Alerts.Select(a => (a.Source, a.Comparison)));
        Assert.Equal(2, ok.Definition.Alerts[1].Filter.MinTier);

        ScenarioLoadResult bad = Load("alerts=[{id: open, metric: open_violatons, threshold: 20}]");
        ScenarioError error = Assert.Single(bad.Errors);
        Assert.Equal("alerts[open].metric", error.Field);
        Assert.Contains("did you mean 'open_violations'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PenaltyPerViolation_AndOverdueFixed_TogetherAreAnError()
    {
        ScenarioLoadResult result = Load("social.due_diligence.penalty_per_violation=10", "social.due_diligence.penalties.overdue={fixed: 20}");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }
}
