using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Core.Randomness;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Optimization;

public sealed class DisruptionScenariosTests
{
    [Fact]
    public void ScenarioS_ReplaysTheDisruptionsOfSimulationReplicationS()
    {
        // Full-loss disruptions only: the time a supplier is down is exactly (1 - availability) x window,
        // and the simulation's disrupted days of replication s measure the same time.
        const double warmup = 50;
        const double horizon = 1000;
        var definition = new Network.NetworkBuilder(horizon, warmup)
            .Region("q")
            .Supplier("a", region: "q", capacityPerDay: 100)
            .Supplier("b", region: "q", capacityPerDay: 100)
            .Supplier("c", capacityPerDay: 100)
            .Buyer("buyer", DailyDemand(10), BaseStock(30), initialStock: 30, [From("a", 0.4), From("b", 0.3), From("c", 0.3)])
            .Disruption("own-a", "a", Distribution.Exponential(120), Distribution.Exponential(8))
            .Disruption("flood", "q", Distribution.Exponential(200), Distribution.Lognormal(2, 0.5), scope: DisruptionScope.Region)
            .Disruption("own-c", "c", Distribution.Exponential(90), Distribution.Exponential(15))
            .Build();

        var availability = DisruptionScenarios.Sample(definition, ["a", "b", "c"], 4, definition.Seed);

        for (int s = 0; s < 4; s++)
        {
            var suppliers = Network.NetworkBuilder.Run(definition, s).Suppliers;
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(suppliers[i].DisruptedDays, (1 - availability[i][s]) * (horizon - warmup), 6);
            }
        }

        Assert.Contains(availability[0], a => a < 1);
    }

    [Fact]
    public void RegionEvents_HitEverySupplierOfTheRegionInTheSameScenarios()
    {
        var definition = new Network.NetworkBuilder(2000)
            .Region("q")
            .Supplier("a", region: "q")
            .Supplier("b", region: "q")
            .Supplier("c")
            .Disruption("flood", "q", Distribution.Exponential(300), Distribution.Exponential(20), capacityLost: 0.5, scope: DisruptionScope.Region)
            .Disruption("strike", "r", Distribution.Exponential(300), Distribution.Exponential(20), capacityLost: 0.5, scope: DisruptionScope.Region)
            .Build();

        var availability = DisruptionScenarios.Sample(definition, ["a", "b", "c"], 50, masterSeed: 9);
        var again = DisruptionScenarios.Sample(definition, ["a", "b", "c"], 50, masterSeed: 9);

        Assert.Equal(availability[0], availability[1]);
        Assert.NotEqual(availability[0], availability[2]);
        Assert.Equal(availability[2], again[2]);
        Assert.All(availability[0], a => Assert.InRange(a, 0.5, 1));
    }

    [Fact]
    public void OverlappingPartialLosses_Multiply_AsInTheSimulation()
    {
        // Up 1 day, down 2, twice over five days, losing 50% and 20% together: capacity 1 on [0, 1) and
        // [3, 4), 0.5 x 0.8 = 0.4 on [1, 3) and [4, 5): availability (1 + 0.8 + 1 + 0.4) / 5 = 0.64.
        var definition = new Network.NetworkBuilder(5)
            .Supplier("s1", capacityPerDay: 10)
            .Disruption("half", "s1", Distribution.Constant(1), Distribution.Constant(2), capacityLost: 0.5)
            .Disruption("fifth", "s1", Distribution.Constant(1), Distribution.Constant(2), capacityLost: 0.2)
            .Build();

        var availability = DisruptionScenarios.Sample(definition, ["s1"], 1, masterSeed: 1);

        Assert.Equal(0.64, availability[0][0], 12);
    }
}
