using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class EventTests
{
    [Fact]
    public void Succeed_ResumesTheWaitingProcessAtTheTriggerTime()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var signal = new Event(sim);

        IEnumerable<Step> Waiter()
        {
            yield return signal;
            log.Add("signalled");
        }

        sim.Start(Waiter());
        sim.Schedule(3, () => signal.Succeed());
        sim.Run();

        Assert.Equal(["3: signalled"], log.Entries);
        Assert.True(signal.IsOk);
    }

    [Fact]
    public void Succeed_TriggersAtOnce_ButProcessesOnlyWhenTheClockReachesTheEntry()
    {
        var sim = new Simulator();
        var e = new Event(sim);

        Assert.False(e.IsTriggered);
        e.Succeed();
        Assert.True(e.IsTriggered);
        Assert.False(e.IsProcessed);

        Assert.True(sim.RunNext());
        Assert.True(e.IsProcessed);
        Assert.Equal(1, sim.ProcessedCount);
    }

    [Fact]
    public void EventOfT_Succeed_CarriesTheValueToTheWaiter()
    {
        var sim = new Simulator();
        var answer = new Event<int>(sim);
        int received = 0;

        IEnumerable<Step> Waiter()
        {
            yield return answer;
            received = answer.Value;
        }

        sim.Start(Waiter());
        sim.Schedule(2, () => answer.Succeed(42));
        sim.Run();

        Assert.Equal(42, received);
    }

    [Fact]
    public void Fail_ResumesTheWaiter_WhichSeesTheError()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var delivery = new Event(sim);
        var error = new InvalidOperationException("truck broke down");

        IEnumerable<Step> Waiter()
        {
            yield return delivery;
            log.Add(delivery.IsOk ? "delivered" : "failed: " + delivery.Error!.Message);
        }

        sim.Start(Waiter());
        sim.Schedule(4, () => delivery.Fail(error));
        sim.Run();

        Assert.Equal(["4: failed: truck broke down"], log.Entries);
        Assert.Same(error, delivery.Error);
        Assert.True(delivery.IsTriggered);
        Assert.False(delivery.IsOk);
    }

    [Fact]
    public void Waiters_ResumeInTheOrderTheyStartedWaiting()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var gate = new Event(sim);

        IEnumerable<Step> Waiter(string name, double arriveAt)
        {
            yield return sim.Delay(arriveAt);
            yield return gate;
            log.Add(name);
        }

        sim.Start(Waiter("c", 3));
        sim.Start(Waiter("a", 1));
        sim.Start(Waiter("b", 2));
        sim.Schedule(5, () => gate.Succeed());
        sim.Run();

        Assert.Equal(["5: a", "5: b", "5: c"], log.Entries);
    }

    [Fact]
    public void AddCallback_RunsWhenProcessed_AndAtOnceWhenAlreadyProcessed()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var e = new Event(sim);
        e.AddCallback(_ => log.Add("first"));
        sim.Schedule(2, () => e.Succeed());

        sim.Run();
        e.AddCallback(ev => log.Add(ev.IsProcessed ? "late, processed" : "late, pending"));

        Assert.Equal(["2: first", "2: late, processed"], log.Entries);
    }

    [Fact]
    public void Succeed_WithUrgentPriority_FiresBeforeNormalEntriesScheduledEarlierAtTheSameTime()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var e = new Event(sim);
        e.AddCallback(_ => log.Add("urgent event"));
        sim.Schedule(0, log.Logger("normal callback"));

        e.Succeed(EventPriority.Urgent);
        sim.Run();

        Assert.Equal(["0: urgent event", "0: normal callback"], log.Entries);
    }

    [Fact]
    public void Succeed_WithLowPriority_FiresAfterNormalEntriesScheduledLaterAtTheSameTime()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var e = new Event(sim);
        e.AddCallback(_ => log.Add("low event"));

        e.Succeed(EventPriority.Low);
        sim.Schedule(0, log.Logger("normal callback"));
        sim.Run();

        Assert.Equal(["0: normal callback", "0: low event"], log.Entries);
    }

    [Fact]
    public void ManyWaiters_OnSuccessiveEvents_EachResumeOncePerRound_InWaitingOrder()
    {
        // Listener buffers pass from event to event: each round's event is filled while the previous
        // round's buffer is being walked, and a grown buffer is handed on. Hand-counted: 3 rounds of
        // 9 waiters (more than a first buffer holds), each round in the order the waiters started.
        var sim = new Simulator();
        var resumptions = new List<string>();
        var current = new Event(sim);

        IEnumerable<Step> Signaller()
        {
            for (int round = 0; round < 3; round++)
            {
                yield return sim.Delay(1);
                var signal = current;
                current = new Event(sim);
                signal.Succeed();
            }
        }

        IEnumerable<Step> Waiter(int id)
        {
            for (int round = 0; round < 3; round++)
            {
                yield return current;
                resumptions.Add($"{sim.Now}:{id}");
            }
        }

        sim.Start(Signaller());
        for (int id = 0; id < 9; id++)
        {
            sim.Start(Waiter(id));
        }

        sim.Run();

        var expected = Enumerable.Range(1, 3).SelectMany(t => Enumerable.Range(0, 9).Select(id => $"{t}:{id}"));
        Assert.Equal(expected, resumptions);
        Assert.Equal(0, sim.ScheduledCount);
    }

    [Fact]
    public void Event_ToString_IsItsTypeName()
    {
        var sim = new Simulator();

        Assert.Equal("Event", new Event(sim).ToString());
    }
}
