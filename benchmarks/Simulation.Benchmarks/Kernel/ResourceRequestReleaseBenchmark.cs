using BenchmarkDotNet.Attributes;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// The steady-state cost, and allocation, of request / grant / hold / release: 100 processes loop on a
/// <see cref="Resource"/> of capacity 10, holding it for an exponential(1) time, for 1 million events
/// (one grant and one delay per cycle, 5,000 cycles per process).
/// </summary>
/// <remarks>
/// Measured: <c>Run()</c> only. The iteration setup creates the processes and fires their starts, so
/// every process has made its first request (10 granted, 90 waiting) and the waiting line, the queue
/// and the request pool have grown. From there requests are recycled by the resource's pool and the
/// run should allocate nothing: the B/event column should read 0.
/// </remarks>
[Config(typeof(KernelBenchmarkConfig))]
public class ResourceRequestReleaseBenchmark
{
    private const int Processes = 100;
    private const int Capacity = 10;
    private const int CyclesPerProcess = 5_000;

    private Simulator _simulator = null!;
    private Resource _resource = null!;
    private long _eventsBeforeRun;

    [IterationSetup]
    public void StartProcesses()
    {
        var simulator = new Simulator();
        var resource = new Resource(simulator, Capacity, "resource");
        var random = new RandomStream(7);
        for (int i = 0; i < Processes; i++)
        {
            simulator.Start(RequestHoldRelease(simulator, resource, random));
        }

        for (int i = 0; i < Processes; i++)
        {
            simulator.RunNext();
        }

        _simulator = simulator;
        _resource = resource;
        _eventsBeforeRun = simulator.ProcessedCount;
    }

    [Benchmark]
    public RunOutcome RunOneMillionEvents()
    {
        _simulator.Run();
        double utilisation = _resource.BusyUnitTime / (_simulator.Now * Capacity);
        return new RunOutcome(_simulator.ProcessedCount - _eventsBeforeRun, "utilisation", utilisation);
    }

    private static IEnumerable<Step> RequestHoldRelease(Simulator simulator, Resource resource, RandomStream random)
    {
        for (int i = 0; i < CyclesPerProcess; i++)
        {
            var request = resource.Request();
            yield return request;
            yield return simulator.Delay(random.NextExponential(1.0));
            resource.Release(request);
        }
    }
}
