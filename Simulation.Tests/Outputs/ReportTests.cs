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

    /// <summary>Charts of what quickstart does not model (it has no social section).</summary>
    private static readonly string[] SocialCharts =
    [
        "trajectory-open_violations", "trajectory-violations_arisen", "trajectory-worker_exposure_days", "trajectory-social_cost",
        "trajectory-mean_capability", "trajectory-grievances_filed", "distribution-open_violations",
    ];

    [Fact]
    public void Charts_AreWrittenAsSvg()
    {
        var names = ChartNames(run.Folder);
        Assert.Subset(names.ToHashSet(), ExpectedCharts.ToHashSet());
        foreach (string name in names)
        {
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
        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LeadsWithTheHeadline_WithVerdictsFromTheScenarioTargets()
    {
        string html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        int headline = html.IndexOf("id=\"headline\"", StringComparison.Ordinal);
        Assert.True(headline > 0 && headline < html.IndexOf("id=\"network\"", StringComparison.Ordinal));
        var cards = Card().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["fill_rate", "cost_per_unit", "co2e_kg_per_unit", "supplier_exits"], cards);
        Assert.Contains("Cost per unit (USD)", html, StringComparison.Ordinal);
        // quickstart.yaml sets three targets; its fourth headline KPI has none.
        Assert.Equal(3, Regex.Count(html, "class=\"verdict (met|at-risk|missed)\""));
        Assert.Single(Regex.Matches(html, "class=\"verdict none\""));
    }

    [Fact]
    public void Quickstart_WithoutASocialSection_ShowsNoSocialKpiOrChart()
    {
        string html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        var social = Simulation.Core.Network.KpiCatalog.All.Where(k => k.Group == Simulation.Core.Network.KpiGroup.Social).Select(k => k.Name)
            .Concat(["social_cost", "audit_cost", "programme_cost"]);
        foreach (string kpi in social)
        {
            Assert.DoesNotContain($"data-kpi=\"{kpi}\"", html, StringComparison.Ordinal);
        }

        Assert.Empty(ChartNames(run.Folder).Intersect(SocialCharts));
        Assert.DoesNotContain("social_compliance_index", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkView_HasOneShapePerNode()
    {
        string html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        var presentation = RunPresentation.Read(run.Folder);
        Assert.Equal(run.Scenario.Definition!.Nodes.Count, presentation.Nodes.Count);
        Assert.Equal(presentation.Nodes.Count, Regex.Count(html, "<g class=\"node\""));
        Assert.Contains("data-id=\"cmt-01\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkView_OfManyBuyers_GroupsThemLikeSuppliers()
    {
        // layered-200: 40 raw suppliers -> 20 manufacturers -> 28 distributors -> 112 retailers, one region,
        // every node sourcing from every node of the tier above: 140 buyers and distribution centres, more
        // than the view shows one by one, so they become one circle, and the 3,136 distributor-retailer
        // links (inside that circle) draw nothing.
        var loaded = Simulation.Scenarios.ScenarioLoader.Load(Simulation.Tests.Scenarios.RepositoryFiles.Path("benchmarks", "networks", "layered-200.yaml"), []);
        Assert.Empty(loaded.Errors);
        var presentation = RunPresentation.From(loaded.Definition!, ReportSettings.Default);

        Assert.True(presentation.Aggregated);
        Assert.Equal([("tier 2: raw", 40), ("tier 1: manufacturers", 20), ("tier 0: world", 140)], presentation.Nodes.OrderByDescending(n => n.Tier).Select(n => (n.Id, n.Members)));
        var links = presentation.Links.OrderByDescending(l => l.From, StringComparer.Ordinal).ToArray();
        Assert.Equal([("tier 2: raw", "tier 1: manufacturers"), ("tier 1: manufacturers", "tier 0: world")], links.Select(l => (l.From, l.To)));

        // Each manufacturer splits its raw material over the 40 suppliers, each distributor over the 20 manufacturers.
        Assert.Equal(20, links[0].Share, 6);
        Assert.Equal(28, links[1].Share, 6);
    }

    [Fact]
    public async Task SimReport_ReRendersFromParquetAndManifestAlone()
    {
        string copy = CliHarness.TempFolder();
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(run.Folder, "*.parquet").Append(Path.Combine(run.Folder, "manifest.json")).Append(Path.Combine(run.Folder, RunPresentation.FileName)))
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
    public async Task SimReport_OnADamagedParquetFile_ExitsWithCode2_NamingIt_AndKeepsTheReport()
    {
        string copy = CliHarness.TempFolder();
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(run.Folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        // Its first page header overwritten: the decoder fails inside Parquet.Net's Thrift reader.
        string summary = Path.Combine(copy, "summary.parquet");
        byte[] bytes = File.ReadAllBytes(summary);
        Array.Fill(bytes, (byte)0xFF, 4, 32);
        File.WriteAllBytes(summary, bytes);
        byte[] report = File.ReadAllBytes(Path.Combine(copy, "report.html"));

        var (code, _, error) = await CliHarness.RunAsync("report", copy, "--quiet");

        Assert.Equal(2, code);
        Assert.StartsWith($"error: '{summary}' is not a readable Parquet file: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal(report, File.ReadAllBytes(Path.Combine(copy, "report.html")));
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
        [.. Directory.GetFiles(Path.Combine(folder, "charts"), "*.svg").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    [GeneratedRegex("""<div class="card" data-kpi="([^"]+)" """)]
    private static partial Regex Card();

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""(?:src|href)="([^"#][^"]*)""")]
    private static partial Regex Source();
}
