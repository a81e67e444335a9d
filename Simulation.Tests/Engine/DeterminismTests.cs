using Simulation.Core.Engine;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Tests.Engine;

/// <summary>
/// Same seed, same history: the full trace of fired entries (time, priority, sequence, target) of a model
/// that uses most of the kernel is reproduced exactly, and does not depend on how many replications run
/// in parallel.
/// </summary>
public sealed class DeterminismTests
{
    private const ulong MasterSeed = 77;
    private const double Horizon = 600;

    [Fact]
    public void SameSeed_GivesIdenticalTraces()
    {
        var first = Workshop.Run(Context(0), Horizon);
        var second = Workshop.Run(Context(0), Horizon);

        Assert.True(first.Entries.Count > 5_000, "the model should fire thousands of entries");
        Assert.Equal(first.Entries, second.Entries);
        Assert.Equal(first.Sha256(), second.Sha256());
    }

    [Fact]
    public void Trace_ExercisesInterruptsRenegingAndTheStore()
    {
        // Guards the determinism tests against a model that quietly stopped using these features.
        var trace = Workshop.Run(Context(0), Horizon);
        var targets = trace.Entries.Select(e => e.Target).ToHashSet();

        Assert.Contains("InterruptEvent", targets);
        Assert.Contains("AnyOf(2 events)", targets);
        Assert.Contains("StorePut`1", targets);
        Assert.Contains("StoreGet`1", targets);
        Assert.Contains("Request(servers, priority 0)", targets);
        Assert.Contains(trace.Entries, e => e.Priority == EventPriority.Urgent);
    }

    [Fact]
    public void DifferentSeed_GivesADifferentTrace()
    {
        var first = Workshop.Run(Context(0), Horizon);
        var other = Workshop.Run(Context(1), Horizon);

        Assert.NotEqual(first.Sha256(), other.Sha256());
    }

    [Fact]
    public void Replications_GiveTheSameTraceHashes_WithOneOrFourThreads()
    {
        const int replications = 12;
        string[] sequential = ReplicationRunner.Run(
            replications, MasterSeed, c => Workshop.Run(c, Horizon).Sha256(), new ReplicationOptions { MaxDegreeOfParallelism = 1 });
        string[] parallel = ReplicationRunner.Run(
            replications, MasterSeed, c => Workshop.Run(c, Horizon).Sha256(), new ReplicationOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(sequential, parallel);
        Assert.Equal(replications, sequential.Distinct().Count());
        Assert.Equal(Workshop.Run(Context(5), Horizon).Sha256(), parallel[5]);
    }

    private static ReplicationContext Context(int replication) =>
        new(replication, SeedSequence.ReplicationSeed(MasterSeed, replication));

    /// <summary>
    /// An M/M/2 service desk with impatient customers (they renege through AnyOf and withdraw their
    /// request), a bounded store of finished orders, a packer that takes them out, and a supervisor
    /// who interrupts the packer at random: waits on a store get and on delays are both interrupted.
    /// </summary>
    private static class Workshop
    {
        public static RecordingTracer Run(ReplicationContext context, double until)
        {
            var sim = new Simulator();
            var tracer = new RecordingTracer();
            sim.Tracer = tracer;
            var arrivals = context.Streams.Create("customers", "interarrival");
            var patience = context.Streams.Create("customers", "patience");
            var services = context.Streams.Create("servers", "service");
            var packing = context.Streams.Create("packer", "packing");
            var breaks = context.Streams.Create("supervisor", "interval");
            var servers = new Resource(sim, capacity: 2, name: "servers");
            var finished = new Store<int>(sim, capacity: 4);

            IEnumerable<Step> Customer(int id)
            {
                var request = servers.Request();
                yield return sim.AnyOf(request, sim.Timeout(patience.NextExponential(3)));
                if (!request.IsProcessed)
                {
                    servers.Release(request); // reneged: withdraw, or give back a grant not yet seen
                    yield break;
                }

                yield return sim.Delay(services.NextExponential(1));
                servers.Release(request);
                yield return finished.Put(id);
            }

            IEnumerable<Step> Arrivals()
            {
                for (int id = 0; ; id++)
                {
                    yield return sim.Delay(arrivals.NextExponential(1 / 1.6));
                    sim.Start(Customer(id), "customer");
                }
            }

            IEnumerable<Step> Packer()
            {
                var self = sim.ActiveProcess!;
                while (true)
                {
                    var get = finished.Get();
                    yield return get;
                    while (self.TryGetInterrupt(out _))
                    {
                        if (!get.IsTriggered)
                        {
                            get.Cancel();
                            break;
                        }

                        yield return get; // already served: collect the item in this instant
                    }

                    if (get.IsCancelled)
                    {
                        continue;
                    }

                    yield return sim.Delay(packing.NextExponential(0.55));
                    _ = self.TryGetInterrupt(out _); // a break cuts the packing short
                }
            }

            IEnumerable<Step> Supervisor(Process packer)
            {
                while (true)
                {
                    yield return sim.Delay(breaks.NextExponential(4));
                    packer.Interrupt("break");
                }
            }

            sim.Start(Arrivals(), "arrivals");
            var packer = sim.Start(Packer(), "packer");
            sim.Start(Supervisor(packer), "supervisor");
            sim.Run(until);
            return tracer;
        }
    }
}
