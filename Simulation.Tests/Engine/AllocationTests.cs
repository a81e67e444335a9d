using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Engine;

/// <summary>
/// DESIGN.md section 3: the event queue, delays and resource requests allocate nothing per event in
/// steady state. Each test warms the model up (arrays grown, request pool filled, methods compiled),
/// then counts the bytes the test thread allocates while the simulator fires 100,000 more entries.
/// </summary>
public sealed class AllocationTests
{
    private const long MeasuredEvents = 100_000;

    [Fact]
    public void ProcessesLoopingOnDelay_AllocateNothingInSteadyState()
    {
        var sim = new Simulator();
        var rng = new RandomStream(1);

        IEnumerable<Step> Sleeper()
        {
            while (true)
            {
                yield return sim.Delay(rng.NextExponential(1));
            }
        }

        for (int i = 0; i < 500; i++)
        {
            sim.Start(Sleeper());
        }

        AssertSteadyStateAllocatesNothing(sim);
    }

    [Fact]
    public void ProcessesLoopingOnRequestDelayRelease_AllocateNothingInSteadyState()
    {
        var sim = new Simulator();
        var rng = new RandomStream(2);
        var machines = new Resource(sim, capacity: 5);

        IEnumerable<Step> Worker()
        {
            while (true)
            {
                var request = machines.Request();
                yield return request;
                yield return sim.Delay(rng.NextExponential(1));
                machines.Release(request);
                yield return sim.Delay(rng.NextExponential(4));
            }
        }

        for (int i = 0; i < 50; i++)
        {
            sim.Start(Worker());
        }

        AssertSteadyStateAllocatesNothing(sim);
        Assert.True(machines.QueueLength > 0 || machines.InUse == machines.Capacity, "the resource should be contended");
    }

    [Fact]
    public void CallbacksRescheduledWithACachedDelegate_AllocateNothingInSteadyState()
    {
        var sim = new Simulator();
        var rng = new RandomStream(3);
        Action? tick = null;
        tick = () => sim.Schedule(rng.NextExponential(1), tick!);
        for (int i = 0; i < 200; i++)
        {
            sim.Schedule(rng.NextExponential(1), tick);
        }

        AssertSteadyStateAllocatesNothing(sim);
    }

    /// <summary>Runs a warm-up, then asserts that at least 100,000 further entries allocate 0 bytes.</summary>
    private static void AssertSteadyStateAllocatesNothing(Simulator sim)
    {
        // Warm-up: long enough for every array to reach its working size and for the JIT to settle.
        RunEvents(sim, 3 * MeasuredEvents);

        long processedBefore = sim.ProcessedCount;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        RunEvents(sim, MeasuredEvents);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(sim.ProcessedCount - processedBefore >= MeasuredEvents, "the measured window should fire 100,000 entries");
        Assert.Equal(0, allocated);
    }

    /// <summary>Runs in time slices until at least <paramref name="events"/> more entries have fired.</summary>
    private static void RunEvents(Simulator sim, long events)
    {
        long target = sim.ProcessedCount + events;
        while (sim.ProcessedCount < target)
        {
            sim.Run(sim.Now + 10);
        }
    }
}
