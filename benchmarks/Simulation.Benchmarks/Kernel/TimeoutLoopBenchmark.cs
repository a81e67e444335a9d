using BenchmarkDotNet.Attributes;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// The event queue under load: 10 million exponential(1) delays spread over 10, 1,000 or 100,000
/// processes, each looping <c>yield return sim.Delay(...)</c>. With many processes the queue is deep
/// and every pop and push walks it; with few it stays in cache.
/// </summary>
/// <remarks>
/// Measured: <c>Run()</c> only. The iteration setup creates the processes and fires their start
/// entries, so each process has scheduled its first delay and the queue has grown to its working
/// size; the run then fires the 10 M timeouts and the N process ends. Steady state should allocate
/// nothing.
/// </remarks>
[Config(typeof(KernelBenchmarkConfig))]
public class TimeoutLoopBenchmark
{
    private const int TotalTimeouts = 10_000_000;
    private const ulong Seed = 20261123;

    private Simulator _simulator = null!;
    private long _eventsBeforeRun;

    /// <summary>How many processes share the 10 M timeouts (each does 10 M / N).</summary>
    [Params(10, 1_000, 100_000)]
    public int Processes { get; set; }

    [IterationSetup]
    public void StartProcesses()
    {
        var simulator = new Simulator();
        var random = new RandomStream(Seed);
        int timeoutsPerProcess = TotalTimeouts / Processes;
        for (int i = 0; i < Processes; i++)
        {
            simulator.Start(TimeoutLoop(simulator, random, timeoutsPerProcess));
        }

        for (int i = 0; i < Processes; i++)
        {
            simulator.RunNext();
        }

        _simulator = simulator;
        _eventsBeforeRun = simulator.ProcessedCount;
    }

    [Benchmark]
    public RunOutcome RunTenMillionTimeouts()
    {
        _simulator.Run();
        return new RunOutcome(_simulator.ProcessedCount - _eventsBeforeRun, "end time", _simulator.Now);
    }

    private static IEnumerable<Step> TimeoutLoop(Simulator simulator, RandomStream random, int timeouts)
    {
        for (int i = 0; i < timeouts; i++)
        {
            yield return simulator.Delay(random.NextExponential(1.0));
        }
    }
}
