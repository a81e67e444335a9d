using Simulation.Benchmarks.Kernel;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;
using Sharp = SimSharp;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// Producer / consumer through a bounded store: 10 producers put an item after an exponential(1) gap,
/// 10 consumers take one and hold it for an exponential(1) time, through a store of capacity 20, so
/// both puts and gets wait at times. Each process draws from its own stream (see
/// <see cref="TimeoutsWorkload"/>). Output: the sum of the item numbers taken (each producer numbers
/// its items), which shows every item went through.
/// </summary>
internal sealed class StoreWorkload(int itemsPerProducer) : SideBySideWorkload
{
    private const int Producers = 10;
    private const int Capacity = 20;
    private const ulong Seed = 7;

    public override string Name => $"store 10x{itemsPerProducer / 1000}k";

    public override Func<RunOutcome> PrepareOurs()
    {
        var simulator = new Simulator();
        var store = new Store<int>(simulator, Capacity);
        double taken = 0;
        for (int p = 0; p < Producers; p++)
        {
            simulator.Start(Producer(new RandomStream(Seed + (ulong)p)));
            simulator.Start(Consumer(new RandomStream(Seed + Producers + (ulong)p)));
        }

        return () =>
        {
            simulator.Run();
            return new RunOutcome(simulator.ProcessedCount, "sum of items taken", taken);
        };

        IEnumerable<Step> Producer(RandomStream random)
        {
            for (int i = 0; i < itemsPerProducer; i++)
            {
                yield return simulator.Delay(random.NextExponential(1.0));
                yield return store.Put(i);
            }
        }

        IEnumerable<Step> Consumer(RandomStream random)
        {
            for (int i = 0; i < itemsPerProducer; i++)
            {
                var get = store.Get();
                yield return get;
                taken += get.Item;
                yield return simulator.Delay(random.NextExponential(1.0));
            }
        }
    }

    public override Func<RunOutcome> PrepareSimSharp()
    {
        var environment = new Sharp.Simulation();
        var store = new Sharp.Store(environment, Capacity);
        double taken = 0;
        for (int p = 0; p < Producers; p++)
        {
            environment.Process(Producer(new RandomStream(Seed + (ulong)p)));
            environment.Process(Consumer(new RandomStream(Seed + Producers + (ulong)p)));
        }

        return () =>
        {
            environment.Run();
            return new RunOutcome(environment.ProcessedEvents, "sum of items taken", taken);
        };

        IEnumerable<Sharp.Event> Producer(RandomStream random)
        {
            for (int i = 0; i < itemsPerProducer; i++)
            {
                yield return environment.TimeoutD(random.NextExponential(1.0));
                yield return store.Put(i);
            }
        }

        IEnumerable<Sharp.Event> Consumer(RandomStream random)
        {
            for (int i = 0; i < itemsPerProducer; i++)
            {
                var get = store.Get();
                yield return get;
                taken += (int)get.Value;
                yield return environment.TimeoutD(random.NextExponential(1.0));
            }
        }
    }
}
