using Simulation.Benchmarks.Kernel;
using Simulation.Core.Engine;
using Sharp = SimSharp;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// Plain events with many waiters: a signaller succeeds a fresh event once per time unit, and 100
/// waiters each wait on the current one, round after round. Every round is one event created, one
/// succeeded and 100 process resumptions. Output: the resumptions counted by the waiters.
/// </summary>
internal sealed class SignalWorkload(int rounds) : SideBySideWorkload
{
    private const int Waiters = 100;

    public override string Name => $"events 100x{rounds / 1000}k";

    public override Func<RunOutcome> PrepareOurs()
    {
        var simulator = new Simulator();
        var current = new Event(simulator);
        double resumed = 0;
        simulator.Start(Signaller());
        for (int w = 0; w < Waiters; w++)
        {
            simulator.Start(Waiter());
        }

        return () =>
        {
            simulator.Run();
            return new RunOutcome(simulator.ProcessedCount, "waiter resumptions", resumed);
        };

        IEnumerable<Step> Signaller()
        {
            for (int r = 0; r < rounds; r++)
            {
                yield return simulator.Delay(1);
                var signal = current;
                current = new Event(simulator);
                signal.Succeed();
            }
        }

        IEnumerable<Step> Waiter()
        {
            for (int r = 0; r < rounds; r++)
            {
                yield return current;
                resumed++;
            }
        }
    }

    public override Func<RunOutcome> PrepareSimSharp()
    {
        var environment = new Sharp.Simulation();
        var current = new Sharp.Event(environment);
        double resumed = 0;
        environment.Process(Signaller());
        for (int w = 0; w < Waiters; w++)
        {
            environment.Process(Waiter());
        }

        return () =>
        {
            environment.Run();
            return new RunOutcome(environment.ProcessedEvents, "waiter resumptions", resumed);
        };

        IEnumerable<Sharp.Event> Signaller()
        {
            for (int r = 0; r < rounds; r++)
            {
                yield return environment.TimeoutD(1);
                var signal = current;
                current = new Sharp.Event(environment);
                signal.Succeed();
            }
        }

        IEnumerable<Sharp.Event> Waiter()
        {
            for (int r = 0; r < rounds; r++)
            {
                yield return current;
                resumed++;
            }
        }
    }
}
