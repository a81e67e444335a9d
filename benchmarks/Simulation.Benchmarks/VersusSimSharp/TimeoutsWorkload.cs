using Simulation.Benchmarks.Kernel;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;
using Sharp = SimSharp;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// The event queue: <c>processes</c> processes share <c>totalTimeouts</c> exponential(1) pauses, each
/// looping on one. The run includes starting the processes, so at 100,000 processes it is also the cost
/// of many live processes and a deep queue. Each process draws from its own stream: Sim#'s ticks put
/// near-simultaneous resumptions in another order now and then, and a shared stream would then hand
/// the draws out differently. Output: the end time.
/// </summary>
internal sealed class TimeoutsWorkload(int processes, int totalTimeouts) : SideBySideWorkload
{
    private const ulong Seed = 20261201;

    public override string Name => $"timeouts {processes}p";

    public override Func<RunOutcome> PrepareOurs()
    {
        var simulator = new Simulator();
        for (int i = 0; i < processes; i++)
        {
            simulator.Start(Loop(simulator, new RandomStream(Seed + (ulong)i), totalTimeouts / processes));
        }

        return () =>
        {
            simulator.Run();
            return new RunOutcome(simulator.ProcessedCount, "end time", simulator.Now);
        };
    }

    public override Func<RunOutcome> PrepareSimSharp()
    {
        var environment = new Sharp.Simulation();
        for (int i = 0; i < processes; i++)
        {
            environment.Process(Loop(environment, new RandomStream(Seed + (ulong)i), totalTimeouts / processes));
        }

        return () =>
        {
            environment.Run();
            return new RunOutcome(environment.ProcessedEvents, "end time", environment.NowD);
        };
    }

    private static IEnumerable<Step> Loop(Simulator simulator, RandomStream random, int timeouts)
    {
        for (int i = 0; i < timeouts; i++)
        {
            yield return simulator.Delay(random.NextExponential(1.0));
        }
    }

    private static IEnumerable<Sharp.Event> Loop(Sharp.Simulation environment, RandomStream random, int timeouts)
    {
        for (int i = 0; i < timeouts; i++)
        {
            yield return environment.TimeoutD(random.NextExponential(1.0));
        }
    }
}
