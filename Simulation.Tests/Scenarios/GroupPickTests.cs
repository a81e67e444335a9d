using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary><c>pick: k</c> on a group source: k members per sourcing node, least-used first, ties from a keyed stream.</summary>
public sealed class GroupPickTests : IDisposable
{
    // g-1 .. g-4 each pick 3 of the 10 members of h; the buyer picks 2 of g. u is unrelated.
    private const string Scenario = """
        name: t
        horizon_days: 100
        seed: 42
        regions:
          - id: r1
        products:
          - id: raw
          - id: good
            inputs: [{product: raw, quantity_per_unit: 2}]
        buyers:
          - id: b1
            region: r1
            product: good
            demand: {quantity: 10}
            sources: [{group: g, share: 1, pick: 2}]
        supplier_groups:
          - id: g
            count: 4
            tier: 1
            region: r1
            product: good
            capacity_per_day: 100
            inputs:
              - product: raw
                sources: [{group: h, share: 1, pick: 3}]
          - {id: h, count: 10, tier: 2, region: r1, product: raw, capacity_per_day: 10}
          - {id: u, count: 3, tier: 2, region: r1, product: raw, capacity_per_day: 10}

        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static NodeDefinition Node(ScenarioLoadResult result, string id) => result.Definition!.Nodes.Single(n => n.Id == id);

    private static string[][] PicksOfG(ScenarioLoadResult result) =>
        [.. result.Definition!.Nodes.Where(n => n.Group == "g").Select(m => m.Inputs[0].Sources.Select(s => s.SupplierId).ToArray())];

    /// <summary>The first node to pick from a group sees no use yet: its k members are the first k of a Fisher-Yates shuffle of the stream (node id, "pick:" + group).</summary>
    private static string[] FirstPick(ulong seed, string nodeId, string group, int size, int count)
    {
        RandomStream stream = new StreamFactory(seed).Create(nodeId, "pick:" + group);
        int[] order = [.. Enumerable.Range(0, size)];
        for (int i = size - 1; i > 0; i--)
        {
            int j = stream.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        string width = size >= 10 ? "D2" : "D1";
        return [.. order.Take(count).Order().Select(m => group + "-" + (m + 1).ToString(width, System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public void Pick_LinksKMembers_EachWithShareOverK()
    {
        ScenarioLoadResult result = _folder.Load(Scenario);

        Assert.Empty(result.Errors);
        IReadOnlyList<SourceLink> buyer = Node(result, "b1").Stock.Sources;
        Assert.Equal(2, buyer.Count);
        Assert.All(buyer, s => Assert.Equal(0.5, s.Share));
        string[][] picks = PicksOfG(result);
        Assert.Equal(4, picks.Length);
        Assert.All(picks, p => Assert.Equal(3, p.Distinct().Count()));
        Assert.All(result.Definition!.Nodes.Where(n => n.Group == "g").SelectMany(m => m.Inputs[0].Sources), s => Assert.Equal(1.0 / 3, s.Share, 12));
        Assert.Equal(2 + (4 * 3), result.Definition.Nodes.Sum(n => n.Stock.Sources.Count + n.Inputs.Sum(i => i.Sources.Count)));
    }

    [Fact]
    public void Pick_SpreadsTheLoad_EveryMemberGetsOneOrTwoOfTheTwelvePicks()
    {
        ScenarioLoadResult result = _folder.Load(Scenario);

        var uses = PicksOfG(result).SelectMany(p => p).CountBy(id => id).ToDictionary();
        Assert.Equal(10, uses.Count);
        Assert.All(uses.Values, n => Assert.InRange(n, 1, 2));
        Assert.Equal(12, uses.Values.Sum());
    }

    [Fact]
    public void FirstPickers_TakeTheDrawsOfTheirKeyedStreams()
    {
        ScenarioLoadResult result = _folder.Load(Scenario);

        Assert.Equal(FirstPick(42, "b1", "g", 4, 2), Node(result, "b1").Stock.Sources.Select(s => s.SupplierId));
        Assert.Equal(FirstPick(42, "g-1", "h", 10, 3), PicksOfG(result)[0]);
    }

    [Fact]
    public void Picks_AreFixedByTheSeed_AndStableWhenAnUnrelatedGroupChanges()
    {
        string[][] picks = PicksOfG(_folder.Load(Scenario));
        string unrelatedChanged = Scenario.Replace("{id: u, count: 3, tier: 2, region: r1, product: raw, capacity_per_day: 10}", "{id: u, count: 7, tier: 2, region: r1, product: raw, capacity_per_day: 55}", StringComparison.Ordinal);
        string otherSeed = Scenario.Replace("seed: 42", "seed: 43", StringComparison.Ordinal);

        Assert.Equal(picks, PicksOfG(_folder.Load(Scenario)));
        Assert.Equal(picks, PicksOfG(_folder.Load(unrelatedChanged)));
        Assert.NotEqual(picks, PicksOfG(_folder.Load(otherSeed)));
    }

    [Fact]
    public void PickAboveTheGroupSize_IsReportedOnceAtTheValue()
    {
        ScenarioLoadResult result = _folder.Load(Scenario.Replace("pick: 3", "pick: 11", StringComparison.Ordinal));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((25, 46), (error.Line, error.Column));
        Assert.Equal("pick must be at most the size of group 'h' (10), got 11", error.Message);
    }

    [Fact]
    public void PickBelowOne_IsARangeError()
    {
        ScenarioLoadResult result = _folder.Load(Scenario.Replace("pick: 2", "pick: 0", StringComparison.Ordinal));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((15, 42), (error.Line, error.Column));
        Assert.Equal("pick must be >= 1, got 0", error.Message);
    }

    [Fact]
    public void PickOnASupplierSource_IsAnError()
    {
        string scenario = Scenario.Replace("sources: [{group: g, share: 1, pick: 2}]", "sources: [{supplier: g-1, share: 1, pick: 2}]", StringComparison.Ordinal);

        ScenarioLoadResult result = _folder.Load(scenario);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(15, error.Line);
        Assert.Equal("'pick' does not apply to a single supplier (only to {group: ..., pick: k})", error.Message);
    }

    [Fact]
    public void Apparel_LinksEachFactoryToTenMills_AndEveryMillAndSpinnerHasCustomers()
    {
        ScenarioLoadResult result = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", "apparel-bangladesh.yaml"));

        Assert.Empty(result.Errors);
        IReadOnlyList<NodeDefinition> nodes = result.Definition!.Nodes;
        IEnumerable<StockDefinition> stocks = nodes.SelectMany(n => n.Inputs.Prepend(n.Stock));
        Assert.All(nodes.Where(n => n.Tier == 1), f => Assert.Equal(10, f.Inputs[0].Sources.Count));

        // brands 51 + 51 + 39; 51 factories x 10 mills; 60 Bangladeshi mills x 18 and 25 Indian mills x 9 spinners.
        Assert.Equal(141 + 510 + 1080 + 225, stocks.Sum(s => s.Sources.Count));
        Assert.All(stocks.Where(s => s.Sources.Count > 0), s => Assert.Equal(1, s.Sources.Sum(l => l.Share), 9));
        var customers = stocks.SelectMany(s => s.Sources).Select(l => l.SupplierId).ToHashSet();
        Assert.All(nodes.Where(n => n.Role == NodeRole.Supplier), s => Assert.Contains(s.Id, customers));
    }
}
