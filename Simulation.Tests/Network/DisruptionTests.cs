using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Statistics;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

public sealed class DisruptionTests
{
    [Fact]
    public void UpDownProcess_HasTheLongRunAvailabilityOfTheAlternatingRenewalTheorem()
    {
        // Up ~ exponential(mean 90), down ~ exponential(mean 10): availability 90 / (90 + 10) = 0.9.
        const int replications = 30;
        const double warmup = 100;
        const double horizon = 3750;
        var definition = new NetworkBuilder(horizon, warmup)
            .Supplier("s1", capacityPerDay: 1000)
            .Buyer("b1", DailyDemand(10), BaseStock(30), initialStock: 30, [From("s1")])
            .Disruption("d1", "s1", Distribution.Exponential(90), Distribution.Exponential(10))
            .Build();

        var unavailability = new double[replications];
        for (int r = 0; r < replications; r++)
        {
            unavailability[r] = Run(definition, r).Kpi("disrupted_supplier_days") / (horizon - warmup);
        }

        var summary = Summary.Of(unavailability);
        var (low, high) = Summary.ConfidenceInterval(summary.Mean, summary.StandardDeviation, replications, 0.99);
        Assert.InRange(0.1, low, high);
        Assert.InRange(summary.Mean, 0.09, 0.11);
    }

    [Fact]
    public void DownTime_StopsProductionAndRetimesARunningBatch()
    {
        // 10 units ordered at t=0 from a supplier making 10/day in batches of 10 (one day). A full
        // disruption from t=0.5 to t=1.5 pauses the batch half-way: it ends at t=2, not t=1, just as
        // the next disruption (t = 2 to 3) begins.
        var definition = new NetworkBuilder(3)
            .Supplier("s1", capacityPerDay: 10, configure: n => n with { BatchSize = 10 })
            .Buyer("b1", demand: null, Fixed(10, reviewDays: 1000), initialStock: 0, [From("s1")])
            .Disruption("d1", "s1", Distribution.Constant(0.5), Distribution.Constant(1))
            .Build();

        var result = Run(definition, options: new NetworkRunOptions { TimeSeriesEveryDays = 0.5 });

        Assert.Equal([0.0, 0.5, 1, 1.5, 2, 2.5, 3], result.Daily.Days);
        Assert.Equal([0.0, 0, 0, 0, 10, 10, 10], result.Daily.Column("buyer_on_hand").ToArray());
        // The second disruption would end at t = 3, the horizon: the run is [0, 3), so it is still on.
        Assert.Equal([0.0, 1, 1, 0, 1, 1, 1], result.Daily.Column("disrupted_suppliers").ToArray());
        Assert.Equal(2, result.Suppliers[0].DisruptedDays, 12);
    }

    [Fact]
    public void PartialLosses_OfOverlappingDisruptionsMultiply()
    {
        // Two disruptions on s1, losing 50% and 20%, both up for 1 day and down for 2: active together over
        // [1, 3) and again from t = 4, when capacity is 10 * 0.5 * 0.8 = 4/day. A region-wide one on
        // region "q" (another supplier's) does not touch s1.
        var definition = new NetworkBuilder(5)
            .Region("q")
            .Supplier("s1", capacityPerDay: 10)
            .Supplier("s2", capacityPerDay: 10, region: "q")
            .Buyer("b1", demand: null, Fixed(100, reviewDays: 1000), initialStock: 0, [From("s1")])
            .Disruption("half", "s1", Distribution.Constant(1), Distribution.Constant(2), capacityLost: 0.5)
            .Disruption("fifth", "s1", Distribution.Constant(1), Distribution.Constant(2), capacityLost: 0.2)
            .Disruption("flood", "q", Distribution.Constant(0), Distribution.Constant(100), scope: DisruptionScope.Region)
            .Build();

        var result = Run(definition);

        // Made on day 1: 10, days 2 and 3: 4 each, day 4: 10, day 5: 4; day 5's units are output at the
        // day end at the horizon and would arrive at t = 5, outside the run [0, 5).
        Assert.Equal([0.0, 10, 14, 18, 28, 28], result.Daily.Column("buyer_on_hand").ToArray());
        Assert.Equal(3, result.Suppliers[0].DisruptedDays, 12);
        Assert.Equal(5, result.Suppliers[1].DisruptedDays, 12);
    }

    [Fact]
    public void RegionDisruption_HitsEverySupplierInTheRegionAtOnce()
    {
        var definition = new NetworkBuilder(400)
            .Region("q")
            .Supplier("a", region: "q", capacityPerDay: 10)
            .Supplier("b", region: "q", capacityPerDay: 10)
            .Supplier("c", capacityPerDay: 10)
            .Disruption("flood", "q", Distribution.Exponential(30), Distribution.Exponential(5), scope: DisruptionScope.Region)
            .Build();

        var result = Run(definition);

        Assert.True(result.Suppliers[0].DisruptedDays > 0);
        Assert.Equal(result.Suppliers[0].DisruptedDays, result.Suppliers[1].DisruptedDays);
        Assert.Equal(0, result.Suppliers[2].DisruptedDays);
    }

    [Fact]
    public void AddingAnUnrelatedSupplier_DoesNotMoveAnotherSuppliersDisruptions()
    {
        var baseline = new NetworkBuilder(1000)
            .Supplier("s1", capacityPerDay: 50)
            .Buyer("b1", DailyDemand(Distribution.Normal(20, 5)), BaseStock(60), initialStock: 60, [From("s1")])
            .Disruption("d-s1", "s1", Distribution.Exponential(40), Distribution.Exponential(5));
        var a = baseline.Build();
        var b = baseline
            .Supplier("s9", capacityPerDay: 50, tier: 2)
            .Disruption("d-s9", "s9", Distribution.Exponential(20), Distribution.Exponential(8))
            .Build();

        for (int r = 0; r < 3; r++)
        {
            var inA = Run(a, r).Suppliers[0];
            var inB = Run(b, r).Suppliers[0];
            Assert.True(inA.DisruptedDays > 0);
            Assert.Equal(inA.DisruptedDays, inB.DisruptedDays);
        }
    }

    [Fact]
    public void DisruptionAtTier2_PropagatesShortagesToTheBuyer()
    {
        // buyer <- t1 <- t2 <- t3, each supplier making to order and holding input stock under a daily
        // base-stock policy. t2 is down for 60 days from day 200: t1 runs out of input, and the buyer
        // stocks out, although neither of them is disrupted.
        static NetworkDefinition Build(bool disrupted)
        {
            var builder = new NetworkBuilder(400, warmupDays: 50)
                .Supplier("t3", product: "fibre", tier: 3, capacityPerDay: 200, leadTimeDays: 2)
                .Supplier("t2", product: "yarn", tier: 2, capacityPerDay: 150, leadTimeDays: 2,
                    inputs: Input("fibre", BaseStock(500), 500, From("t3")))
                .Supplier("t1", product: "cloth", tier: 1, capacityPerDay: 150, leadTimeDays: 2,
                    inputs: Input("yarn", BaseStock(500), 500, From("t2")))
                .Buyer("b1", DailyDemand(Distribution.Normal(100, 10)), BaseStock(600), initialStock: 600, [From("t1")], product: "cloth");
            if (disrupted)
            {
                builder.Disruption("strike", "t2", Distribution.Constant(200), Distribution.Constant(60));
            }

            return builder.Build();
        }

        var calm = Run(Build(disrupted: false));
        var hit = Run(Build(disrupted: true));

        Assert.True(calm.Kpi("fill_rate") > 0.99, $"undisrupted fill rate {calm.Kpi("fill_rate")}");
        Assert.True(hit.Kpi("fill_rate") < calm.Kpi("fill_rate") - 0.05, $"fill rate {hit.Kpi("fill_rate")} vs {calm.Kpi("fill_rate")}");
        Assert.True(hit.Kpi("backorder_unit_days") > calm.Kpi("backorder_unit_days"));
        Assert.Equal(60, hit.Kpi("disrupted_supplier_days"), 9);
        Assert.Equal(1, hit.Daily.Column("disrupted_suppliers")[230]);
        Assert.Equal(0, hit.Daily.Column("disrupted_suppliers")[270]);
    }
}
