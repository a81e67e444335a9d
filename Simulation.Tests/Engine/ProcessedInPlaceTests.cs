using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Engine;

/// <summary>
/// A process whose own entry is firing and that waits for an event whose entry is the very next one
/// (a request granted at once, a put with room, a get with an item) goes on without the round trip
/// through the queue (<c>Event.TryProcessAsNext</c>). <see cref="Simulator.RunNext"/> never takes
/// that path, so stepping the same model entry by entry is the reference: every fired entry, every
/// log line and the count must agree.
/// </summary>
public sealed class ProcessedInPlaceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RunAndEntryByEntry_FireTheSameEntries_InTheSameOrder(ulong seed)
    {
        var (runTrace, runLog, runCount) = Simulate(seed, sim => sim.Run());
        var (stepTrace, stepLog, stepCount) = Simulate(seed, sim =>
        {
            while (sim.RunNext())
            {
            }
        });

        Assert.True(runTrace.Count > 4000, $"the model should fire thousands of entries, fired {runTrace.Count}");
        Assert.Equal(stepTrace, runTrace);
        Assert.Equal(stepLog, runLog);
        Assert.Equal(stepCount, runCount); // below the trace's length: the sleeper's abandoned wakes are not counted
    }

    [Fact]
    public void Stop_BeforeWaitingForAGrantedRequest_LeavesItsEntryForTheNextRun()
    {
        var sim = new Simulator();
        var server = new Resource(sim);
        var log = new EventLog(sim);

        IEnumerable<Step> Customer()
        {
            var request = server.Request(); // free: granted at once, its success is the next entry
            sim.Stop();
            yield return request;
            log.Add("served");
            server.Release(request);
        }

        sim.Start(Customer());
        sim.Run();

        Assert.Empty(log.Entries);
        Assert.Equal(1, sim.ProcessedCount); // the start only
        sim.Run();
        Assert.Equal(["0: served"], log.Entries);
        Assert.Equal(3, sim.ProcessedCount); // start, grant, completion
    }

    [Fact]
    public void AGrantedRequest_WaitsBehindAnUrgentEntryAtTheSameTime()
    {
        var sim = new Simulator();
        var server = new Resource(sim);
        var log = new EventLog(sim);

        IEnumerable<Step> Helper()
        {
            log.Add("helper starts");
            yield break;
        }

        IEnumerable<Step> Customer()
        {
            var request = server.Request();
            sim.Start(Helper()); // urgent, so it fires before the grant
            yield return request;
            log.Add("served");
            server.Release(request);
        }

        sim.Start(Customer());
        sim.Run();

        Assert.Equal(["0: helper starts", "0: served"], log.Entries);
    }

    [Fact]
    public void AProcessResumedByAnEvent_WaitsForItsGrant_UntilTheEventsOtherWaitersHaveRun()
    {
        var sim = new Simulator();
        var server = new Resource(sim);
        var signal = new Event(sim);
        var log = new EventLog(sim);

        IEnumerable<Step> Helper()
        {
            log.Add("helper starts");
            yield break;
        }

        IEnumerable<Step> First()
        {
            yield return signal;
            var request = server.Request(); // granted at once, but the signal's firing is not over
            yield return request;
            log.Add("first served");
            server.Release(request);
        }

        IEnumerable<Step> Second()
        {
            yield return signal;
            log.Add("second resumes");
            sim.Start(Helper()); // urgent: before the first's grant
        }

        sim.Start(First());
        sim.Start(Second());
        sim.Schedule(1, () => signal.Succeed());
        sim.Run();

        Assert.Equal(["1: second resumes", "1: helper starts", "1: first served"], log.Entries);
    }

    [Fact]
    public void ABodyThatRunsTheSimulatorPastTheOuterBound_LeavesItsGrantForTheNextRun()
    {
        var sim = new Simulator();
        var server = new Resource(sim);
        var log = new EventLog(sim);

        IEnumerable<Step> Driver()
        {
            sim.Schedule(3, log.Logger("callback"));
            sim.Run(until: 5); // runs the callback; the clock is then 5, past the outer bound
            var request = server.Request(); // granted at once, at 5
            yield return request;
            log.Add("driver served");
            server.Release(request);
        }

        sim.Start(Driver());
        sim.Run(until: 2);

        Assert.Equal(["3: callback"], log.Entries); // the grant at 5 is not before the outer run's 2
        sim.Run();
        Assert.Equal(["3: callback", "5: driver served"], log.Entries);
    }

    /// <summary>
    /// Customers on a two-unit resource (some granted at once), producers and consumers on a small
    /// store, a listener besides the process on some requests, grants at high priority through a
    /// priority resource, and interrupts; times on a coarse grid so that entries tie all the time.
    /// </summary>
    private static (List<TraceEntry> Trace, IReadOnlyList<string> Log, long Count) Simulate(ulong seed, Action<Simulator> run)
    {
        var sim = new Simulator();
        var tracer = new RecordingTracer();
        sim.Tracer = tracer;
        var log = new EventLog(sim);
        var rng = new RandomStream(seed);
        var server = new Resource(sim, capacity: 2, name: "server");
        var desk = new PriorityResource(sim, capacity: 1, name: "desk");
        var store = new Store<int>(sim, capacity: 3);

        IEnumerable<Step> Customer(int id)
        {
            var request = server.Request();
            if (id % 7 == 0)
            {
                request.AddCallback(_ => log.Add($"callback for {id}"));
            }

            yield return request;
            log.Add($"customer {id} served");
            yield return sim.Delay(rng.Next(3));
            server.Release(request);
            var seat = desk.Request(priority: id % 3);
            yield return seat;
            log.Add($"customer {id} at the desk");
            desk.Release(seat);
        }

        IEnumerable<Step> Source()
        {
            for (int id = 0; id < 400; id++)
            {
                sim.Start(Customer(id), $"customer {id}");
                yield return sim.Delay(rng.Next(2));
            }
        }

        IEnumerable<Step> Producer(int id)
        {
            for (int item = 0; item < 150; item++)
            {
                yield return sim.Delay(rng.Next(3));
                yield return store.Put((id * 1000) + item);
                log.Add($"producer {id} put {item}");
            }
        }

        IEnumerable<Step> Consumer(int id)
        {
            for (int item = 0; item < 150; item++)
            {
                var get = store.Get();
                yield return get;
                log.Add($"consumer {id} got {get.Item}");
                yield return sim.Delay(rng.Next(3));
            }
        }

        IEnumerable<Step> Sleeper()
        {
            for (int round = 0; round < 100; round++)
            {
                yield return sim.Delay(4);
                if (sim.ActiveProcess!.TryGetInterrupt(out _))
                {
                    log.Add("sleeper interrupted");
                }
            }
        }

        sim.Start(Source(), "source");
        for (int id = 0; id < 3; id++)
        {
            sim.Start(Producer(id), $"producer {id}");
            sim.Start(Consumer(id), $"consumer {id}");
        }

        var sleeper = sim.Start(Sleeper(), "sleeper");
        for (int t = 3; t < 300; t += 7)
        {
            sim.Schedule(t, () =>
            {
                if (sleeper.IsAlive)
                {
                    sleeper.Interrupt();
                }
            });
        }

        run(sim);
        return ([.. tracer.Entries], log.Entries, sim.ProcessedCount);
    }
}
