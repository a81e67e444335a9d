using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class PreemptiveResourceTests
{
    [Fact]
    public void MoreImportantRequest_TakesTheUnit_AndTheHolderIsInterruptedWithAPreemption()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machine = new PreemptiveResource(sim, capacity: 1, name: "machine");
        Interruption? seen = null;

        IEnumerable<Step> Routine()
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(1);
            var request = machine.Request(priority: 5);
            yield return request;
            log.Add("routine granted");
            yield return sim.Delay(10);
            if (self.TryGetInterrupt(out var interruption))
            {
                seen = interruption;
                log.Add("routine preempted");
            }

            machine.Release(request); // allowed after a preemption; gives nothing back
        }

        IEnumerable<Step> Rush()
        {
            yield return sim.Delay(4);
            var request = machine.Request(priority: 0);
            yield return request;
            log.Add("rush granted");
            yield return sim.Delay(2);
            machine.Release(request);
            log.Add("rush released");
        }

        sim.Start(Routine(), "routine");
        var rush = sim.Start(Rush(), "rush");
        sim.Run();

        Assert.Equal(["1: routine granted", "4: routine preempted", "4: rush granted", "6: rush released"], log.Entries);
        var preemption = Assert.IsType<Preemption>(seen!.Cause);
        Assert.Equal(4, seen.Time);
        Assert.Equal(1, preemption.UsageSince);
        Assert.Same(rush, preemption.By);
        Assert.Same(machine, preemption.Resource);
        Assert.Equal("preempted on machine by Process(rush)", preemption.ToString());
        Assert.Equal(0, machine.InUse);
        Assert.Equal(5, machine.BusyUnitTime, 12); // routine [1, 4] + rush [4, 6]
    }

    [Fact]
    public void PreemptedProcess_CanRequestAgain_AndFinishesItsRemainingWorkAfterThePreemptor()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machine = new PreemptiveResource(sim);

        IEnumerable<Step> Routine()
        {
            var self = sim.ActiveProcess!;
            double remaining = 10;
            while (remaining > 0)
            {
                var request = machine.Request(priority: 5);
                yield return request;
                double started = sim.Now;
                yield return sim.Delay(remaining);
                remaining -= sim.Now - started;
                machine.Release(request);
                if (self.TryGetInterrupt(out _))
                {
                    log.Add("routine preempted");
                }
            }

            log.Add("routine done");
        }

        IEnumerable<Step> Rush()
        {
            yield return sim.Delay(3);
            var request = machine.Request(priority: 0);
            yield return request;
            yield return sim.Delay(2);
            machine.Release(request);
        }

        sim.Start(Routine());
        sim.Start(Rush());
        sim.Run();

        // 3 units of work before the rush, 2 units lost to it, then the remaining 7.
        Assert.Equal(["3: routine preempted", "12: routine done"], log.Entries);
    }

    [Fact]
    public void EquallyImportantRequest_WaitsInsteadOfPreempting()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machine = new PreemptiveResource(sim);

        sim.Start(Job(sim, machine, log, "holder", arriveAt: 0, priority: 3, preempt: true, duration: 5));
        sim.Start(Job(sim, machine, log, "peer", arriveAt: 1, priority: 3, preempt: true, duration: 1));
        sim.Run();

        Assert.Equal(["0: holder granted", "5: holder done", "5: peer granted", "6: peer done"], log.Entries);
    }

    [Fact]
    public void RequestWithoutPreempt_WaitsEvenWhenMoreImportant()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machine = new PreemptiveResource(sim);

        sim.Start(Job(sim, machine, log, "holder", arriveAt: 0, priority: 5, preempt: true, duration: 5));
        sim.Start(Job(sim, machine, log, "polite", arriveAt: 1, priority: 0, preempt: false, duration: 1));
        sim.Run();

        Assert.Equal(["0: holder granted", "5: holder done", "5: polite granted", "6: polite done"], log.Entries);
    }

    [Fact]
    public void Preemption_TakesTheUnitOfTheLeastImportantHolder_EvenIfItWasGrantedEarlier()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machines = new PreemptiveResource(sim, capacity: 2);

        sim.Start(Job(sim, machines, log, "old-unimportant", arriveAt: 0, priority: 5, preempt: true, duration: 10));
        sim.Start(Job(sim, machines, log, "new-important", arriveAt: 1, priority: 3, preempt: true, duration: 10));
        sim.Start(Job(sim, machines, log, "rush", arriveAt: 2, priority: 0, preempt: true, duration: 1));
        sim.Run(3);

        Assert.Equal(
            ["0: old-unimportant granted", "1: new-important granted", "2: old-unimportant preempted", "2: rush granted"],
            log.Entries);
    }

    [Fact]
    public void Preemption_AmongEquallyImportantHolders_TakesTheMostRecentlyGranted()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machines = new PreemptiveResource(sim, capacity: 2);

        sim.Start(Job(sim, machines, log, "older", arriveAt: 0, priority: 5, preempt: true, duration: 10));
        sim.Start(Job(sim, machines, log, "newer", arriveAt: 1, priority: 5, preempt: true, duration: 10));
        sim.Start(Job(sim, machines, log, "rush", arriveAt: 2, priority: 0, preempt: true, duration: 1));
        sim.Run(3);

        Assert.Equal(["0: older granted", "1: newer granted", "2: newer preempted", "2: rush granted"], log.Entries);
    }

    [Fact]
    public void Preemption_ByARequestMadeOutsideAProcess_HasNoPreemptingProcess()
    {
        var sim = new Simulator();
        var machine = new PreemptiveResource(sim, name: "machine");
        Preemption? preemption = null;

        IEnumerable<Step> Holder()
        {
            var self = sim.ActiveProcess!;
            var request = machine.Request(priority: 1);
            yield return request;
            yield return sim.Delay(10);
            if (self.TryGetInterrupt(out var interruption))
            {
                preemption = interruption.Cause as Preemption;
            }
        }

        sim.Start(Holder());
        sim.Schedule(2, () => machine.Request(priority: 0));
        sim.Run();

        Assert.NotNull(preemption);
        Assert.Null(preemption.By);
        Assert.Equal(0, preemption.UsageSince);
        Assert.Equal("preempted on machine by a request", preemption.ToString());
    }

    [Fact]
    public void Preemption_IsNotBlockedByAWithdrawnMoreImportantWaiter()
    {
        // A withdrawn request stays in the waiting line until it reaches the front. It must not count
        // as "the best waiter": the rush below is the most important live request and should preempt.
        var sim = new Simulator();
        var log = new EventLog(sim);
        var machine = new PreemptiveResource(sim);

        sim.Start(Job(sim, machine, log, "holder", arriveAt: 0, priority: 5, preempt: true, duration: 10));

        IEnumerable<Step> Withdrawing()
        {
            yield return sim.Delay(1);
            var request = machine.Request(priority: 1, preempt: false);
            yield return sim.Delay(1);
            machine.Release(request); // withdraws the waiting request at 2
            log.Add("withdrawn");
        }

        sim.Start(Withdrawing());
        sim.Start(Job(sim, machine, log, "rush", arriveAt: 3, priority: 2, preempt: true, duration: 1));
        sim.Run();

        Assert.Equal(
            ["0: holder granted", "2: withdrawn", "3: holder preempted", "3: rush granted", "4: rush done"],
            log.Entries);
    }

    /// <summary>Requests a unit, holds it for <paramref name="duration"/>, and logs grant, end or preemption.</summary>
    private static IEnumerable<Step> Job(
        Simulator sim, PreemptiveResource resource, EventLog log, string name, double arriveAt, int priority, bool preempt, double duration)
    {
        var self = sim.ActiveProcess!;
        yield return sim.Delay(arriveAt);
        var request = resource.Request(priority, preempt);
        yield return request;
        log.Add(name + " granted");
        yield return sim.Delay(duration);
        log.Add(self.TryGetInterrupt(out _) ? name + " preempted" : name + " done");
        resource.Release(request);
    }
}
