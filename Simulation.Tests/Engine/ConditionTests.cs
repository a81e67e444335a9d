using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class ConditionTests
{
    [Fact]
    public void AllOf_SucceedsWhenTheLastEventSucceeds()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            yield return sim.AllOf(sim.Timeout(1), sim.Timeout(3), sim.Timeout(2));
            log.Add("all done");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["3: all done"], log.Entries);
    }

    [Fact]
    public void AnyOf_SucceedsWhenTheFirstEventSucceeds_AndTellsWhichOneHappened()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        Condition? any = null;

        IEnumerable<Step> Body()
        {
            any = sim.AnyOf(sim.Timeout(4), sim.Timeout(1.5), sim.Timeout(2));
            yield return any;
            log.Add("first done");
        }

        sim.Start(Body());
        sim.Run(1.75);

        Assert.Equal(["1.5: first done"], log.Entries);
        Assert.Equal([false, true, false], any!.Events.Select(e => e.IsProcessed));
        Assert.False(any.IsAllOf);
    }

    [Fact]
    public void AllOf_OfProcesses_ResumesWhenBothHaveEnded()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Work(double duration)
        {
            yield return sim.Delay(duration);
        }

        IEnumerable<Step> Body()
        {
            yield return sim.AllOf(sim.Start(Work(2)), sim.Start(Work(5)));
            log.Add("both ended");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["5: both ended"], log.Entries);
    }

    [Fact]
    public void AnyOf_OfAnAllOf_ResumesAtTheEarlierOfTheTwoBranches()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            yield return sim.AnyOf(sim.AllOf(sim.Timeout(1), sim.Timeout(4)), sim.Timeout(3));
            log.Add("resumed");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["3: resumed"], log.Entries);
    }

    [Fact]
    public void AllOf_CountsEventsAlreadyProcessed()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var early = sim.Timeout(1);

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(2);
            yield return sim.AllOf(early, sim.Timeout(1));
            log.Add("resumed");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["3: resumed"], log.Entries);
    }

    [Fact]
    public void AllOf_AndAnyOf_OfNoEvents_SucceedAtOnce()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(2);
            yield return sim.AllOf();
            log.Add("all of none");
            yield return sim.AnyOf();
            log.Add("any of none");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["2: all of none", "2: any of none"], log.Entries);
    }

    [Fact]
    public void AllOf_FailsAsSoonAsOneEventFails()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var shipment = new Event(sim);
        var error = new InvalidOperationException("port closed");
        Condition? all = null;

        IEnumerable<Step> Body()
        {
            all = sim.AllOf(sim.Timeout(5), shipment);
            yield return all;
            log.Add(all.IsOk ? "ok" : "failed: " + all.Error!.Message);
        }

        sim.Start(Body());
        sim.Schedule(2, () => shipment.Fail(error));
        sim.Run();

        Assert.Equal(["2: failed: port closed"], log.Entries);
        Assert.Same(error, all!.Error);
    }

    [Fact]
    public void AnyOf_FailsWhenTheFirstEventToHappenFails()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var quote = new Event(sim);

        IEnumerable<Step> Body()
        {
            var any = sim.AnyOf(quote, sim.Timeout(5));
            yield return any;
            log.Add(any.IsOk ? "ok" : "failed: " + any.Error!.Message);
        }

        sim.Start(Body());
        sim.Schedule(1, () => quote.Fail(new InvalidOperationException("no quote")));
        sim.Run();

        Assert.Equal(["1: failed: no quote"], log.Entries);
    }

    [Fact]
    public void AnyOf_IgnoresAFailureThatComesAfterItSucceeded()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var late = new Event(sim);
        Condition? any = null;

        IEnumerable<Step> Body()
        {
            any = sim.AnyOf(sim.Timeout(1), late);
            yield return any;
            log.Add("resumed");
        }

        sim.Start(Body());
        sim.Schedule(2, () => late.Fail(new InvalidOperationException("too late")));
        sim.Run(); // the condition observed the failure, so it is not an unobserved one

        Assert.Equal(["1: resumed"], log.Entries);
        Assert.True(any!.IsOk);
        Assert.Equal(2, sim.Now);
    }

    [Fact]
    public void Condition_ToString_SaysItsKindAndSize()
    {
        var sim = new Simulator();

        Assert.Equal("AllOf(3 events)", sim.AllOf(sim.Timeout(1), sim.Timeout(2), sim.Timeout(3)).ToString());
        Assert.Equal("AnyOf(1 events)", sim.AnyOf(sim.Timeout(1)).ToString());
    }
}
