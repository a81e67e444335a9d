using System.Globalization;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class StoreTests
{
    [Fact]
    public void Get_WaitsUntilAnItemIsPut_AndReceivesIt()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var parcels = new Store<string>(sim);

        IEnumerable<Step> Consumer()
        {
            var get = parcels.Get();
            yield return get;
            log.Add("got " + get.Item);
        }

        sim.Start(Consumer());
        sim.Schedule(3, () => parcels.Put("parcel-1"));
        sim.Run();

        Assert.Equal(["3: got parcel-1"], log.Entries);
        Assert.Equal(0, parcels.Count);
    }

    [Fact]
    public void Items_LeaveInTheOrderTheyWerePut()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var parcels = new Store<int>(sim);

        IEnumerable<Step> Consumer()
        {
            for (int i = 0; i < 3; i++)
            {
                var get = parcels.Get();
                yield return get;
                log.Add("got " + get.Item.ToString(CultureInfo.InvariantCulture));
            }
        }

        parcels.Put(30);
        parcels.Put(10);
        parcels.Put(20);
        sim.Start(Consumer());
        sim.Run();

        Assert.Equal(["0: got 30", "0: got 10", "0: got 20"], log.Entries);
    }

    [Fact]
    public void WaitingGets_AreServedInArrivalOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var parcels = new Store<string>(sim);

        IEnumerable<Step> Consumer(string name, double arriveAt)
        {
            yield return sim.Delay(arriveAt);
            var get = parcels.Get();
            yield return get;
            log.Add(name + " got " + get.Item);
        }

        sim.Start(Consumer("second", 2));
        sim.Start(Consumer("first", 1));
        sim.Schedule(5, () => parcels.Put("x"));
        sim.Schedule(6, () => parcels.Put("y"));
        sim.Run();

        Assert.Equal(["5: first got x", "6: second got y"], log.Entries);
    }

    [Fact]
    public void Put_IntoAFullStore_WaitsUntilAGetMakesRoom()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var shelf = new Store<int>(sim, capacity: 2);

        IEnumerable<Step> Producer()
        {
            for (int item = 1; item <= 3; item++)
            {
                yield return shelf.Put(item);
                log.Add(string.Create(CultureInfo.InvariantCulture, $"put {item} ({shelf.Count} on shelf)"));
            }
        }

        IEnumerable<Step> Consumer()
        {
            yield return sim.Delay(5);
            var get = shelf.Get();
            yield return get;
            log.Add(string.Create(CultureInfo.InvariantCulture, $"got {get.Item}"));
        }

        sim.Start(Producer());
        sim.Start(Consumer());
        sim.Run();

        // The get is served first, and that makes room for the waiting put in the same instant.
        Assert.Equal(["0: put 1 (1 on shelf)", "0: put 2 (2 on shelf)", "5: got 1", "5: put 3 (2 on shelf)"], log.Entries);
        Assert.Equal(2, shelf.Count);
        Assert.Equal(2, shelf.Capacity);
    }

    [Fact]
    public void CancelledGet_IsSkipped_AndTheItemGoesToTheNextGet()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var parcels = new Store<string>(sim);

        IEnumerable<Step> Impatient()
        {
            var get = parcels.Get();
            yield return sim.AnyOf(get, sim.Timeout(1));
            if (!get.IsTriggered)
            {
                get.Cancel();
                log.Add("impatient left");
            }
        }

        IEnumerable<Step> Patient()
        {
            yield return sim.Delay(0.5);
            var get = parcels.Get();
            yield return get;
            log.Add("patient got " + get.Item);
        }

        sim.Start(Impatient());
        sim.Start(Patient());
        sim.Schedule(2, () => parcels.Put("late parcel"));
        sim.Run();

        Assert.Equal(["1: impatient left", "2: patient got late parcel"], log.Entries);
    }

    [Fact]
    public void Cancel_AfterTheGetWasServed_DoesNothing()
    {
        var sim = new Simulator();
        var parcels = new Store<string>(sim);
        parcels.Put("p");

        var get = parcels.Get();
        get.Cancel();
        sim.Run();

        Assert.False(get.IsCancelled);
        Assert.Equal("p", get.Item);
        Assert.True(get.IsOk);
    }
}
