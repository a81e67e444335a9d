using System.Text.RegularExpressions;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Outputs;

/// <summary>Short runs of the shipped scenarios, a comparison and a sweep, each with its page, for the browser tests.</summary>
public sealed class PageRunsFixture : IAsyncLifetime
{
    public string Root { get; } = CliHarness.TempFolder();

    public string Folder(string name) => Path.Combine(Root, name);

    public async Task InitializeAsync()
    {
        string Scenario(string file) => ReadmeExampleTests.RepoFile("scenarios/" + file);
        await Run("run", Scenario("quickstart.yaml"), "--replications", "2", "--set", "horizon_days=200", "-o", Folder("quickstart"), "-q");
        await Run("run", Scenario("smart-mix.yaml"), "--replications", "2", "-o", Folder("smart-mix"), "-q");
        await Run("run", Scenario("apparel-bangladesh.yaml"), "--replications", "2", "--set", "horizon_days=200", "-o", Folder("apparel"), "-q");
        await Run("compare", Scenario("quickstart.yaml"), "--replications", "3", "--set", "horizon_days=150",
            "--variant", "more-capacity", "--set", "suppliers[cmt-01].capacity_per_day=900", "-o", Folder("compare"), "-q");
        string design = Path.Combine(Root, "grid.yaml");
        await File.WriteAllTextAsync(design, $"""
            name: grid
            scenario: {Scenario("quickstart.yaml")}
            set: [horizon_days=120]
            design: grid
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                values: [500, 900]
              - path: buyers[brand-a].payment_terms_days
                values: [30, 60]
            replications: 1
            kpis: [fill_rate, total_cost]
            seed: 3
            """);
        await Run("sweep", design, "-o", Folder("sweep"), "-q");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task Run(params string[] args)
    {
        var (code, _, error) = await CliHarness.RunAsync(args);
        Assert.True(code == 0, $"sim {string.Join(' ', args)}: {error}");
    }
}

/// <summary>
/// Pages in headless Chromium at 1280x800: the headline fits the first screen of the shipped
/// scenarios' reports, the network view draws one shape per node or group, and the compare and sweep
/// pages render without script errors or any network request.
/// </summary>
public sealed partial class PageBrowserTests(PageRunsFixture runs) : IClassFixture<PageRunsFixture>
{
    /// <summary>Appended to a copy of a page: after load, where the headline is, what the network view drew, what was fetched.</summary>
    private const string Probe = """
        <script>
        window.addEventListener('error', e => document.documentElement.setAttribute('data-error', String(e.message)));
        window.addEventListener('load', () => {
          const h = document.getElementById('headline');
          const r = h ? h.getBoundingClientRect() : null;
          // The first screen is 1280 x 800 CSS pixels of page (the window is taller, for headless Chromium's frame).
          const visible = r && r.top >= 0 && r.left >= 0 && r.bottom <= 800 && r.right <= 1280 && r.height > 0;
          const shapes = Array.from(document.querySelectorAll('#network-view .node circle')).filter(c => c.getBoundingClientRect().width > 0).length;
          const fetched = performance.getEntriesByType('resource').length;
          document.body.setAttribute('data-probe', 'headline=' + (h ? (visible ? 'visible' : 'cut ' + JSON.stringify(r)) : 'none') + ' width=' + window.innerWidth + ' shapes=' + shapes + ' fetched=' + fetched);
        });
        </script>
        """;

    [Theory]
    [InlineData("quickstart")]
    [InlineData("smart-mix")]
    [InlineData("apparel")]
    public void Headline_IsFullyVisibleInTheFirstViewport_AndTheNetworkViewDrawsEveryNode(string run)
    {
        string folder = runs.Folder(run);
        var probe = Load(Path.Combine(folder, "report.html"));
        int nodes = Simulation.Scenarios.Reporting.RunPresentation.Read(folder).Nodes.Count;
        Assert.True(nodes > 0);
        Assert.Equal($"headline=visible width=1280 shapes={nodes} fetched=0", probe);
    }

    [Theory]
    [InlineData("compare", "comparison")]
    [InlineData("sweep", "heatmap-fill_rate")]
    public void ExperimentPages_RenderWithoutErrorsOrNetworkRequests(string run, string expected)
    {
        string page = Path.Combine(runs.Folder(run), "report.html");
        Assert.Contains(expected, File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Equal("headline=none width=1280 shapes=0 fetched=0", Load(page));
    }

    [Fact]
    public async Task SimReport_RedrawsCompareAndSweepPages()
    {
        foreach (string run in new[] { "compare", "sweep" })
        {
            string page = Path.Combine(runs.Folder(run), "report.html");
            string before = File.ReadAllText(page);
            File.Delete(page);
            var (code, output, error) = await CliHarness.RunAsync("report", runs.Folder(run), "--quiet");
            Assert.True(code == 0, error);
            Assert.Equal(page, output.Trim());
            Assert.Equal(before, File.ReadAllText(page));
        }
    }

    private static string Load(string page)
    {
        string chromium = ReportBrowserTests.Chromium.Find();
        string work = Path.Combine(Path.GetTempPath(), "sim-tests", "page-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string copy = Path.Combine(work, "page.html");
        File.WriteAllText(copy, File.ReadAllText(page).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        string dom = ReportBrowserTests.Chromium.DumpDom(chromium, copy, Path.Combine(work, "profile"), "1280,1000");
        Assert.DoesNotContain("data-error=", dom, StringComparison.Ordinal);
        var probe = ProbeResult().Match(dom);
        Assert.True(probe.Success, "the page did not finish loading; DOM starts: " + dom[..Math.Min(dom.Length, 300)]);
        return probe.Groups[1].Value;
    }

    [GeneratedRegex("data-probe=\"([^\"]*)\"")]
    private static partial Regex ProbeResult();
}
