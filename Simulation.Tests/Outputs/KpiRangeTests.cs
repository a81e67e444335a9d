using System.Text.RegularExpressions;
using Simulation.Cli.Rendering;
using Simulation.Core.Network;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Experiments;
using Simulation.Scenarios.Experiments.Sweeps;
using Simulation.Scenarios.Reporting;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>Confidence intervals as tables and reports show them stay inside the values a KPI can take.</summary>
public sealed class KpiRangeTests
{
    [Fact]
    public void Ranges_FollowTheUnit_FractionsIndexAndEverythingElseNonNegative()
    {
        Assert.Equal(new KpiRange(0, 1), Catalogued("fill_rate").Range);
        Assert.Equal(new KpiRange(0, 1), Catalogued("mean_capability").Range);
        Assert.Equal(new KpiRange(0, 100), Catalogued("social_compliance_index").Range);
        Assert.Equal(new KpiRange(0, double.PositiveInfinity), Catalogued("exits_insolvency").Range);
        Assert.Equal(new KpiRange(0, double.PositiveInfinity), Catalogued("mean_supplier_cash_days").Range);
        Assert.Equal(new KpiRange(0, 1), Catalogued("otif").Range);
        Assert.Equal(4, KpiCatalog.All.Count(k => double.IsFinite(k.Range.Maximum)));

        // gross_profit = revenue - total_cost is the one KPI that can be negative.
        Assert.Equal(new KpiRange(double.NegativeInfinity, double.PositiveInfinity), Catalogued("gross_profit").Range);
        Assert.All(KpiCatalog.All.Where(k => k.Name != "gross_profit"), k => Assert.Equal(0, k.Range.Minimum));
    }

    [Fact]
    public void KpiTable_ClipsTheIntervalToTheRange_WhileTheSummaryKeepsTheRawBounds()
    {
        // {0, 0, 0, 1}: mean 0.25, sd 0.5, t(3, 0.975) = 3.1824 -> raw 0.25 -+ 0.7956 = [-0.546, 1.046].
        var exits = new KpiSummary(Catalogued("exits_insolvency"), Summary.Of([0, 0, 0, 1]));
        // {1, 1, 1, 0.9}: mean 0.975, sd 0.05 -> raw [0.895, 1.055].
        var fillRate = new KpiSummary(Catalogued("fill_rate"), Summary.Of([1, 1, 1, 0.9]));
        // {100, 100, 100, 90}: raw [89.54, 105.46].
        var index = new KpiSummary(Catalogued("social_compliance_index"), Summary.Of([100, 100, 100, 90]));
        Assert.Equal(-0.5456, exits.Summary.Ci95Low, 4);
        Assert.Equal(1.0546, fillRate.Summary.Ci95High, 4);

        string table = Render(exits, fillRate, index);

        Assert.Matches(new Regex(@"Exits insolvency \(suppliers\)\s+0\.25\s+0 \.\. 1\.05\s"), table);
        Assert.Matches(new Regex(@"Fill rate \(%\)\s+97\.5%\s+89\.5% \.\. 100\.0%\s"), table);
        Assert.Matches(new Regex(@"Social compliance index \(0 to 100\)\s+97\.5\s+89\.5 \.\. 100\s"), table);
    }

    [Fact]
    public void ReportRows_ClipByTheCatalogue_AndByTheUnitForAnUnknownKpi()
    {
        var fillRate = new SummaryRow("fill_rate", "fraction", "service", 4, 0.975, 0.05, 0.8954, 1.0546, 0.9, 1, 1);
        var count = new SummaryRow("exits_margin", "suppliers", "network", 4, 0.25, 0.5, -0.5456, 1.0456, 0, 0, 0.85);
        var retired = new SummaryRow("old_index", "0-100", "social", 4, 97.5, 5, 89.5, 105.5, 91.5, 100, 100);
        var single = new SummaryRow("exits_margin", "suppliers", "network", 1, 1, 0, double.NaN, double.NaN, 1, 1, 1);

        Assert.Equal((0.8954, 1.0), fillRate.Ci95InRange);
        Assert.Equal((0.0, 1.0456), count.Ci95InRange);
        Assert.Equal((89.5, 100.0), retired.Ci95InRange);
        Assert.True(double.IsNaN(single.Ci95InRange.Low) && double.IsNaN(single.Ci95InRange.High));
    }

    [Fact]
    public void SweepResponseBands_ClipToTheRange_AndLeaveAnUnknownKpiRaw()
    {
        // Means and half-widths exact in binary, so the bounds compare exactly.
        var (low, high) = SweepCharts.Band("fill_rate", [0.75, 0.5], [0.5, 0.25]);
        Assert.Equal([0.25, 0.25], low);
        Assert.Equal([1.0, 0.75], high);

        (low, high) = SweepCharts.Band("exits_margin", [0.25], [0.5]);
        Assert.Equal([0.0], low);
        Assert.Equal([0.75], high);

        (low, high) = SweepCharts.Band("retired_kpi", [0.25], [0.5]);
        Assert.Equal([-0.25], low);
        Assert.Equal([0.75], high);
    }

    private static Kpi Catalogued(string name) => KpiCatalog.All[KpiCatalog.IndexOf(name)];

    private static string Render(params KpiSummary[] summaries)
    {
        var output = new StringWriter();
        KpiTable.Render(CliHarness.PlainConsole(output), new RunOutcome("ranges", "runs/ranges", 4, 1, summaries, TimeSpan.FromSeconds(1), 100, new WarmupDiagnosis()));
        return output.ToString();
    }
}
