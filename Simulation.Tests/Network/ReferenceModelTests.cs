using Simulation.Core.Network;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Network;

/// <summary>
/// Small deterministic models, as a user would build them in this format and in a reference supply-chain
/// tool, with every comparable figure computed by hand (the computations are in the comments of each
/// file under <c>Network/Reference/</c>). They pin the time conventions of docs/model.md: the first
/// customer order at t = 0, the half-open horizon and measured period, holding cost and mean stock as
/// exact time integrals, and demand before arrivals before reviews at one instant.
/// </summary>
public sealed class ReferenceModelTests
{
    [Fact]
    public void RqOneBuyer_MatchesTheHandComputation()
    {
        var (result, nodes) = Run("rq-one-buyer.yaml");

        AssertKpis(result, new()
        {
            ["demand_units"] = 200, ["customer_orders"] = 20, ["delivered_units"] = 200, ["customer_orders_delivered"] = 20,
            ["customer_units_received"] = 200, ["fill_rate"] = 1, ["otif"] = 1, ["lost_sales_units"] = 0,
            ["replenishment_orders"] = 4, ["replenishment_orders_received"] = 4, ["replenishment_units_received"] = 200,
            ["mean_order_lead_time_days"] = 2, ["purchase_cost"] = 2000, ["logistics_cost"] = 320, ["holding_cost"] = 300,
            ["total_cost"] = 2620, ["revenue"] = 5000, ["gross_profit"] = 2380, ["stockout_days"] = 0,
        });
        AssertNode(nodes["shop"], endOnHand: 40, meanOnHand: 30, ordersPlaced: 4, unitsOrdered: 200, ordersReceived: 4, unitsReceived: 200,
            holding: 300, transport: 320, purchase: 2000, revenue: 5000, customerOrders: 20, unitsSold: 200, lost: 0, fillRate: 1);
        AssertNode(nodes["plant"], endOnHand: 0, meanOnHand: 0, ordersPlaced: 0, unitsOrdered: 0, ordersReceived: 0, unitsReceived: 0,
            holding: 0, transport: 0, purchase: 0, revenue: 2000, customerOrders: 4, unitsSold: 200, lost: 0, fillRate: 1);
    }

    [Fact]
    public void SsTwoBuyers_MatchesTheHandComputation()
    {
        var (result, nodes) = Run("ss-two-buyers.yaml");

        AssertKpis(result, new()
        {
            ["demand_units"] = 264, ["customer_orders"] = 36, ["delivered_units"] = 264, ["customer_orders_delivered"] = 36,
            ["customer_units_received"] = 264, ["fill_rate"] = 1, ["otif"] = 1,
            ["replenishment_orders"] = 7, ["replenishment_orders_received"] = 7, ["replenishment_units_received"] = 240,
            ["mean_order_lead_time_days"] = 2, ["purchase_cost"] = 960, ["logistics_cost"] = 75, ["holding_cost"] = 708,
            ["total_cost"] = 1743, ["revenue"] = 2376, ["gross_profit"] = 633, ["stockout_days"] = 3,
        });
        AssertNode(nodes["north"], endOnHand: 18, meanOnHand: 19.5, ordersPlaced: 4, unitsOrdered: 120, ordersReceived: 4, unitsReceived: 120,
            holding: 468, transport: 60, purchase: 480, revenue: 1296, customerOrders: 24, unitsSold: 144, lost: 0, fillRate: 1);
        AssertNode(nodes["south"], endOnHand: 30, meanOnHand: 20, ordersPlaced: 3, unitsOrdered: 120, ordersReceived: 3, unitsReceived: 120,
            holding: 240, transport: 15, purchase: 480, revenue: 1080, customerOrders: 12, unitsSold: 120, lost: 0, fillRate: 1);
        AssertNode(nodes["plant"], endOnHand: 0, meanOnHand: 0, ordersPlaced: 0, unitsOrdered: 0, ordersReceived: 0, unitsReceived: 0,
            holding: 0, transport: 0, purchase: 0, revenue: 960, customerOrders: 7, unitsSold: 240, lost: 0, fillRate: 1);
    }

    [Fact]
    public void FixedQuantityLostSales_MatchesTheHandComputation_OverTheMeasuredPeriod()
    {
        var (result, nodes) = Run("fixed-quantity-lost-sales.yaml");

        AssertKpis(result, new()
        {
            ["demand_units"] = 105, ["customer_orders"] = 21, ["delivered_units"] = 90, ["customer_orders_delivered"] = 18,
            ["customer_units_received"] = 90, ["fill_rate"] = 90.0 / 105, ["otif"] = 17.0 / 21, ["lost_sales_units"] = 15,
            ["lost_sales_value"] = 90, ["replenishment_orders"] = 3, ["replenishment_orders_received"] = 3,
            ["replenishment_units_received"] = 90, ["mean_order_lead_time_days"] = 4, ["purchase_cost"] = 180,
            ["logistics_cost"] = 48, ["holding_cost"] = 31.5, ["total_cost"] = 259.5, ["revenue"] = 540,
            ["gross_profit"] = 280.5, ["stockout_days"] = 3,
        });
        AssertNode(nodes["shop"], endOnHand: 20, meanOnHand: 15, ordersPlaced: 3, unitsOrdered: 90, ordersReceived: 3, unitsReceived: 90,
            holding: 31.5, transport: 48, purchase: 180, revenue: 540, customerOrders: 21, unitsSold: 90, lost: 15, fillRate: 90.0 / 105);
        AssertNode(nodes["mill"], endOnHand: 0, meanOnHand: 0, ordersPlaced: 0, unitsOrdered: 0, ordersReceived: 0, unitsReceived: 0,
            holding: 0, transport: 0, purchase: 0, revenue: 180, customerOrders: 3, unitsSold: 90, lost: 0, fillRate: 1);
    }

    private static (NetworkRunResult Result, Dictionary<string, NodeOutcome> Nodes) Run(string file)
    {
        ScenarioLoadResult scenario = ScenarioLoader.Load(RepositoryFiles.Path("Simulation.Tests", "Network", "Reference", file));
        Assert.Empty(scenario.Errors);
        NetworkRunResult result = NetworkBuilder.Run(scenario.Definition!);
        return (result, result.Nodes.ToDictionary(n => n.Id));
    }

    private static void AssertKpis(NetworkRunResult result, Dictionary<string, double> expected)
    {
        // Every figure at once, so a failure lists all the differences, as a side-by-side check would.
        string[] differences =
        [
            .. expected
                .Where(e => Math.Abs(result.Kpi(e.Key) - e.Value) > 1e-9)
                .Select(e => $"{e.Key}: expected {e.Value}, got {result.Kpi(e.Key)}"),
        ];
        Assert.Empty(differences);
    }

    private static void AssertNode(
        NodeOutcome node, double endOnHand, double meanOnHand, long ordersPlaced, double unitsOrdered, long ordersReceived, double unitsReceived,
        double holding, double transport, double purchase, double revenue, long customerOrders, double unitsSold, double lost, double fillRate)
    {
        var expected = new NodeOutcome(
            node.Id, node.Role, node.Tier, node.RegionId, endOnHand, meanOnHand, ordersPlaced, unitsOrdered, ordersReceived, unitsReceived,
            holding, transport, purchase, revenue, customerOrders, unitsSold, lost, fillRate);
        Assert.Equal(expected, node with
        {
            MeanOnHand = Math.Round(node.MeanOnHand, 9),
            HoldingCost = Math.Round(node.HoldingCost, 9),
            FillRate = Math.Round(node.FillRate, 12) == Math.Round(fillRate, 12) ? fillRate : node.FillRate,
        });
    }
}
