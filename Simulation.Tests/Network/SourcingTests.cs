using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

/// <summary>How a stock spreads its orders over its sources: split by share, or whole to one source drawn by share.</summary>
public sealed class SourcingTests
{
    [Fact]
    public void OnePerOrder_PlacesEachOrderWhole_AndMatchesTheSharesOnAverage()
    {
        // b1 orders 10 units at t = 0, 1, ..., 3999 (fixed quantity, R = 1; the run is [0, 4000)) from s1 (share 0.3) and s2
        // (0.7), both instantaneous. Each order goes whole to one of them, so each makes a multiple of
        // 10; the number of orders s1 gets is Binomial(n, 0.3): its fraction of the units lies within
        // 4 standard deviations, sqrt(0.3 * 0.7 / n) ~ 0.0072, of 0.3.
        var definition = TwoSources(SourcingMode.OnePerOrder);

        var result = Run(definition);

        double s1 = result.Suppliers[0].UnitsProduced;
        double s2 = result.Suppliers[1].UnitsProduced;
        double orders = (s1 + s2) / 10;
        Assert.Equal(4000, orders, 9);
        Assert.Equal(0, s1 % 10, 9);
        Assert.Equal(0, s2 % 10, 9);
        double sd = Math.Sqrt(0.3 * 0.7 / orders);
        Assert.InRange(s1 / (s1 + s2), 0.3 - (4 * sd), 0.3 + (4 * sd));
        Assert.Equal(result.Suppliers[0].UnitsProduced, Run(definition).Suppliers[0].UnitsProduced);
    }

    [Fact]
    public void Split_SendsEveryOrderToEverySourceByShare()
    {
        var result = Run(TwoSources(SourcingMode.Split));

        Assert.Equal(0.3 * 40_000, result.Suppliers[0].UnitsProduced, 6);
        Assert.Equal(0.7 * 40_000, result.Suppliers[1].UnitsProduced, 6);
    }

    [Fact]
    public void Loader_ReadsSourcing_DefaultsToSplit_AndRejectsUnknownModes()
    {
        using var folder = new ScenarioFolder();

        ScenarioLoadResult result = folder.Load(ScenarioFolder.Minimal, "buyers[b1].sourcing=one_per_order");
        ScenarioLoadResult bad = folder.Load(ScenarioFolder.Minimal, "buyers[b1].sourcing=cheapest");

        Assert.Empty(result.Errors);
        var nodes = result.Definition!.Nodes;
        Assert.Equal(SourcingMode.OnePerOrder, nodes.Single(n => n.Id == "b1").Stock.Sourcing);
        Assert.Equal(SourcingMode.Split, nodes.Single(n => n.Id == "s1").Inputs[0].Sourcing);
        var error = Assert.Single(bad.Errors);
        Assert.Contains("sourcing", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("one_per_order", error.ToString(), StringComparison.Ordinal);
    }

    private static NetworkDefinition TwoSources(SourcingMode mode) =>
        new NetworkBuilder(4000)
            .Supplier("s1")
            .Supplier("s2")
            .Node(new NodeDefinition
            {
                Id = "b1",
                Role = NodeRole.Buyer,
                RegionId = "r",
                ProductId = "p",
                Stock = new StockDefinition
                {
                    ProductId = "p",
                    Policy = Fixed(10, reviewDays: 1),
                    Sources = [From("s1", 0.3), From("s2", 0.7)],
                    Sourcing = mode,
                },
            })
            .Build();
}
