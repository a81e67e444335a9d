using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// A network of 2,000 generated suppliers linked all-to-all between echelons loads completely. (Its load
/// time is measured by hand and reported, never asserted with a timer.)
/// </summary>
public sealed class LargeNetworkTests : IDisposable
{
    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TwoThousandNodes_AllToAllBetweenEchelons_LoadWithEveryLink()
    {
        const string yaml = """
            name: large
            horizon_days: 365
            regions: [{id: r}]
            products:
              - id: p3
              - {id: p2, inputs: [{product: p3, quantity_per_unit: 1}]}
              - {id: p1, inputs: [{product: p2, quantity_per_unit: 1}]}
            buyers:
              - {id: b, region: r, product: p1, demand: {quantity: 10}, sources: [{group: t1, share: 1}]}
            supplier_groups:
              - id: t1
                count: 869
                tier: 1
                region: r
                product: p1
                capacity_per_day: {dist: uniform, min: 10, max: 20}
                inputs: [{product: p2, policy: {type: min_max, reorder_point: 10, order_up_to: 50}, sources: [{group: t2, share: 1}]}]
              - id: t2
                count: 262
                tier: 2
                region: r
                product: p2
                capacity_per_day: {dist: uniform, min: 10, max: 20}
                inputs: [{product: p3, sources: [{group: t3, share: 1}]}]
              - {id: t3, count: 869, tier: 3, region: r, product: p3, capacity_per_day: .inf}
            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(2001, result.Definition!.Nodes.Count);
        long links = result.Definition.Nodes.Sum(n => (long)n.Stock.Sources.Count + n.Inputs.Sum(i => i.Sources.Count));
        Assert.Equal(869 + (869 * 262) + (262 * 869), links);
        Assert.Equal(1.0 / 262, result.Definition.Nodes.Single(n => n.Id == "t1-001").Inputs[0].Sources[0].Share, 15);
    }
}
