using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Examples;

// This file is quoted verbatim in README.md ("The kernel in 15 lines"); ReadmeExampleTests checks
// that the two stay identical and that the example's answer matches queueing theory.
public static class ReadmeKernelExample
{
    // README:kernel-begin
    public static double MeanWaitInQueue(ulong seed, int customers)
    {
        var sim = new Simulator();
        var rng = new RandomStream(seed);
        var server = new Resource(sim, capacity: 1);
        double totalWait = 0;

        IEnumerable<Step> Customer()
        {
            double arrived = sim.Now;
            var request = server.Request();
            yield return request;                        // wait for the server
            totalWait += sim.Now - arrived;
            yield return sim.Delay(rng.NextExponential(1.0)); // service, mean 1
            server.Release(request);
        }

        IEnumerable<Step> Arrivals()
        {
            for (int i = 0; i < customers; i++)
            {
                yield return sim.Delay(rng.NextExponential(1.25)); // arrival rate 0.8
                sim.Start(Customer());
            }
        }

        sim.Start(Arrivals());
        sim.Run();
        return totalWait / customers; // M/M/1 theory: rho / (mu - lambda) = 4.0
    }
    // README:kernel-end
}
