using Simulation.Core.Network.Definitions;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network.Mechanisms;

/// <summary>
/// <see cref="ParameterTimeline{T}"/> as a step function, and a supplier's capacity per day read
/// through it (<see cref="NodeDefinition.CapacityPerDayChanges"/>): closed forms computed by hand.
/// </summary>
public sealed class ParameterTimelineTests
{
    private static readonly ParameterChange<double>[] HalvedFrom100To200 = [new(200, 10), new(100, 5)];

    [Fact]
    public void ValueAt_is_the_last_change_at_or_before_the_time()
    {
        var timeline = new ParameterTimeline<double>(10, HalvedFrom100To200);

        Assert.Equal(10, timeline.ValueAt(0));
        Assert.Equal(10, timeline.ValueAt(99.999));
        Assert.Equal(5, timeline.ValueAt(100));
        Assert.Equal(5, timeline.ValueAt(199.5));
        Assert.Equal(10, timeline.ValueAt(200));
        Assert.Equal(10, timeline.ValueAt(1e9));
        Assert.Equal([100.0, 200.0], timeline.Changes.Select(c => c.Day));
    }

    [Fact]
    public void NextChangeAfter_is_strictly_after_the_time()
    {
        var timeline = new ParameterTimeline<double>(10, HalvedFrom100To200);

        Assert.Equal(100, timeline.NextChangeAfter(0));
        Assert.Equal(200, timeline.NextChangeAfter(100));
        Assert.Equal(double.PositiveInfinity, timeline.NextChangeAfter(200));
        Assert.Equal(double.PositiveInfinity, new ParameterTimeline<bool>(true, []).NextChangeAfter(0));
    }

    [Fact]
    public void A_boolean_parameter_switches()
    {
        var timeline = new ParameterTimeline<bool>(false, [new(365, true)]);

        Assert.False(timeline.ValueAt(364));
        Assert.True(timeline.ValueAt(365));
    }

    [Fact]
    public void Two_changes_on_one_day_or_a_negative_day_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ParameterTimeline<double>(1, [new(5, 2), new(5, 3)]));
        Assert.Throws<ArgumentException>(() => new ParameterTimeline<double>(1, [new(-1, 2)]));
        Assert.Throws<ArgumentException>(() => new ParameterTimeline<double>(1, [new(double.NaN, 2)]));
    }

    /// <summary>
    /// One supplier making to order at 10 units a day, one buyer ordering 20 a day (the first order at
    /// t = 1), more than it can make, so from t = 1 the supplier runs flat out. Capacity halves to 5 at
    /// day 100 and recovers to 10 at day 200.
    /// Daily runs: work ordered on day 1 starts at its end, so the days ending 2..100 make 10 each (990),
    /// 101..200 make 5 (500), 201..300 make 10 (1,000): 2,490.
    /// Batches of 50 (output counted when a batch ends): batches of 20, 20, 40 end at t = 3, 5, 9, then
    /// 50s every 5 days up to t = 99; the one started at 99 has 10 done at 100 and its 40 left take 8
    /// days at 5 (t = 108), then 50s every 10 days to 198; the one started at 198 has 10 done at 200,
    /// 40 left at 10 a day end it at 204, then every 5 days to 299; the last has 10 done at the horizon,
    /// not yet output: 2,490 - 10 = 2,480.
    /// </summary>
    [Theory]
    [InlineData(double.PositiveInfinity, 2490)]
    [InlineData(50, 2480)]
    public void Capacity_that_halves_at_day_100_and_recovers_at_day_200_gives_the_closed_form(double batchSize, double expected)
    {
        var definition = new NetworkBuilder(300)
            .Supplier("mill", capacityPerDay: 10, configure: n => n with { BatchSize = batchSize, CapacityPerDayChanges = HalvedFrom100To200 })
            .Buyer("brand", DailyDemand(20), BaseStock(0), initialStock: 0, [From("mill")])
            .Build();

        var result = Run(definition);

        Assert.Equal(expected, result.Kpi("units_produced"), 9);
        Assert.Equal(5980, result.Kpi("demand_units")); // orders at t = 1..299: the run is [0, 300)
    }

    [Fact]
    public void Without_changes_the_capacity_is_constant()
    {
        var definition = new NetworkBuilder(300)
            .Supplier("mill", capacityPerDay: 10)
            .Buyer("brand", DailyDemand(20), BaseStock(0), initialStock: 0, [From("mill")])
            .Build();

        // Days ending 2..300 at 10 a day (see above).
        Assert.Equal(2990, Run(definition).Kpi("units_produced"), 9);
    }

    /// <summary>
    /// A change at day 0 is the supplier's capacity from the start: the run equals one defined with that
    /// capacity, its daily cost (fixed 5 + 20 x unit cost 2 = 45) and starting cash (2 days) included.
    /// </summary>
    [Fact]
    public void A_change_at_day_0_is_the_capacity_from_the_start_daily_cost_included()
    {
        NetworkDefinition Network(double capacity, ParameterChange<double>[] changes) => new NetworkBuilder(300)
            .Supplier("mill", capacityPerDay: capacity, configure: n => n with
            {
                CapacityPerDayChanges = changes,
                UnitCost = 2,
                FixedCostPerDay = 5,
                StartingCashDays = 2,
            })
            .Buyer("brand", DailyDemand(30), BaseStock(0), initialStock: 0, [From("mill")])
            .Build();

        var changed = Run(Network(10, [new(0, 20)]));
        var defined = Run(Network(20, []));
        Assert.True(defined.Kpi("mean_supplier_cash_days") > 0);

        foreach (string kpi in (string[])["units_produced", "mean_supplier_cash_days", "liquidity_stress_days", "total_cost"])
        {
            Assert.Equal(defined.Kpi(kpi), changed.Kpi(kpi), 9);
        }
    }

    [Fact]
    public void Changes_on_a_supplier_without_finite_capacity_are_refused()
    {
        var definition = new NetworkBuilder(300)
            .Supplier("mill", configure: n => n with { CapacityPerDayChanges = HalvedFrom100To200 })
            .Buyer("brand", DailyDemand(20), BaseStock(0), initialStock: 0, [From("mill")])
            .Build();

        var error = Assert.Throws<ArgumentException>(() => Run(definition));
        Assert.Contains("'mill' has capacity changes", error.Message);
    }
}
