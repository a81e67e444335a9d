using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class ResourceTests
{
    [Fact]
    public void Request_IsGrantedUpToCapacity_ThenServedFirstComeFirstServed()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var desks = new Resource(sim, capacity: 2, name: "desks");

        IEnumerable<Step> Customer(string name, double arriveAt)
        {
            yield return sim.Delay(arriveAt);
            var request = desks.Request();
            yield return request;
            log.Add(name);
            yield return sim.Delay(5);
            desks.Release(request);
        }

        sim.Start(Customer("d", 3));
        sim.Start(Customer("a", 0));
        sim.Start(Customer("c", 2));
        sim.Start(Customer("b", 1));
        sim.Run();

        Assert.Equal(["0: a", "1: b", "5: c", "6: d"], log.Entries);
    }

    [Fact]
    public void Request_MadeAtTheSameTime_AreServedInRequestOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var desk = new Resource(sim);

        IEnumerable<Step> Customer(string name)
        {
            var request = desk.Request();
            yield return request;
            log.Add(name);
            yield return sim.Delay(1);
            desk.Release(request);
        }

        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            sim.Start(Customer(name));
        }

        sim.Run();

        Assert.Equal(["0: a", "1: b", "2: c", "3: d"], log.Entries);
    }

    [Fact]
    public void Release_GrantsTheNextWaiter_WhichResumesAfterTheReleasingProcessContinues()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var desk = new Resource(sim);

        IEnumerable<Step> Holder()
        {
            var request = desk.Request();
            yield return request;
            yield return sim.Delay(4);
            desk.Release(request);
            log.Add("holder released");
            yield return sim.Delay(0);
            log.Add("holder after a zero delay");
        }

        IEnumerable<Step> Waiter()
        {
            var request = desk.Request();
            yield return request;
            log.Add("waiter granted");
            desk.Release(request);
        }

        sim.Start(Holder());
        sim.Start(Waiter());
        sim.Run();

        // The grant is a Normal event scheduled by Release, before the holder's zero delay.
        Assert.Equal(["4: holder released", "4: waiter granted", "4: holder after a zero delay"], log.Entries);
    }

    [Fact]
    public void InUse_QueueLength_AndGrantedAt_FollowTheRequests()
    {
        var sim = new Simulator();
        var desk = new Resource(sim, capacity: 1, name: "desk");
        Request? first = null;
        Request? second = null;

        IEnumerable<Step> Customer(double arriveAt, bool isFirst)
        {
            yield return sim.Delay(arriveAt);
            var request = desk.Request();
            if (isFirst)
            {
                first = request;
            }
            else
            {
                second = request;
            }

            yield return request;
            yield return sim.Delay(3);
            desk.Release(request);
        }

        sim.Start(Customer(1, isFirst: true));
        sim.Start(Customer(2, isFirst: false));

        sim.Run(2.5);
        Assert.Equal(1, desk.InUse);
        Assert.Equal(1, desk.QueueLength);
        Assert.Equal(1, first!.GrantedAt);
        Assert.True(double.IsNaN(second!.GrantedAt));
        Assert.Equal("Resource(desk, 1/1 in use, 1 waiting)", desk.ToString());

        sim.Run(4.5);
        Assert.Equal(1, desk.InUse);
        Assert.Equal(0, desk.QueueLength);
        Assert.Equal(4, second.GrantedAt);

        sim.Run();
        Assert.Equal(0, desk.InUse);
    }

    [Fact]
    public void BusyUnitTime_IsTheIntegralOfUnitsInUse()
    {
        var sim = new Simulator();
        var crew = new Resource(sim, capacity: 2);

        IEnumerable<Step> Job(double start, double duration)
        {
            yield return sim.Delay(start);
            var request = crew.Request();
            yield return request;
            yield return sim.Delay(duration);
            crew.Release(request);
        }

        sim.Start(Job(0, 4)); // holds [0, 4]
        sim.Start(Job(1, 2)); // holds [1, 3]

        sim.Run(2);
        Assert.Equal(3, crew.BusyUnitTime, 12); // 2 + 1, read while both units are in use

        sim.Run(10);
        Assert.Equal(6, crew.BusyUnitTime, 12); // 4 + 2
    }

    [Fact]
    public void Release_OfAWaitingRequest_WithdrawsIt_AndTheNextWaiterIsServed()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var desk = new Resource(sim);

        IEnumerable<Step> Holder()
        {
            var request = desk.Request();
            yield return request;
            yield return sim.Delay(5);
            desk.Release(request);
        }

        IEnumerable<Step> Impatient()
        {
            yield return sim.Delay(1);
            var request = desk.Request();
            yield return sim.AnyOf(request, sim.Timeout(1));
            if (!request.IsProcessed)
            {
                desk.Release(request);
                log.Add("impatient reneged");
            }
        }

        IEnumerable<Step> Patient()
        {
            yield return sim.Delay(3);
            var request = desk.Request();
            yield return request;
            log.Add("patient granted");
            desk.Release(request);
        }

        sim.Start(Holder());
        sim.Start(Impatient());
        sim.Start(Patient());
        sim.Run();

        Assert.Equal(["2: impatient reneged", "5: patient granted"], log.Entries);
        Assert.Equal(0, desk.InUse);
        Assert.Equal(0, desk.QueueLength);
    }

    [Fact]
    public void Release_AfterAnInterruptedWait_WithdrawsTheRequest()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var desk = new Resource(sim);

        IEnumerable<Step> Holder()
        {
            var request = desk.Request();
            yield return request;
            yield return sim.Delay(5);
            desk.Release(request);
        }

        IEnumerable<Step> Called()
        {
            var self = sim.ActiveProcess!;
            var request = desk.Request();
            yield return request;
            if (self.TryGetInterrupt(out _))
            {
                desk.Release(request);
                log.Add("called away");
            }
        }

        IEnumerable<Step> Next()
        {
            yield return sim.Delay(2);
            var request = desk.Request();
            yield return request;
            log.Add("next granted");
        }

        sim.Start(Holder());
        var called = sim.Start(Called());
        sim.Start(Next());
        sim.Schedule(1, () => called.Interrupt());
        sim.Run();

        Assert.Equal(["1: called away", "5: next granted"], log.Entries);
        Assert.Equal(1, desk.InUse);
    }
}
