using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Network;

public sealed class SteadyStateStartTests : IDisposable
{
    // brand (100 a day) <- s1 (region far, multiplier 1.5, link lead time 20) makes good from 0.5 raw
    // <- s2 (lead time 4). The buyer's and s1's input start at steady state.
    private const string Chain = """
        name: steady
        horizon_days: 100
        regions:
          - id: r
          - {id: far, lead_time_multiplier: 1.5}
        products:
          - id: raw
          - id: good
            inputs: [{product: raw, quantity_per_unit: 0.5}]
        buyers:
          - id: brand
            region: r
            product: good
            demand: [{quantity: 60}, {id: web, quantity: 80, interarrival_days: 2}]
            inventory: {initial: steady_state, policy: {type: base_stock, review_period_days: 7, order_up_to: 5000}}
            sources: [{supplier: s1, share: 1, lead_time_days: 20}]
        suppliers:
          - id: s1
            tier: 1
            region: far
            product: good
            capacity_per_day: 200
            inputs:
              - product: raw
                initial: steady_state
                policy: {type: min_max, reorder_point: 300, order_up_to: 900}
                sources: [{supplier: s2, share: 1, lead_time_days: 4}]
          - id: s2
            tier: 2
            region: r
            product: raw
            capacity_per_day: .inf
        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Chain_StartsAtThePolicyMeans_WithThePipelineFilledByLittlesLaw()
    {
        ScenarioLoadResult scenario = _folder.Load(Chain);
        Assert.Empty(scenario.Errors);

        var starts = SteadyStateStart.Compute(scenario.Definition!);

        // Buyer: d = 60 / 1 + 80 / 2 = 100 a day; L = 20 x 1.5 = 30; pipeline 100 x 30 = 3000;
        // mean position S - d R / 2 = 5000 - 350 = 4650; on hand 1650; ceil(30 / 7) = 5 shipments of 600
        // arriving at 3, 9, 15, 21, 27.
        var buyer = starts[(0, -1)];
        Assert.Equal(new StockStart(1650, 3000, 30, 5), buyer);
        Assert.Equal([3, 9, 15, 21, 27], Enumerable.Range(1, 5).Select(buyer.ArrivalDay));

        // s1's raw: d = 100 x 0.5 = 50 a day; L = 4 (s2 is in region r); pipeline 200; position
        // (300 + 900) / 2 = 600; on hand 400; cycle (900 - 300) / 50 = 12 > 4: one shipment at day 2.
        var raw = starts[(1, 0)];
        Assert.Equal(new StockStart(400, 200, 4, 1), raw);
        Assert.Equal(2, raw.ArrivalDay(1));
        Assert.Equal(2, starts.Count);
    }

    [Theory]
    [InlineData(InventoryPolicyKind.ReorderPointQuantity, 50.0, 0.0, 0.0, 120.0, 20.0, 3.0, 50.0, 60.0, 1)]   // r + Q/2 = 110, pipeline 60, cycle Q/d = 6
    [InlineData(InventoryPolicyKind.FixedQuantity, 0.0, 0.0, 7.0, 140.0, 20.0, 10.0, 70.0, 200.0, 2)]        // flow Q/R = 20, pipeline 200, on hand Q/2 = 70, ceil(10/7) = 2
    [InlineData(InventoryPolicyKind.MinMax, 100.0, 400.0, 0.0, 0.0, 50.0, 10.0, 0.0, 500.0, 2)]               // position 250 < pipeline 500: on hand 0; cycle 300/50 = 6
    public void Policy_MeanPositionLessPipeline(
        InventoryPolicyKind kind, double reorderPoint, double orderUpTo, double review, double quantity,
        double demandPerDay, double leadTime, double onHand, double pipeline, int shipments)
    {
        var stock = new StockDefinition
        {
            ProductId = "p",
            InitialSteadyState = true,
            Policy = new InventoryPolicy { Kind = kind, ReorderPoint = reorderPoint, OrderUpTo = orderUpTo, ReviewPeriodDays = review, OrderQuantity = quantity },
        };

        Assert.Equal(new StockStart(onHand, pipeline, leadTime, shipments), SteadyStateStart.Start(stock, demandPerDay, leadTime));
    }

    [Fact]
    public void OnHand_IsCappedAtTheCapacity()
    {
        var stock = new StockDefinition
        {
            ProductId = "p",
            Capacity = 100,
            Policy = new InventoryPolicy { Kind = InventoryPolicyKind.BaseStock, OrderUpTo = 500, ReviewPeriodDays = 1 },
        };

        Assert.Equal(100, SteadyStateStart.Start(stock, 10, 2).OnHand);
    }
}
