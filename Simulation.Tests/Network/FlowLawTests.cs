using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Statistics;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

/// <summary>
/// Laws the new outputs must obey: Little's law at a capacity-limited supplier, measured from the
/// order events, and the bullwhip ratio of a serial chain of order-up-to policies without forecasts.
/// </summary>
public sealed class FlowLawTests
{
    private const int Replications = 20;

    [Fact]
    public void CapacityLimitedSupplier_ObeysLittlesLaw_FromTheOrderEvents()
    {
        // Customer orders of 10 arrive at exponential gaps (mean 1 day, first at t = 0); the buyer's
        // continuous base stock passes each on at once to s, which makes to order in batches of 10 at
        // 12 a day (utilisation 10 / 12) and ships with lead time 0. Units in process at s (ordered, not
        // yet shipped) are the buyer's units on order, sampled at every day's end: their mean L must equal
        // throughput x mean flow time, both from the order events (placed -> shipped) in [W, H).
        const double horizon = 2000;
        const double warmup = 200;
        var definition = new NetworkBuilder(horizon, warmupDays: warmup)
            .Supplier("s", capacityPerDay: 12, configure: n => n with { BatchSize = 10 })
            .Buyer("b", new DemandDefinition { Quantity = Distribution.Constant(10), InterarrivalDays = Distribution.Exponential(1) },
                BaseStock(0, reviewDays: 0), initialStock: 0, [From("s")])
            .Build();

        var differences = new double[Replications];
        for (int r = 0; r < Replications; r++)
        {
            var events = new List<OrderEvent>();
            double sampled = 0;
            int samples = 0;
            Run(definition, r, new NetworkRunOptions
            {
                OrderRecorder = events.Add,
                DayEndProbe = model =>
                {
                    if (model.Now > warmup)
                    {
                        sampled += model.OnOrderOf("b");
                        samples++;
                    }
                },
            });

            var placed = events.Where(e => e.Type == OrderEventTypes.Placed).ToDictionary(e => e.OrderId, e => e.Time);
            var shipped = events.Where(e => e.Type == OrderEventTypes.Shipped && e.Time >= warmup && e.Time < horizon).ToList();
            double units = shipped.Sum(e => e.Quantity);
            double throughput = units / (horizon - warmup);
            double flowTime = shipped.Sum(e => e.Quantity * (e.Time - placed[e.OrderId])) / units;
            Assert.InRange(throughput, 9, 11);
            differences[r] = (sampled / samples) - (throughput * flowTime);
        }

        var summary = Summary.Of(differences);
        var (low, high) = Summary.ConfidenceInterval(summary.Mean, summary.StandardDeviation, Replications, 0.99);
        Assert.InRange(0, low, high);
    }

    [Fact]
    public void SerialChainOfOrderUpToPolicies_WithoutForecasts_HasABullwhipRatioOfOne()
    {
        // buyer (weekly base stock) <- s1 (makes to order at once from raw, its raw stock on a weekly base
        // stock) <- s2. With a fixed order-up-to level and no forecast, each weekly order replaces the
        // week's demand (Chen, Drezner, Ryan and Simchi-Levi 2000: the bullwhip comes from forecasting;
        // with known demand the ratio is 1), so both tiers' weekly orders vary as weekly demand does.
        var definition = new NetworkBuilder(2198, warmupDays: 98)
            .Supplier("s2", product: "raw", tier: 2)
            .Supplier("s1", tier: 1, inputs: Input("raw", BaseStock(5000, reviewDays: 7), 5000, From("s2", leadTimeDays: 3)))
            .Buyer("b", DailyDemand(Distribution.Normal(100, 20)) with { FirstOrderDay = 0 }, BaseStock(3000, reviewDays: 7), initialStock: 3000,
                [From("s1", leadTimeDays: 5)])
            .Build();

        var tier1 = new double[Replications];
        var tier2 = new double[Replications];
        for (int r = 0; r < Replications; r++)
        {
            var result = Run(definition, r);
            Assert.Equal(1, result.Kpi("fill_rate"), 9);
            tier1[r] = result.Kpi("bullwhip_ratio_tier_1");
            tier2[r] = result.Kpi("bullwhip_ratio_tier_2");
        }

        foreach (double[] ratios in new[] { tier1, tier2 })
        {
            var summary = Summary.Of(ratios);
            var (low, high) = Summary.ConfidenceInterval(summary.Mean, summary.StandardDeviation, Replications, 0.99);
            Assert.InRange(1, low, high);
            Assert.InRange(summary.Mean, 0.9, 1.1);
        }
    }
}
