using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class ProcessTests
{
    [Fact]
    public void Start_RunsTheBodyWhenTheSimulationRuns_NotBefore()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            log.Add("started");
            yield break;
        }

        var process = sim.Start(Body(), "clerk");
        Assert.Empty(log.Entries);
        Assert.True(process.IsAlive);

        sim.Run();

        Assert.Equal(["0: started"], log.Entries);
        Assert.False(process.IsAlive);
        Assert.True(process.IsOk);
    }

    [Fact]
    public void Start_RunsBeforeNormalEntriesAlreadyScheduledForTheSameTime()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body()
        {
            log.Add("process");
            yield break;
        }

        sim.Schedule(0, log.Logger("callback"));
        sim.Start(Body());
        sim.Run();

        Assert.Equal(["0: process", "0: callback"], log.Entries);
    }

    [Fact]
    public void Processes_StartedAtTheSameTime_RunInStartOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Body(string name)
        {
            log.Add(name);
            yield return sim.Delay(1);
            log.Add(name);
        }

        sim.Start(Body("a"));
        sim.Start(Body("b"));
        sim.Start(Body("c"));
        sim.Run();

        Assert.Equal(["0: a", "0: b", "0: c", "1: a", "1: b", "1: c"], log.Entries);
    }

    [Fact]
    public void Process_WaitingOnAnotherProcess_ResumesWhenItEnds()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Child()
        {
            yield return sim.Delay(3);
            log.Add("child ends");
        }

        IEnumerable<Step> Parent()
        {
            yield return sim.Delay(1);
            var child = sim.Start(Child(), "child");
            yield return child;
            log.Add(child.IsAlive ? "parent sees child alive" : "parent resumes");
        }

        sim.Start(Parent());
        sim.Run();

        Assert.Equal(["4: child ends", "4: parent resumes"], log.Entries);
    }

    [Fact]
    public void Process_WaitingOnAFinishedProcess_ContinuesAtOnce()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);

        IEnumerable<Step> Quick()
        {
            yield return sim.Delay(1);
        }

        var quick = sim.Start(Quick());

        IEnumerable<Step> Late()
        {
            yield return sim.Delay(5);
            yield return quick;
            log.Add("continued");
        }

        sim.Start(Late());
        sim.Run();

        Assert.Equal(["5: continued"], log.Entries);
    }

    [Fact]
    public void Target_IsTheAwaitedEvent_AndNullDuringADelay()
    {
        var sim = new Simulator();
        var gate = new Event(sim);

        IEnumerable<Step> Body()
        {
            yield return gate;
            yield return sim.Delay(10);
        }

        var process = sim.Start(Body());
        sim.Run(1);
        Assert.Same(gate, process.Target);

        gate.Succeed();
        sim.Run(2);
        Assert.Null(process.Target);
        Assert.True(process.IsAlive);
    }

    [Fact]
    public void ActiveProcess_IsTheRunningProcess_AndNullOutsideProcesses()
    {
        var sim = new Simulator();
        Process? seenInside = null;
        bool callbackSawNoProcess = false;

        IEnumerable<Step> Body()
        {
            seenInside = sim.ActiveProcess;
            yield return sim.Delay(1);
        }

        var process = sim.Start(Body());
        sim.Schedule(0.5, () => callbackSawNoProcess = sim.ActiveProcess is null);
        sim.Run();

        Assert.Same(process, seenInside);
        Assert.True(callbackSawNoProcess);
        Assert.Null(sim.ActiveProcess);
    }

    [Fact]
    public void ProcessedCount_CountsTheStart_EachWake_AndTheCompletion()
    {
        var sim = new Simulator();

        IEnumerable<Step> Body()
        {
            yield return sim.Delay(1);
            yield return sim.Delay(1);
        }

        sim.Start(Body());
        sim.Run();

        // start + two wakes + the process's own completion event.
        Assert.Equal(4, sim.ProcessedCount);
        Assert.Equal(2, sim.Now);
    }

    [Fact]
    public void Name_DefaultsToProcess_AndAppearsInToString()
    {
        var sim = new Simulator();

        Assert.Equal("Process(clerk)", sim.Start(Empty(), "clerk").ToString());
        Assert.Equal("process", sim.Start(Empty()).Name);

        static IEnumerable<Step> Empty()
        {
            yield break;
        }
    }
}
