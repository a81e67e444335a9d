using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// One buyer ordering daily from one make-to-order supplier for 40,000 days, at lead time 0 and 1:
/// with nothing in transit most of the time, a run at lead time 0 must cost what one at lead time 1
/// costs (the arrival calendar answers "nothing pending" at once instead of scanning to the horizon).
/// </summary>
[Config(typeof(NetworkBenchmarkConfig))]
public class ZeroLeadTimeBenchmark
{
    private NetworkDefinition _definition = null!;

    /// <summary>Lead time of the one link, in days.</summary>
    [Params(0, 1)]
    public int LeadTimeDays { get; set; }

    [GlobalSetup]
    public void Build() => _definition = new NetworkDefinition
    {
        Name = "zero-lead",
        HorizonDays = 40_000,
        Regions = [new RegionDefinition { Id = "r" }],
        Products = [new ProductDefinition { Id = "p" }],
        Nodes =
        [
            new NodeDefinition
            {
                Id = "factory",
                Role = NodeRole.Supplier,
                Tier = 1,
                RegionId = "r",
                ProductId = "p",
                Stock = new StockDefinition { ProductId = "p" },
                CapacityPerDay = double.PositiveInfinity,
                LeadTimeDays = Distribution.Constant(LeadTimeDays),
                Price = 1,
            },
            new NodeDefinition
            {
                Id = "shop",
                Role = NodeRole.Buyer,
                RegionId = "r",
                ProductId = "p",
                Stock = new StockDefinition
                {
                    ProductId = "p",
                    InitialStock = 10,
                    Policy = new InventoryPolicy { Kind = InventoryPolicyKind.BaseStock, ReviewPeriodDays = 1, OrderUpTo = 10 },
                    Sources = [new SourceLink { SupplierId = "factory", Share = 1 }],
                },
                Demand = new DemandDefinition { Quantity = Distribution.Constant(1), InterarrivalDays = Distribution.Constant(1) },
            },
        ],
    };

    [Benchmark]
    public RunOutcome Run40000Days() => FirstReplication.Run(_definition, masterSeed: 1);
}
