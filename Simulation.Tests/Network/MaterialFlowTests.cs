using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

/// <summary>
/// Deterministic traces computed by hand. Every case: one buyer, demand 10 units at the end of every
/// day (t = 1, 2, ...), one infinite-capacity raw supplier that makes to order (so it ships the moment
/// an order arrives). At equal times demand comes first, then arrivals, then reviews; holding cost is
/// the exact integral of the on hand over the run [0, last day + 1): day d's level (after its events)
/// counts over [d, d + 1), from the initial stock over [0, 1) to the last day's level.
/// </summary>
public sealed class MaterialFlowTests
{
    private static NetworkDefinition OneBuyer(
        InventoryPolicy policy,
        double initialStock,
        double leadTimeDays,
        double lastDay = 30,
        ShortagePolicy shortage = ShortagePolicy.Backorder) =>
        // The run is [0, lastDay + 1): its last events (demand, arrivals, reviews) are at t = lastDay.
        new NetworkBuilder(lastDay + 1)
            .Supplier("s1", leadTimeDays: leadTimeDays, configure: n => n with { Price = 2 })
            .Buyer("b1", DailyDemand(10, sellingPrice: 5), policy, initialStock, [From("s1")], shortage: shortage,
                configure: n => n with { HoldingCostPerUnitDay = 0.1 })
            .Build();

    [Fact]
    public void MinMax_ReviewedDaily_FollowsTheHandTrace()
    {
        // (s,S) = (30,100), L = 2, on hand 100. Day ends: 90 80 70 60 50 40 30 -> at t=7 the position 30 <= s:
        // order 70, which arrives at t=9 (after that day's demand). Day 8: 20, day 9: 10 + 70 = 80, and
        // from then a 7-day cycle 80 70 60 50 40 30 20 with orders at t = 7, 14, 21, 28 (arrivals 9, 16, 23, 30).
        // Day 30 ends at 80 (= 100 + 4*70 - 300). Holding: (90+...+30) = 420, day 8: 20,
        // days 9-29: 3 * 350 = 1050, day 30: 80, and the initial 100 over [0, 1): 1670 unit-days * 0.1 = 167.
        var result = Run(OneBuyer(MinMax(30, 100), initialStock: 100, leadTimeDays: 2));

        Assert.Equal(4, result.Kpi("replenishment_orders"));
        Assert.Equal(300, result.Kpi("demand_units"));
        Assert.Equal(300, result.Kpi("delivered_units"));
        Assert.Equal(1.0, result.Kpi("fill_rate"));
        Assert.Equal(280 * 2, result.Kpi("purchase_cost"), 9);
        Assert.Equal(167, result.Kpi("holding_cost"), 9);
        Assert.Equal(0, result.Kpi("stockout_days"));
        Assert.Equal(80, OnHandAtEnd(result));
        Assert.Equal(20, OnHandOnDay(result, 8));
        Assert.Equal(30, OnHandOnDay(result, 14));
    }

    [Fact]
    public void BaseStock_ReviewedDaily_ReplacesEachDaysDemand()
    {
        // S = 40, L = 2, on hand 40. t=0: position 40, no order. Each day t >= 1 the review orders the
        // day's 10 units, which arrive at t+2. Day ends: 30, 20, then 20 every day (10 left + 10 arriving).
        // Orders 30 (t = 1..30); received 28 * 10 = 280 (t = 3..30); end 40 + 280 - 300 = 20.
        // Holding 40 over [0, 1) + 30 + 20 + 28 * 20 = 650 unit-days * 0.1 = 65.
        var result = Run(OneBuyer(BaseStock(40), initialStock: 40, leadTimeDays: 2));

        Assert.Equal(30, result.Kpi("replenishment_orders"));
        Assert.Equal(280 * 2, result.Kpi("purchase_cost"), 9);
        Assert.Equal(65, result.Kpi("holding_cost"), 9);
        Assert.Equal(1.0, result.Kpi("fill_rate"));
        Assert.Equal(20, OnHandAtEnd(result));
    }

    [Fact]
    public void ReorderPointQuantity_ReviewedContinuously_OrdersWhenThePositionFallsToR()
    {
        // (r,Q) = (25,50), L = 2, on hand 60. Day ends 50 40 30 20: the demand at t=4 takes the position
        // to 20 <= 25, order 50 (arrives t=6). t=5: 10; t=6: demand takes the last 10, then 50 arrive.
        // A 5-day cycle 50 40 30 20 10 follows, orders at t = 4, 9, ..., 29 (6), arrivals at 6, ..., 26 (5).
        // End: 60 + 250 - 300 = 10. Holding 60 over [0, 1) + 150 + 5 * 150 = 960 * 0.1 = 96. No time with nothing on hand
        // (the stock hits 0 at t=6 and is refilled at the same instant).
        var result = Run(OneBuyer(ReorderPoint(25, 50), initialStock: 60, leadTimeDays: 2));

        Assert.Equal(6, result.Kpi("replenishment_orders"));
        Assert.Equal(250 * 2, result.Kpi("purchase_cost"), 9);
        Assert.Equal(96, result.Kpi("holding_cost"), 9);
        Assert.Equal(0, result.Kpi("stockout_days"));
        Assert.Equal(10, OnHandAtEnd(result));
    }

    [Fact]
    public void FixedQuantity_OrdersQEveryPeriodFromDayZero()
    {
        // Q = 30 every 3 days from t=0 (t = 0, 3, ..., 30: 11 orders), L = 1, on hand 20.
        // Arrivals at 1, 4, ..., 28 (10 * 30 = 300). Day ends cycle 40 30 20; day 30 ends at 20.
        // Holding 20 over [0, 1) + 10 * 90 = 920 * 0.1 = 92.
        var result = Run(OneBuyer(Fixed(30, reviewDays: 3), initialStock: 20, leadTimeDays: 1));

        Assert.Equal(11, result.Kpi("replenishment_orders"));
        Assert.Equal(300 * 2, result.Kpi("purchase_cost"), 9);
        Assert.Equal(92, result.Kpi("holding_cost"), 9);
        Assert.Equal(20, OnHandAtEnd(result));
    }

    [Fact]
    public void Backorders_AreFilledFirstWhenGoodsArrive()
    {
        // (s,S) = (10,40) daily, L = 3, on hand 40, 20 days. Days 1-4 met (40). The review at t=3 orders 30
        // (arrives t=6). t=5, t=6: 10 backordered each; the arrival at t=6 fills the 20 and leaves 10, and
        // the review orders 30 again. A 3-day cycle follows: met 10, then 2 days backordered; arrivals at
        // 6, 9, 12, 15, 18. Met on arrival 40 + 5 * 10 (t = 7, 10, 13, 16, 19) = 90 of 200: fill rate 0.45.
        // Delivered 90 + 5 * 20 = 190. Backorders 10 over [5,6), [8,9), [11,12), [14,15), [17,18), [20,21):
        // 60 unit-days. Nothing on hand over [4,6), [7,9), [10,12), [13,15), [16,18), [19,21): 12 days.
        var result = Run(OneBuyer(MinMax(10, 40), initialStock: 40, leadTimeDays: 3, lastDay: 20));

        Assert.Equal(200, result.Kpi("demand_units"));
        Assert.Equal(0.45, result.Kpi("fill_rate"), 12);
        Assert.Equal(190, result.Kpi("delivered_units"), 9);
        Assert.Equal(0, result.Kpi("lost_sales_units"));
        Assert.Equal(60, result.Kpi("backorder_unit_days"), 9);
        Assert.Equal(12, result.Kpi("stockout_days"), 9);
        Assert.Equal(6, result.Kpi("replenishment_orders"));
        Assert.Equal(10, BackordersAtEnd(result));
    }

    [Fact]
    public void LostSales_AreLostAndNotReplenished()
    {
        // Same as above with lost sales. t=5, 6 lost; the arrival at t=6 brings 30 (position 30 > s).
        // t=7: 20, t=8: 10 -> order (arrives t=11); t=9: 0; t=10, 11 lost; and so on: a 5-day cycle.
        // Met 40 + 3 * 30 = 130 of 200 (0.65); lost 70 (value 350 at price 5); orders at 3, 8, 13, 18;
        // nothing on hand over [4,6), [9,11), [14,16), [19,21): 8 days.
        var result = Run(OneBuyer(MinMax(10, 40), initialStock: 40, leadTimeDays: 3, lastDay: 20, shortage: ShortagePolicy.LostSales));

        Assert.Equal(0.65, result.Kpi("fill_rate"), 12);
        Assert.Equal(130, result.Kpi("delivered_units"), 9);
        Assert.Equal(70, result.Kpi("lost_sales_units"), 9);
        Assert.Equal(350, result.Kpi("lost_sales_value"), 9);
        Assert.Equal(0, result.Kpi("backorder_unit_days"));
        Assert.Equal(8, result.Kpi("stockout_days"), 9);
        Assert.Equal(4, result.Kpi("replenishment_orders"));
    }

    [Fact]
    public void Production_IsLimitedByCapacityAndByInputsPerTheBillOfMaterials()
    {
        // s1 makes "p" at 5 units/day from 2 units of "raw" each; it holds 20 "raw" and never reorders,
        // so it can make 10 units: one day's capacity by t=1 and another by t=2, then it starves.
        var definition = new NetworkBuilder(10)
            .Product("p", new BomLine("raw", 2))
            .Supplier("s1", capacityPerDay: 5, inputs: Input("raw", InventoryPolicy.None, 20))
            .Buyer("b1", demand: null, Fixed(100, reviewDays: 1000), initialStock: 0, [From("s1")])
            .Build();

        var result = Run(definition);

        Assert.Equal(10, result.Suppliers[0].UnitsProduced, 9);
        Assert.Equal(0, OnHandOnDay(result, 0));
        Assert.Equal(5, OnHandOnDay(result, 1), 9);
        Assert.Equal(10, OnHandOnDay(result, 2), 9);
        Assert.Equal(10, OnHandAtEnd(result), 9);
    }

    [Fact]
    public void Production_RunsInBatchesOfBatchSize()
    {
        // 16 units ordered at t=0, capacity 4/day, batches of 8: 8 units at t=2 and 8 at t=4.
        var definition = new NetworkBuilder(6)
            .Supplier("s1", capacityPerDay: 4, configure: n => n with { BatchSize = 8 })
            .Buyer("b1", demand: null, Fixed(16, reviewDays: 1000), initialStock: 0, [From("s1")])
            .Build();

        var result = Run(definition);

        Assert.Equal([0.0, 0, 8, 8, 16, 16, 16], result.Daily.Column("buyer_on_hand").ToArray());
    }

    [Fact]
    public void SourceShares_SplitOrdersAndTransportIsChargedPerShipment()
    {
        // BaseStock S = 10 daily with no initial stock: t=0 orders 10, split 30/70; then 10 a day, split alike.
        // Transport: 1 per shipment + 0.5 per unit, 0.2 kg CO2e per unit, on the link from s2 only.
        var s2Link = From("s2", 0.7) with { TransportCostPerOrder = 1, TransportCostPerUnit = 0.5, TransportCo2eKgPerUnit = 0.2 };
        var definition = new NetworkBuilder(5)
            .Supplier("s1", configure: n => n with { Co2eKgPerUnit = 1, WaterLPerUnit = 3 })
            .Supplier("s2")
            .Buyer("b1", DailyDemand(10), BaseStock(10), initialStock: 0, [From("s1", 0.3), s2Link])
            .Build();

        var result = Run(definition);

        // Orders at t = 0..4 (5 orders; the run is [0, 5)): s1 makes 5 * 3 = 15, s2 5 * 7 = 35.
        Assert.Equal(15, result.Suppliers[0].UnitsProduced, 9);
        Assert.Equal(35, result.Suppliers[1].UnitsProduced, 9);
        Assert.Equal((5 * 1) + (35 * 0.5), result.Kpi("logistics_cost"), 9);
        Assert.Equal((15 * 1) + (35 * 0.2), result.Kpi("co2e_kg"), 9);
        Assert.Equal(15 * 3, result.Kpi("water_l"), 9);
        Assert.Equal(50, result.Kpi("units_produced"), 9);
    }

    [Fact]
    public void LeadTimes_AreScaledByTheSupplierRegionsMultiplier()
    {
        // A link lead time of 2 days from a region with multiplier 1.5: the order at t=0 arrives at t=3.
        var definition = new NetworkBuilder(5)
            .Region("slow", leadTimeMultiplier: 1.5)
            .Supplier("s1", region: "slow")
            .Buyer("b1", demand: null, Fixed(10, reviewDays: 1000), initialStock: 0, [From("s1", leadTimeDays: 2)])
            .Build();

        var onHand = Run(definition).Daily.Column("buyer_on_hand").ToArray();

        Assert.Equal([0.0, 0, 0, 10, 10, 10], onHand);
    }

    [Fact]
    public void Seasonality_ScalesOrderSizesByOnePlusACosine()
    {
        // Amplitude 0.5, period 4, peak at day 0: factors at t = 1, 2, 3, 4 are 1, 0.5, 1, 1.5 (run [0, 5)).
        var demand = DailyDemand(10) with { SeasonalAmplitude = 0.5, SeasonalPeriodDays = 4, SeasonalPeakDay = 0 };
        var definition = new NetworkBuilder(5)
            .Supplier("s1")
            .Buyer("b1", demand, BaseStock(100), initialStock: 100, [From("s1")])
            .Build();

        var daily = Run(definition).Daily.Column("demand_units").ToArray();

        Assert.Equal(0, daily[0]);
        Assert.Equal(10, daily[1], 9);
        Assert.Equal(5, daily[2], 9);
        Assert.Equal(10, daily[3], 9);
        Assert.Equal(15, daily[4], 9);
    }

    [Fact]
    public void StockCapacity_CapsOrdersSoThePositionNeverExceedsIt()
    {
        var definition = new NetworkBuilder(3)
            .Supplier("s1")
            .Buyer("b1", demand: null, Fixed(100, reviewDays: 1), initialStock: 0, [From("s1")],
                configure: n => n with { Stock = n.Stock with { Capacity = 250 } })
            .Build();

        // t = 0 and t = 1 order 100 each; at t = 2 only 50 fits, at t = 3 nothing.
        Assert.Equal([100.0, 200, 250, 250], Run(definition).Daily.Column("buyer_on_hand").ToArray());
    }

    [Fact]
    public void NormalLeadTimes_AreDrawnPerShipmentAndNeverNegative()
    {
        var definition = new NetworkBuilder(200)
            .Supplier("s1", configure: n => n with { LeadTimeDays = Distribution.Normal(0.5, 2) })
            .Buyer("b1", DailyDemand(10), BaseStock(30), initialStock: 30, [From("s1")])
            .Build();

        var result = Run(definition);

        // Everything ordered up to the last few days has arrived and nothing arrived early.
        Assert.InRange(result.Kpi("purchase_cost"), 0, double.MaxValue);
        Assert.True(result.Kpi("delivered_units") > 1900);
    }

    [Fact]
    public void DistributionCentre_ServesBuyersAndBuysFromSuppliersOnTheBuyersAccount()
    {
        // b1 orders each day's 10 units from d1 (lead 0), which holds 100 under a continuous (s,S) =
        // (20,100) and buys from s1 (price 3, lead 1, d1's terms 10 days). d1 falls to 20 at t=8 and
        // orders 80, which arrive at t=9 (before b1's review): orders at t = 8 and 16, 160 units
        // received. The buyer side's purchase cost is 160 * 3; d1 has no price, so b1 buys for nothing.
        // s1 is paid 240 at the end of day 19 (delivery at 9 + 10); the second payment falls after day 20.
        var definition = new NetworkBuilder(20)
            .Supplier("s1", configure: n => n with { Price = 3 })
            .DistributionCentre("d1", MinMax(20, 100, reviewDays: 0), initialStock: 100, [From("s1", leadTimeDays: 1)],
                configure: n => n with { PaymentTermsDays = 10 })
            .Buyer("b1", DailyDemand(10), BaseStock(30), initialStock: 30, [From("d1")])
            .Build();

        var result = Run(definition);

        Assert.Equal(1.0, result.Kpi("fill_rate"));
        Assert.Equal(160 * 3, result.Kpi("purchase_cost"), 9);
        Assert.Equal(19, result.Kpi("replenishment_orders")); // b1's reviews at t = 1..19: the run is [0, 20)
        Assert.Equal(["s1", "d1"], result.Suppliers.Select(o => o.Id));
        Assert.Equal(240, result.Suppliers[0].FinalCash, 9);
        Assert.Equal(480, result.Suppliers[0].Revenue, 9);
        Assert.Equal(0, result.Suppliers[1].FinalCash);
        Assert.Equal(1, result.Kpi("active_suppliers"));
        Assert.All(result.Daily.Column("buyer_on_hand").ToArray()[1..], v => Assert.Equal(30, v));
    }

    internal static double OnHandOnDay(NetworkRunResult result, int day) =>
        result.Daily.Column("buyer_on_hand")[day];

    internal static double OnHandAtEnd(NetworkRunResult result) =>
        result.Daily.Column("buyer_on_hand")[^1];

    internal static double BackordersAtEnd(NetworkRunResult result) =>
        result.Daily.Column("buyer_backorders")[^1];
}
