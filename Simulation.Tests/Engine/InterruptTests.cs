using System.Globalization;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class InterruptTests
{
    [Fact]
    public void Interrupt_DuringADelay_ResumesAtTheInterruptTime_AndTheOldDelayNoLongerWakesIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(10);
            if (self.TryGetInterrupt(out var interruption))
            {
                log.Add(string.Create(CultureInfo.InvariantCulture, $"interrupted at {interruption.Time} by {interruption.Cause}"));
            }

            yield return sim.Delay(1);
            log.Add("done");
            yield return sim.Delay(20);
            log.Add("slept again");
        }

        var worker = sim.Start(Worker(), "worker");
        sim.Schedule(3, () => worker.Interrupt("breakdown"));
        sim.Run();

        // Had the delay of 10 still resumed the worker, it would have cut the sleep of 20 short at 10.
        Assert.Equal(["3: interrupted at 3 by breakdown", "4: done", "24: slept again"], log.Entries);
    }

    [Fact]
    public void Interrupt_WhileWaitingOnAnEvent_StopsTheWait_AndTheEventNoLongerResumesIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var delivery = new Event(sim);

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            yield return delivery;
            log.Add(self.TryGetInterrupt(out _) ? "gave up waiting" : "delivered");
            yield return sim.Delay(5);
            log.Add("done");
        }

        var worker = sim.Start(Worker());
        sim.Schedule(2, () => worker.Interrupt());
        sim.Schedule(4, () => delivery.Succeed());
        sim.Run();

        Assert.Equal(["2: gave up waiting", "7: done"], log.Entries);
        Assert.True(delivery.IsProcessed);
    }

    [Fact]
    public void Interrupt_OfOneWaiter_LeavesTheOtherWaitersResumingInTheirOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var gate = new Event(sim);

        IEnumerable<Step> Waiter(string name)
        {
            var self = sim.ActiveProcess!;
            yield return gate;
            log.Add(self.TryGetInterrupt(out _) ? name + " interrupted" : name + " passed");
        }

        var first = sim.Start(Waiter("a"));
        sim.Start(Waiter("b"));
        sim.Start(Waiter("c"));
        sim.Start(Waiter("d"));
        sim.Schedule(1, () => first.Interrupt());
        sim.Schedule(2, () => gate.Succeed());
        sim.Run();

        Assert.Equal(["1: a interrupted", "2: b passed", "2: c passed", "2: d passed"], log.Entries);
    }

    [Fact]
    public void Interrupt_IsDeliveredBeforeNormalEntriesAtTheSameTime()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(10);
            if (self.TryGetInterrupt(out _))
            {
                log.Add("interrupted");
            }
        }

        var worker = sim.Start(Worker());
        sim.Schedule(3, () => worker.Interrupt());
        sim.Schedule(3, log.Logger("callback scheduled before the interrupt was issued"));
        sim.Run();

        Assert.Equal(["3: interrupted", "3: callback scheduled before the interrupt was issued"], log.Entries);
    }

    [Fact]
    public void Interrupt_WithoutTryGetInterrupt_ThrowsInvalidOperationExceptionNamingTheProcess()
    {
        var sim = new Simulator();

        IEnumerable<Step> Careless()
        {
            yield return sim.Delay(10);
            yield return sim.Delay(10); // waits again without acknowledging the interrupt
        }

        var careless = sim.Start(Careless(), "careless-clerk");
        sim.Schedule(3, () => careless.Interrupt("lunch"));

        var error = Assert.Throws<InvalidOperationException>(() => sim.Run());

        Assert.Contains("Process(careless-clerk)", error.Message, StringComparison.Ordinal);
        Assert.Contains("TryGetInterrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("lunch", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, sim.Now);
    }

    [Fact]
    public void TryGetInterrupt_HandsOutTheInterruptOnce()
    {
        var sim = new Simulator();
        var answers = new List<bool>();

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(10);
            answers.Add(self.TryGetInterrupt(out _));
            answers.Add(self.TryGetInterrupt(out _));
            yield return sim.Delay(1);
            answers.Add(self.TryGetInterrupt(out _));
        }

        var worker = sim.Start(Worker());
        sim.Schedule(1, () => worker.Interrupt());
        sim.Run();

        Assert.Equal([true, false, false], answers);
    }

    [Fact]
    public void TwoInterruptsAtTheSameTime_AreDeliveredOneAfterTheOtherInOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            for (int handled = 0; handled < 2;)
            {
                yield return sim.Delay(10);
                if (self.TryGetInterrupt(out var interruption))
                {
                    log.Add((string)interruption.Cause!);
                    handled++;
                }
            }

            yield return sim.Delay(5);
            log.Add("done");
        }

        var worker = sim.Start(Worker());
        sim.Schedule(1, () =>
        {
            worker.Interrupt("first");
            worker.Interrupt("second");
        });
        sim.Run();

        Assert.Equal(["1: first", "1: second", "6: done"], log.Entries);
    }

    [Fact]
    public void Interrupt_IssuedBeforeTheProcessStarted_IsDeliveredAfterItsFirstStep()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Worker()
        {
            var self = sim.ActiveProcess!;
            log.Add("started");
            yield return sim.Delay(5);
            log.Add(self.TryGetInterrupt(out _) ? "interrupted" : "slept");
        }

        var worker = sim.Start(Worker());
        worker.Interrupt();
        sim.Run();

        Assert.Equal(["0: started", "0: interrupted"], log.Entries);
    }

    [Fact]
    public void Interrupt_OfAProcessThatEndsBeforeDelivery_IsDropped()
    {
        var sim = new Simulator();
        int steps = 0;

        IEnumerable<Step> Instant()
        {
            steps++;
            yield break;
        }

        var instant = sim.Start(Instant());
        instant.Interrupt("too late"); // alive now; it ends when it starts, before the interrupt is delivered
        sim.Run();

        Assert.Equal(1, steps);
        Assert.False(instant.IsAlive);
    }

    [Fact]
    public void Interruption_ToString_GivesTimeAndCause()
    {
        Assert.Equal("at t=2.5, cause: power cut", new Interruption(2.5, "power cut").ToString());
        Assert.Equal("at t=0, cause: none", new Interruption(0, null).ToString());
    }
}
