using System.Text.RegularExpressions;
using Simulation.Scenarios.Reporting;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>Charts and report.html: complete, self-contained, and re-renderable from the Parquet files alone.</summary>
[Collection(SharedOutputRun.Name)]
public sealed partial class ReportTests(OutputRunFixture run)
{
    private static readonly string[] ExpectedCharts =
    [
        "trajectory-fill_rate", "trajectory-cost", "trajectory-co2e_kg", "trajectory-active_suppliers",
        "trajectory-suppliers_in_stress", "cost-breakdown", "exits", "distribution-fill_rate", "distribution-total_cost",
    ];

    [Fact]
    public void Charts_AreWrittenAsPngAndSvg()
    {
        var names = ChartNames(run.Folder);
        Assert.Subset(names.ToHashSet(), ExpectedCharts.ToHashSet());
        foreach (string name in names)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(run.Folder, "charts", name + ".png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            string svg = File.ReadAllText(Path.Combine(run.Folder, "charts", name + ".svg"));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg.TrimEnd(), StringComparison.Ordinal);
        }

        ChartFonts.AssertAllSans(Path.Combine(run.Folder, "charts"));
    }

    [Fact]
    public void Report_IsSelfContained_AndReferencesEveryChart()
    {
        string html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));

        Assert.DoesNotMatch(ExternalReference(), html);
        foreach (Match src in Source().Matches(html))
        {
            Assert.StartsWith("data:", src.Groups[1].Value, StringComparison.Ordinal);
        }

        foreach (string name in ChartNames(run.Folder))
        {
            Assert.Contains($"data-chart=\"{name}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(ChartNames(run.Folder).Length, Regex.Count(html, "<figure "));
        Assert.Contains("quickstart", html, StringComparison.Ordinal);
        Assert.Contains(run.Scenario.ScenarioHash, html, StringComparison.Ordinal);
        Assert.Contains("fill_rate", html, StringComparison.Ordinal);
        Assert.Contains("95% CI", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimReport_ReRendersFromParquetAndManifestAlone()
    {
        string copy = CliHarness.TempFolder();
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(run.Folder, "*.parquet").Append(Path.Combine(run.Folder, "manifest.json")))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var (code, output, error) = await CliHarness.RunAsync("report", copy, "--quiet");

        Assert.True(code == 0, error);
        Assert.Equal(Path.Combine(copy, "report.html"), output.Trim());
        Assert.Equal(ChartNames(run.Folder), ChartNames(copy));
        Assert.Empty(Directory.GetDirectories(copy, ".report-partial-*"));
    }

    [Fact]
    public async Task SimReport_OnAFolderThatIsNotARun_ExitsWithCode2()
    {
        string empty = CliHarness.TempFolder();
        Directory.CreateDirectory(empty);
        var (code, _, error) = await CliHarness.RunAsync("report", empty);
        Assert.Equal(2, code);
        Assert.Contains("manifest.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrajectoryPlan_PutsHeadlinesFirst_GroupsTiers_AndKeepsNewMetrics()
    {
        string[] columns = ["replication", "day", "date", "demand_units", "open_violations", "x_tier_2", "fill_rate", "x_tier_1", "living_wage_gap", "active_suppliers_tier_1", "active_suppliers_tier_2"];
        var plan = TrajectoryCharts.Plan(columns);
        Assert.Equal(["fill_rate", "active_suppliers", "open_violations", "demand_units", "x", "living_wage_gap"], plan.Select(p => p.Key));
        Assert.Equal(["x_tier_2", "x_tier_1"], plan.Single(p => p.Key == "x").Metrics);
    }

    internal static string[] ChartNames(string folder) =>
        [.. Directory.GetFiles(Path.Combine(folder, "charts"), "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""(?:src|href)="([^"#][^"]*)""")]
    private static partial Regex Source();
}
