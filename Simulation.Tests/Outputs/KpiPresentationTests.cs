using Simulation.Core.Network;
using Simulation.Scenarios;
using Simulation.Scenarios.Reporting;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Outputs;

/// <summary>Labels, applicability, headline and verdicts, and the scenario's report section.</summary>
public sealed class KpiPresentationTests
{
    private static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    private static KpiPresentation For(ReportSettings report, bool social = false) =>
        new(new RunPresentation { Report = report, ModelsSocial = social });

    [Theory]
    [InlineData(0.951, 0.960, "met")]       // whole CI above the bound
    [InlineData(0.940, 0.955, "at risk")]   // CI straddles it
    [InlineData(0.930, 0.949, "missed")]    // whole CI below
    public void AtLeastTargets_AreJudgedOnTheCi(double low, double high, string verdict)
    {
        var p = For(ReportSettings.Default with { Targets = new Dictionary<string, KpiTarget> { ["fill_rate"] = new(TargetDirection.AtLeast, 0.95) } });
        Assert.Equal(verdict, KpiPresentation.Text(p.VerdictOf("fill_rate", low, high, (low + high) / 2)));
    }

    [Theory]
    [InlineData(4.7, 4.9, "met")]
    [InlineData(4.9, 5.1, "at risk")]
    [InlineData(5.01, 5.2, "missed")]
    [InlineData(double.NaN, double.NaN, "met")] // no spread: the mean itself (5) is judged
    public void AtMostTargets_AreJudgedOnTheCi(double low, double high, string verdict)
    {
        var p = For(ReportSettings.Default with { Targets = new Dictionary<string, KpiTarget> { ["cost_per_unit"] = new(TargetDirection.AtMost, 5) } });
        Assert.Equal(verdict, KpiPresentation.Text(p.VerdictOf("cost_per_unit", low, high, 5)));
        Assert.Equal(Verdict.None, p.VerdictOf("fill_rate", 0, 1, 0.5));
    }

    [Fact]
    public void NoKpiLabel_RepeatsItsUnit()
    {
        // "Mean order lead time days (days)" reads badly: a label names the quantity, the unit comes once, in brackets.
        var p = For(ReportSettings.Default);
        foreach (var kpi in KpiCatalog.All)
        {
            string shown = p.LabelWithUnit(kpi.Name, kpi.Unit);
            string label = shown[..shown.LastIndexOf(" (", StringComparison.Ordinal)];
            Assert.False(kpi.Unit is "units" or "days" && label.Contains(' ', StringComparison.Ordinal) && string.Equals(label.Split(' ')[^1], p.Unit(kpi.Unit), StringComparison.OrdinalIgnoreCase), $"{kpi.Name}: '{shown}'");
        }

        Assert.Equal("Demand (units)", p.LabelWithUnit("demand_units", "units"));
        Assert.Equal("Mean order lead time (days)", p.LabelWithUnit("mean_order_lead_time_days", "days"));
        Assert.Equal("Customer orders (orders)", p.LabelWithUnit("customer_orders", "orders"));   // the noun stays
    }

    [Fact]
    public void DefaultHeadline_AddsWorkerExposureOnlyWithASocialSide()
    {
        Assert.Equal(["fill_rate", "cost_per_unit", "co2e_kg_per_unit", "supplier_exits"], For(ReportSettings.Default).Headline);
        Assert.Equal("worker_exposure_days", For(ReportSettings.Default, social: true).Headline[^1]);
    }

    [Fact]
    public void WithoutASocialSection_NoSocialKpiApplies()
    {
        var p = For(ReportSettings.Default);
        var social = KpiCatalog.All.Where(k => k.Group == KpiGroup.Social).ToList();
        Assert.All(social, k => Assert.False(p.Applies(k.Name, k.Group), k.Name));
        Assert.False(p.Applies("social_cost"));
        Assert.False(p.Applies("worker_exposure_days"));
        Assert.True(p.Applies("fill_rate"));
        Assert.All(social, k => Assert.True(For(ReportSettings.Default, social: true).Applies(k.Name, k.Group), k.Name));
    }

    [Fact]
    public void Labels_AreForPeople_WithTheScenarioCurrency()
    {
        var p = For(ReportSettings.Default with { Currency = "EUR" });
        Assert.Equal("Cost per unit (EUR)", p.LabelWithUnit("cost_per_unit", "currency/unit"));
        Assert.Equal("Fill rate (%)", p.LabelWithUnit("fill_rate", "fraction"));
        Assert.Equal("Total landed cost (EUR)", p.LabelWithUnit("total_cost", "currency"));
        Assert.Equal("93.8%", KpiPresentation.Format(0.9381, "fraction"));
    }

    [Fact]
    public void ReportSection_IsRead()
    {
        var result = Load("""
            report:
              headline: [fill_rate, total_cost]
              targets: {fill_rate: ">= 0.97", total_cost: "<= 3000000"}
              currency: EUR
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["fill_rate", "total_cost"], result.Report.Headline);
        Assert.Equal(new KpiTarget(TargetDirection.AtLeast, 0.97), result.Report.Targets["fill_rate"]);
        Assert.Equal(new KpiTarget(TargetDirection.AtMost, 3e6), result.Report.Targets["total_cost"]);
        Assert.Equal("EUR", result.Report.Currency);
    }

    [Theory]
    [InlineData("report: {headline: [fill_rat]}", "unknown KPI 'fill_rat'")]
    [InlineData("report: {targets: {fill_rate: \"about 0.9\"}}", "a target \">= number\"")]
    [InlineData("report: {targets: {no_such_kpi: \">= 1\"}}", "unknown KPI 'no_such_kpi'")]
    [InlineData("report: {headline: [fill_rate, total_cost, co2e_kg, water_l, supplier_exits, audits, caps_opened, stockout_days, units_produced]}", "1 to 8 KPI names")]
    [InlineData("report: {colour: red}", "colour")]
    public void BadReportSection_IsAnErrorWithItsField(string yaml, string message)
    {
        var result = Load(yaml);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("report", error.ToString(), StringComparison.Ordinal);
    }

    private static ScenarioLoadResult Load(string report)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "scenario.yaml");
        File.WriteAllText(path, $"extends: {Quickstart}\nname: report-test\n{report}\n");
        return ScenarioLoader.Load(path);
    }
}
