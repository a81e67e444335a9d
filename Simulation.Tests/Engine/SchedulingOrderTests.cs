using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Engine;

public sealed class SchedulingOrderTests
{
    [Fact]
    public void EntriesAtEqualTime_FireInSchedulingOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(2, log.Logger("b, scheduled at 0 for 2"));
        sim.Schedule(1, () => sim.Schedule(1, log.Logger("c, scheduled at 1 for 2")));
        sim.Schedule(2, log.Logger("d, scheduled at 0 for 2 after b"));
        sim.Schedule(1, log.Logger("a"));

        sim.Run();

        Assert.Equal(
            ["1: a", "2: b, scheduled at 0 for 2", "2: d, scheduled at 0 for 2 after b", "2: c, scheduled at 1 for 2"],
            log.Entries);
    }

    [Fact]
    public void AtEqualTime_UrgentFiresBeforeHigh_BeforeNormal_BeforeLow_WhateverTheSchedulingOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(1, log.Logger("low"), EventPriority.Low);
        sim.Schedule(1, log.Logger("normal"), EventPriority.Normal);
        sim.Schedule(1, log.Logger("high"), EventPriority.High);
        sim.Schedule(1, log.Logger("urgent"), EventPriority.Urgent);
        sim.Schedule(1, log.Logger("max"), EventPriority.Max);

        sim.Run();

        Assert.Equal(["1: urgent", "1: high", "1: normal", "1: low", "1: max"], log.Entries);
    }

    [Fact]
    public void ZeroDelayEntries_MergeWithEntriesScheduledEarlierForTheSameTime_ByPriorityThenSequence()
    {
        // Entries scheduled at time 0 for time 1 wait in the heap; entries scheduled at time 1 with no
        // delay take the kernel's fast lanes. The merged order must still be (time, priority, sequence).
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(1, () =>
        {
            log.Add("trigger");
            sim.Schedule(0, log.Logger("normal now"), EventPriority.Normal);
            sim.Schedule(0, log.Logger("urgent now"), EventPriority.Urgent);
            sim.Schedule(0, log.Logger("low now"), EventPriority.Low);
        });
        sim.Schedule(1, log.Logger("normal earlier"), EventPriority.Normal);
        sim.Schedule(1, log.Logger("low earlier"), EventPriority.Low);

        sim.Run();

        Assert.Equal(
            ["1: trigger", "1: urgent now", "1: normal earlier", "1: normal now", "1: low earlier", "1: low now"],
            log.Entries);
    }

    [Fact]
    public void ManyRandomEntries_AlwaysFireTheLeastPendingKey()
    {
        // A property check of the queue against a sorted set of the same keys: thousands of entries at
        // few distinct times (many ties), random priorities, and entries scheduled from callbacks with
        // zero delay (the kernel's fast lanes) or a later time (its heap). Each fired entry must be the
        // least (time, priority, sequence) still pending. Sequences count Schedule calls, as the kernel's do.
        var sim = new Simulator();
        var rng = new RandomStream(12345);
        var pending = new SortedSet<(double Time, int Priority, long Sequence)>();
        long nextSequence = 0;
        Action nothing = () => { };
        Action spawn = () =>
        {
            for (int i = 0; i < 3; i++)
            {
                Add(rng.Next(2) == 0 ? 0 : rng.Next(3), nothing);
            }
        };

        for (int i = 0; i < 5000; i++)
        {
            Add(rng.Next(20), rng.Next(4) == 0 ? spawn : nothing);
        }

        var checker = new LeastKeyChecker(pending);
        sim.Tracer = checker;
        sim.Run();

        Assert.Equal(0, checker.Violations);
        Assert.Empty(pending);
        Assert.True(checker.Fired > 8000, "the spawned entries should have fired too");
        Assert.Equal(checker.Fired, sim.ProcessedCount);

        void Add(double delay, Action action)
        {
            int priority = rng.Next(4) switch
            {
                0 => EventPriority.Urgent,
                1 => EventPriority.Normal,
                2 => EventPriority.Low,
                _ => rng.Next(EventPriority.Max + 1),
            };
            pending.Add((sim.Now + delay, priority, nextSequence++));
            sim.Schedule(delay, action, priority);
        }
    }

    [Fact]
    public void Tracer_SeesEveryEntryWithItsTimePriorityAndSequence()
    {
        var sim = new Simulator();
        var tracer = new RecordingTracer();
        sim.Tracer = tracer;

        IEnumerable<Step> Body()
        {
            yield return sim.Timeout(2);
        }

        sim.Start(Body(), "p");
        sim.Run();

        Assert.Equal(
            [
                new TraceEntry(0, EventPriority.Urgent, 0, "Process(p)"),   // start
                new TraceEntry(2, EventPriority.Normal, 1, "Timeout(2)"),
                new TraceEntry(2, EventPriority.Normal, 2, "Process(p)"),   // completion
            ],
            tracer.Entries);
    }

    [Fact]
    public void RunUntil_LeavesEntriesAtExactlyUntil_AndSetsNowToUntil()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(3, log.Logger("before"));
        sim.Schedule(5, log.Logger("at until"));

        sim.Run(5);

        Assert.Equal(["3: before"], log.Entries);
        Assert.Equal(5, sim.Now);
        Assert.Equal(5, sim.PeekTime());
        Assert.Equal(1, sim.ScheduledCount);

        sim.Run(5.5);

        Assert.Equal(["3: before", "5: at until"], log.Entries);
        Assert.Equal(5.5, sim.Now);
    }

    [Fact]
    public void RunUntil_WithNothingScheduled_AdvancesTheClock()
    {
        var sim = new Simulator();

        sim.Run(42);

        Assert.Equal(42, sim.Now);
        Assert.Equal(0, sim.ProcessedCount);
    }

    [Fact]
    public void Run_WithoutUntil_StopsAtTheLastEntry()
    {
        var sim = new Simulator();
        sim.Schedule(7.25, () => { });

        sim.Run();

        Assert.Equal(7.25, sim.Now);
        Assert.Equal(double.PositiveInfinity, sim.PeekTime());
        Assert.Equal(0, sim.ScheduledCount);
    }

    [Fact]
    public void Stop_EndsTheRunAfterTheCurrentEntry_AndTheNextRunContinues()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(2, () =>
        {
            log.Add("stopping");
            sim.Stop();
        });
        sim.Schedule(2, log.Logger("same time, later"));
        sim.Schedule(3, log.Logger("later"));

        sim.Run(10);

        Assert.Equal(["2: stopping"], log.Entries);
        Assert.Equal(2, sim.Now); // a stopped run does not jump the clock to `until`

        sim.Run();

        Assert.Equal(["2: stopping", "2: same time, later", "3: later"], log.Entries);
    }

    [Fact]
    public void RunNext_FiresOneEntryAtATime_AndReturnsFalseWhenEmpty()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(1, log.Logger("one"));
        sim.Schedule(4, log.Logger("two"));

        Assert.True(sim.RunNext());
        Assert.Equal(["1: one"], log.Entries);
        Assert.Equal(4, sim.PeekTime());
        Assert.True(sim.RunNext());
        Assert.False(sim.RunNext());
        Assert.Equal(["1: one", "4: two"], log.Entries);
        Assert.Equal(2, sim.ProcessedCount);
    }

    [Fact]
    public void StaleWakeOfAnInterruptedProcess_IsNotCountedAsProcessed()
    {
        var sim = new Simulator();

        IEnumerable<Step> Sleeper()
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(10);
            _ = self.TryGetInterrupt(out _);
        }

        var sleeper = sim.Start(Sleeper());
        sim.Schedule(1, () => sleeper.Interrupt());
        sim.Run();

        // start, callback, interrupt event, the process's completion; not the abandoned wake at 10.
        Assert.Equal(4, sim.ProcessedCount);
    }

    private sealed class LeastKeyChecker(SortedSet<(double Time, int Priority, long Sequence)> pending) : IEventTracer
    {
        public int Violations { get; private set; }

        public int Fired { get; private set; }

        public void OnFiring(double time, int priority, long sequence, object target)
        {
            Fired++;
            if (pending.Min != (time, priority, sequence))
            {
                Violations++;
            }

            pending.Remove((time, priority, sequence));
        }
    }
}
