using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class TimeoutTests
{
    [Fact]
    public void Timeout_FiresAtCreationTimePlusDelay()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(2);
            var timeout = sim.Timeout(3); // created at 2: due at 5, whenever it is awaited
            yield return sim.Delay(1);
            log.Add("waiting");
            yield return timeout;
            log.Add("resumed");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["3: waiting", "5: resumed"], log.Entries);
    }

    [Fact]
    public void Timeout_IsTriggeredAtCreation_AndProcessedWhenTheClockReachesIt()
    {
        var sim = new Simulator();
        var timeout = sim.Timeout(4);

        Assert.True(timeout.IsTriggered);
        Assert.True(timeout.IsOk);
        Assert.False(timeout.IsProcessed);
        Assert.Equal(4, timeout.Delay);

        Assert.True(sim.RunNext());

        Assert.True(timeout.IsProcessed);
        Assert.Equal(4, sim.Now);
    }

    [Fact]
    public void Delay_ResumesTheProcessAfterEachDelay()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            log.Add("start");
            yield return sim.Delay(1.5);
            log.Add("after 1.5");
            yield return sim.Delay(2.5);
            log.Add("after 2.5");
            yield return sim.Delay(0);
            log.Add("after 0");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["0: start", "1.5: after 1.5", "4: after 2.5", "4: after 0"], log.Entries);
    }

    [Fact]
    public void Delay_CountsFromTheSimulatorStartTime()
    {
        var sim = new Simulator(startTime: 100);
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(7);
            log.Add("woke");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["107: woke"], log.Entries);
    }

    [Fact]
    public void Timeout_AwaitedByTwoProcesses_ResumesBothAtItsTimeInTheOrderTheyWaited()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var timeout = sim.Timeout(3);

        IEnumerable<Step> Waiter(string name, double startAfter)
        {
            yield return sim.Delay(startAfter);
            yield return timeout;
            log.Add(name);
        }

        sim.Start(Waiter("late", 2));
        sim.Start(Waiter("early", 1));
        sim.Run();

        Assert.Equal(["3: early", "3: late"], log.Entries);
    }

    [Fact]
    public void Timeout_AlreadyProcessed_LetsTheProcessContinueWithoutWaiting()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var timeout = sim.Timeout(1);

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(5);
            yield return timeout; // processed at 1
            log.Add("continued");
        }

        sim.Start(Body());
        sim.Run();

        Assert.Equal(["5: continued"], log.Entries);
    }

    [Fact]
    public void Timeout_ZeroDelay_FiresAtTheCurrentTimeAfterEntriesScheduledBeforeIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        sim.Schedule(0, log.Logger("callback scheduled first"));
        sim.Timeout(0).AddCallback(_ => log.Add("zero timeout"));

        sim.Run();

        Assert.Equal(["0: callback scheduled first", "0: zero timeout"], log.Entries);
    }

    [Fact]
    public void Timeout_ToString_NamesItsDelay()
    {
        var sim = new Simulator();

        Assert.Equal("Timeout(2.5)", sim.Timeout(2.5).ToString());
    }
}
