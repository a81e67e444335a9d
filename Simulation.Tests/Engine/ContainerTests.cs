using System.Globalization;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class ContainerTests
{
    [Fact]
    public void PutAndGet_ChangeTheLevelAtOnce()
    {
        var sim = new Simulator();
        var tank = new Container(sim, capacity: 100, initialLevel: 30, name: "tank");

        var put = tank.Put(25);
        Assert.Equal(55, tank.Level);
        var get = tank.Get(40);
        Assert.Equal(15, tank.Level);

        sim.Run();
        Assert.True(put.IsOk);
        Assert.True(get.IsOk);
        Assert.Equal(100, tank.Capacity);
        Assert.Equal("tank", tank.Name);
    }

    [Fact]
    public void Get_WaitsUntilTheLevelCoversIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var cash = new Container(sim, initialLevel: 10);

        IEnumerable<Step> Buyer()
        {
            yield return cash.Get(25);
            log.Add(Level("paid", cash));
        }

        sim.Start(Buyer());
        sim.Schedule(2, () => cash.Put(10)); // 20: not enough yet
        sim.Schedule(3, () => cash.Put(10)); // 30: covers 25
        sim.Run();

        Assert.Equal(["3: paid, level 5"], log.Entries);
    }

    [Fact]
    public void Put_WaitsUntilThereIsRoom()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var silo = new Container(sim, capacity: 50, initialLevel: 40);

        IEnumerable<Step> Harvest()
        {
            yield return silo.Put(30);
            log.Add(Level("stored", silo));
        }

        sim.Start(Harvest());
        sim.Schedule(1, () => silo.Get(10)); // 30: 60 would still overflow
        sim.Schedule(4, () => silo.Get(15)); // 15: room for 30
        sim.Run();

        Assert.Equal(["4: stored, level 45"], log.Entries);
    }

    [Fact]
    public void Gets_AreServedStrictlyInArrivalOrder_SoALargeGetBlocksASmallOneBehindIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var stock = new Container(sim, initialLevel: 5);

        IEnumerable<Step> Order(string name, double arriveAt, double amount)
        {
            yield return sim.Delay(arriveAt);
            yield return stock.Get(amount);
            log.Add(name);
        }

        sim.Start(Order("large", 1, 20));
        sim.Start(Order("small", 2, 3));
        sim.Schedule(4, () => stock.Put(20));
        sim.Run();

        Assert.Equal(["4: large", "4: small"], log.Entries);
        Assert.Equal(2, stock.Level);
    }

    [Fact]
    public void CancelledGet_StopsBlockingTheGetsBehindIt()
    {
        var sim = new Simulator();
        var stock = new Container(sim, initialLevel: 5);

        var large = stock.Get(20);
        var small = stock.Get(3);
        Assert.False(small.IsTriggered);

        large.Cancel();
        stock.Put(1); // any change rebalances: the cancelled get is dropped and the small one served
        sim.Run();

        Assert.True(large.IsCancelled);
        Assert.False(large.IsTriggered);
        Assert.True(small.IsOk);
        Assert.Equal(3, stock.Level);
    }

    private static string Level(string what, Container container) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}, level {container.Level}");
}
