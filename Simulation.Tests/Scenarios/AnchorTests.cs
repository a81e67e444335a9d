using System.Text.RegularExpressions;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Anchors and aliases: an anchored node is read once and shared by its aliases, yet a change through one
/// place (<c>--set</c>, <c>extends</c>) reaches only that place, and the resolved scenario keeps the alias.
/// </summary>
public sealed partial class AnchorTests : IDisposable
{
    /// <summary>Buyers b1 and b2 share one demand mapping and one source list.</summary>
    private static readonly string Shared = ScenarioFolder.Minimal.Replace(
        """
          - id: b1
            region: r1
            product: good
            demand: {quantity: 10}
            sources: [{supplier: s1, share: 1}]
        """,
        """
          - id: b1
            region: r1
            product: good
            demand: &demand {quantity: 10}
            sources: &sources [{supplier: s1, share: 1}]
          - id: b2
            region: r1
            product: good
            demand: *demand
            sources: *sources
        """,
        StringComparison.Ordinal);

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static double DemandOf(ScenarioLoadResult result, string id) =>
        result.Definition!.Nodes.Single(n => n.Id == id).Demand!.Quantity.Mean;

    [Fact]
    public void Override_ThroughOneAlias_ChangesOnlyThatPlace()
    {
        ScenarioLoadResult result = _folder.Load(Shared, "buyers[b2].demand.quantity=25");

        Assert.Empty(result.Errors);
        Assert.Equal(10, DemandOf(result, "b1"));
        Assert.Equal(25, DemandOf(result, "b2"));
    }

    [Fact]
    public void Override_OfAnItemOfASharedList_ChangesOnlyThatPlace()
    {
        string scenario = Shared.Replace("sources: &sources [{supplier: s1, share: 1}]", "sources: &sources [{supplier: s1, share: 1, transport_cost_per_order: 2}]", StringComparison.Ordinal);

        ScenarioLoadResult result = _folder.Load(scenario, "buyers[b1].sources[s1].transport_cost_per_order=7");

        Assert.Empty(result.Errors);
        Assert.Contains("transport_cost_per_order: 7", result.ResolvedYaml, StringComparison.Ordinal);
        Assert.Contains("transport_cost_per_order: 2", result.ResolvedYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_MergingIntoOneAlias_LeavesTheOtherPlaceAsTheBaseWroteIt()
    {
        _folder.Write("base.yaml", Shared);

        ScenarioLoadResult result = _folder.Load("extends: base.yaml\nbuyers:\n  - {id: b1, demand: {quantity: 40}}\n");

        Assert.Empty(result.Errors);
        Assert.Equal(40, DemandOf(result, "b1"));
        Assert.Equal(10, DemandOf(result, "b2"));
    }

    [Fact]
    public void ResolvedScenario_WritesASharedListOnce_AndReadsBackToTheSameScenario()
    {
        // 200 buyers on one anchored source list: written out in full the list would appear 200 times.
        string buyers = string.Concat(Enumerable.Range(3, 199).Select(i =>
            $"  - {{id: b{i}, region: r1, product: good, demand: *demand, sources: *sources}}\n"));
        string scenario = Shared.Replace("suppliers:\n", buyers + "suppliers:\n", StringComparison.Ordinal);

        ScenarioLoadResult result = _folder.Load(scenario);

        Assert.Empty(result.Errors);
        Assert.Equal(201, result.Definition!.Nodes.Count(n => n.Demand is not null));
        Assert.Equal(1, SupplierS1().Count(result.ResolvedYaml));
        Assert.Equal(200, Alias().Count(result.ResolvedYaml));
        ScenarioLoadResult again = ScenarioLoader.Load(_folder.Write("resolved.yaml", result.ResolvedYaml));
        Assert.Empty(again.Errors);
        Assert.Equal(result.ResolvedYaml, again.ResolvedYaml);
        Assert.Equal(result.ScenarioHash, again.ScenarioHash);
    }

    [Fact]
    public void ResolvedScenario_GivesTwoNodesThatReusedOneAnchorNameDistinctNames()
    {
        _folder.Write("base.yaml", Shared);

        // The variant's own &demand names another mapping, used twice in the variant.
        ScenarioLoadResult result = _folder.Load("""
            extends: base.yaml
            buyers:
              - {id: b3, region: r1, product: good, demand: &demand {quantity: 5}, sources: [{supplier: s1, share: 1}]}
              - {id: b4, region: r1, product: good, demand: *demand, sources: [{supplier: s1, share: 1}]}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(5, DemandOf(result, "b4"));
        Assert.Contains("&demand ", result.ResolvedYaml, StringComparison.Ordinal);
        Assert.Contains("&demand-2 ", result.ResolvedYaml, StringComparison.Ordinal);
        ScenarioLoadResult again = ScenarioLoader.Load(_folder.Write("resolved.yaml", result.ResolvedYaml));
        Assert.Equal(result.ResolvedYaml, again.ResolvedYaml);
        Assert.Equal(10, DemandOf(again, "b2"));
        Assert.Equal(5, DemandOf(again, "b4"));
    }

    [Fact]
    public void SharedSourceList_GivesEveryCustomerTheSameLinks()
    {
        string scenario = SharingSources(
            "[{supplier: s1, share: 0.25}, {supplier: s3, share: 0.75, transport_cost_per_order: 3}]",
            "suppliers:\n  - {id: s3, tier: 1, region: r1, product: good, capacity_per_day: 50, inputs: [{product: raw, sources: [{supplier: s2, share: 1}]}]}\n");

        ScenarioLoadResult result = _folder.Load(scenario);

        Assert.Empty(result.Errors);
        foreach (string buyer in new[] { "b1", "b2" })
        {
            var links = result.Definition!.Nodes.Single(n => n.Id == buyer).Stock.Sources;
            Assert.Equal([("s1", 0.25, 0.0), ("s3", 0.75, 3.0)], links.Select(l => (l.SupplierId, l.Share, l.TransportCostPerOrder)));
        }
    }

    [Fact]
    public void SharedSourceList_NamingOneOfItsCustomers_IsReportedForThatCustomerOnly()
    {
        // b1 expands the list first, without error; dc1 uses the same list and would source from itself.
        string scenario = SharingSources(
            "[{supplier: s1, share: 0.5}, {supplier: dc1, share: 0.5}]",
            "distribution_centres:\n  - {id: dc1, region: r1, product: good, sources: *sources}\nsuppliers:\n");

        ScenarioLoadResult result = _folder.Load(scenario);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("'dc1' cannot source from itself", error.Message);
    }

    /// <summary><see cref="Shared"/> with <paramref name="list"/> as the shared source list and the <c>suppliers:</c> line replaced.</summary>
    private static string SharingSources(string list, string suppliersLine) => Shared
        .Replace("sources: &sources [{supplier: s1, share: 1}]", "sources: &sources " + list, StringComparison.Ordinal)
        .Replace("suppliers:\n", suppliersLine, StringComparison.Ordinal);

    [GeneratedRegex(@"supplier: s1\b")]
    private static partial Regex SupplierS1();

    [GeneratedRegex(@"\*sources\b")]
    private static partial Regex Alias();
}
