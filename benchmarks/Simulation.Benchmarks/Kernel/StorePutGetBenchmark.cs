using BenchmarkDotNet.Attributes;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// The cost of put / get through a bounded <see cref="Store{T}"/> and a <see cref="FilterStore{T}"/>:
/// 10 producers put an item after an exponential(1) gap, 10 consumers take one and hold it for an
/// exponential(1) time, 30,000 items per process, through a store of capacity 20 (so both puts and gets
/// wait at times). The filter store's consumers each take only items of their own parity.
/// </summary>
/// <remarks>Measured: <c>Run()</c> only; the iteration setup builds the model and starts the processes.</remarks>
[Config(typeof(KernelBenchmarkConfig))]
public class StorePutGetBenchmark
{
    private const int Processes = 10;
    private const int Capacity = 20;
    private const int ItemsPerProcess = 30_000;

    private Simulator _simulator = null!;
    private Func<int> _count = null!;
    private long _eventsBeforeRun;

    [IterationSetup(Target = nameof(Store))]
    public void BuildStore()
    {
        var simulator = new Simulator();
        var store = new Store<int>(simulator, Capacity);
        Start(simulator, put: store.Put, get: _ => store.Get());
        _count = () => store.Count;
    }

    [IterationSetup(Target = nameof(FilterStore))]
    public void BuildFilterStore()
    {
        var simulator = new Simulator();
        var store = new FilterStore<int>(simulator, Capacity);
        Predicate<int>[] byParity = [item => item % 2 == 0, item => item % 2 == 1];
        Start(simulator, put: store.Put, get: consumer => store.Get(byParity[consumer % 2]));
        _count = () => store.Count;
    }

    [Benchmark]
    public RunOutcome Store() => RunToEnd();

    [Benchmark]
    public RunOutcome FilterStore() => RunToEnd();

    private RunOutcome RunToEnd()
    {
        _simulator.Run();
        return new RunOutcome(_simulator.ProcessedCount - _eventsBeforeRun, "items left", _count());
    }

    private void Start(Simulator simulator, Func<int, Event> put, Func<int, Event> get)
    {
        var random = new RandomStream(7);
        for (int p = 0; p < Processes; p++)
        {
            simulator.Start(Producer(simulator, put, random, p));
            simulator.Start(Consumer(simulator, get, random, p));
        }

        _simulator = simulator;
        _eventsBeforeRun = simulator.ProcessedCount;
    }

    private static IEnumerable<Step> Producer(Simulator simulator, Func<int, Event> put, RandomStream random, int producer)
    {
        for (int i = 0; i < ItemsPerProcess; i++)
        {
            yield return simulator.Delay(random.NextExponential(1.0));
            yield return put(producer);
        }
    }

    private static IEnumerable<Step> Consumer(Simulator simulator, Func<int, Event> get, RandomStream random, int consumer)
    {
        for (int i = 0; i < ItemsPerProcess; i++)
        {
            yield return get(consumer);
            yield return simulator.Delay(random.NextExponential(1.0));
        }
    }
}
