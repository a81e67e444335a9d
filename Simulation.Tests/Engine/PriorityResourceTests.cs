using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class PriorityResourceTests
{
    [Fact]
    public void Waiters_AreServedByPriorityValue_ThenByArrival()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var surgeon = new PriorityResource(sim, capacity: 1, name: "surgeon");

        IEnumerable<Step> Patient(string name, double arriveAt, int priority, double duration)
        {
            yield return sim.Delay(arriveAt);
            var request = surgeon.Request(priority);
            yield return request;
            log.Add(name);
            yield return sim.Delay(duration);
            surgeon.Release(request);
        }

        sim.Start(Patient("first", 0, priority: 9, duration: 10));
        sim.Start(Patient("routine", 1, priority: 3, duration: 1));
        sim.Start(Patient("urgent-early", 2, priority: 1, duration: 1));
        sim.Start(Patient("normal", 3, priority: 2, duration: 1));
        sim.Start(Patient("urgent-late", 4, priority: 1, duration: 1));
        sim.Run();

        Assert.Equal(["0: first", "10: urgent-early", "11: urgent-late", "12: normal", "13: routine"], log.Entries);
    }

    [Fact]
    public void MoreImportantRequest_WaitsForTheHolder_WithoutPreempting()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var surgeon = new PriorityResource(sim);

        IEnumerable<Step> Patient(string name, double arriveAt, int priority)
        {
            var self = sim.ActiveProcess!;
            yield return sim.Delay(arriveAt);
            var request = surgeon.Request(priority);
            yield return request;
            log.Add(name + " granted");
            yield return sim.Delay(4);
            log.Add(self.TryGetInterrupt(out _) ? name + " interrupted" : name + " done");
            surgeon.Release(request);
        }

        sim.Start(Patient("minor", 0, priority: 5));
        sim.Start(Patient("major", 1, priority: 0));
        sim.Run();

        Assert.Equal(["0: minor granted", "4: minor done", "4: major granted", "8: major done"], log.Entries);
    }

    [Fact]
    public void WithdrawnWaiter_IsSkipped()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var surgeon = new PriorityResource(sim);

        IEnumerable<Step> Holder()
        {
            var request = surgeon.Request(5);
            yield return request;
            yield return sim.Delay(5);
            surgeon.Release(request);
        }

        IEnumerable<Step> Waiter(string name, int priority, double patience)
        {
            yield return sim.Delay(1);
            var request = surgeon.Request(priority);
            yield return sim.AnyOf(request, sim.Timeout(patience));
            if (!request.IsProcessed)
            {
                surgeon.Release(request);
                log.Add(name + " left");
                yield break;
            }

            log.Add(name + " granted");
            surgeon.Release(request);
        }

        sim.Start(Holder());
        sim.Start(Waiter("important", priority: 0, patience: 1));
        sim.Start(Waiter("ordinary", priority: 4, patience: 100));
        sim.Run();

        Assert.Equal(["2: important left", "5: ordinary granted"], log.Entries);
    }

    [Fact]
    public void Request_RemembersItsPriority()
    {
        var sim = new Simulator();
        var surgeon = new PriorityResource(sim, name: "surgeon");

        var request = surgeon.Request(7);

        Assert.Equal(7, request.Priority);
        Assert.Same(surgeon, request.Resource);
        Assert.Equal("Request(surgeon, priority 7)", request.ToString());
    }
}
