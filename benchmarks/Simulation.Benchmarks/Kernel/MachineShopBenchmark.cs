using BenchmarkDotNet.Attributes;
using Simulation.Core.Engine;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// Interrupts and preemption in a realistic mix: SimPy's machine shop (<see cref="MachineShop"/>) with
/// 10 machines run for 3,650 simulated days (5,256,000 minutes).
/// </summary>
/// <remarks>
/// Measured: <c>Run(until)</c>, which includes the start of every process, as Sim#'s benchmark of the
/// same model does. The iteration setup builds the shop and starts its 21 processes. The model output
/// is the number of parts made.
/// </remarks>
[Config(typeof(KernelBenchmarkConfig))]
public class MachineShopBenchmark
{
    private const int Machines = 10;
    private const double Days = 3_650;
    private const double MinutesPerDay = 24 * 60;

    private MachineShop _shop = null!;

    [IterationSetup]
    public void BuildShop() => _shop = new MachineShop(new Simulator(), Machines, seed: 42);

    [Benchmark]
    public RunOutcome RunTenMachinesFor3650Days()
    {
        var simulator = _shop.Simulator;
        long before = simulator.ProcessedCount;
        simulator.Run(Days * MinutesPerDay);
        return new RunOutcome(simulator.ProcessedCount - before, "parts made", _shop.PartsMade);
    }
}
