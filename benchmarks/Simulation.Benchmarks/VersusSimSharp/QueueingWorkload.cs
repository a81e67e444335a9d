using Simulation.Benchmarks.Kernel;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;
using Sharp = SimSharp;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// Resource queueing, M/M/1: arrival rate 1, mean service 0.9 (utilisation 0.9), one new process per
/// customer requesting a single server. Output: the mean wait in queue (theory 8.1).
/// </summary>
internal sealed class QueueingWorkload(int customers) : SideBySideWorkload
{
    private const double MeanInterarrival = 1.0;
    private const double MeanService = 0.9;

    public override string Name => $"M/M/1 {customers / 1000}k";

    /// <summary>Sim# keeps time in 100-ns ticks; over a million waits the mean moves by about that.</summary>
    public override double AgreementTolerance => 1e-4;

    public override Func<RunOutcome> PrepareOurs()
    {
        var simulator = new Simulator();
        var server = new Resource(simulator, capacity: 1);
        var arrivals = new RandomStream(11);
        var services = new RandomStream(12);
        double totalWait = 0;
        simulator.Start(Source());
        return () =>
        {
            simulator.Run();
            return new RunOutcome(simulator.ProcessedCount, "mean wait", totalWait / customers);
        };

        IEnumerable<Step> Source()
        {
            for (int i = 0; i < customers; i++)
            {
                yield return simulator.Delay(arrivals.NextExponential(MeanInterarrival));
                simulator.Start(Customer());
            }
        }

        IEnumerable<Step> Customer()
        {
            double arrivedAt = simulator.Now;
            var request = server.Request();
            yield return request;
            totalWait += simulator.Now - arrivedAt;
            yield return simulator.Delay(services.NextExponential(MeanService));
            server.Release(request);
        }
    }

    public override Func<RunOutcome> PrepareSimSharp()
    {
        var environment = new Sharp.Simulation();
        var server = new Sharp.Resource(environment, 1);
        var arrivals = new RandomStream(11);
        var services = new RandomStream(12);
        double totalWait = 0;
        environment.Process(Source());
        return () =>
        {
            environment.Run();
            return new RunOutcome(environment.ProcessedEvents, "mean wait", totalWait / customers);
        };

        IEnumerable<Sharp.Event> Source()
        {
            for (int i = 0; i < customers; i++)
            {
                yield return environment.TimeoutD(arrivals.NextExponential(MeanInterarrival));
                environment.Process(Customer());
            }
        }

        IEnumerable<Sharp.Event> Customer()
        {
            double arrivedAt = environment.NowD;
            using var request = server.Request();
            yield return request;
            totalWait += environment.NowD - arrivedAt;
            yield return environment.TimeoutD(services.NextExponential(MeanService));
        }
    }
}
