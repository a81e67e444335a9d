using System.Globalization;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

public sealed class FilterStoreTests
{
    [Fact]
    public void Get_TakesTheOldestItemTheFilterAccepts()
    {
        var sim = new Simulator();
        var bins = new FilterStore<int>(sim);
        foreach (int item in new[] { 1, 8, 3, 6, 4 })
        {
            bins.Put(item);
        }

        var even = bins.Get(x => x % 2 == 0);
        var any = bins.Get();
        sim.Run();

        Assert.Equal(8, even.Item);
        Assert.Equal(1, any.Item);
        Assert.Equal([3, 6, 4], bins.Items);
    }

    [Fact]
    public void GetThatFindsNothing_DoesNotBlockLaterGets()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var bins = new FilterStore<int>(sim);

        IEnumerable<Step> Consumer(string name, Predicate<int>? filter)
        {
            var get = bins.Get(filter);
            yield return get;
            log.Add(string.Create(CultureInfo.InvariantCulture, $"{name} got {get.Item}"));
        }

        sim.Start(Consumer("wants-even", x => x % 2 == 0));
        sim.Start(Consumer("wants-any", null));
        sim.Schedule(1, () => bins.Put(5));
        sim.Schedule(2, () => bins.Put(7));
        sim.Schedule(3, () => bins.Put(4));
        sim.Run();

        Assert.Equal(["1: wants-any got 5", "3: wants-even got 4"], log.Entries);
        Assert.Equal([7], bins.Items);
    }

    [Fact]
    public void WaitingGets_WithMatchingFilters_AreServedInArrivalOrder()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var bins = new FilterStore<string>(sim);

        IEnumerable<Step> Consumer(string name, double arriveAt)
        {
            yield return sim.Delay(arriveAt);
            var get = bins.Get(s => s.StartsWith('a'));
            yield return get;
            log.Add(name + " got " + get.Item);
        }

        sim.Start(Consumer("second", 2));
        sim.Start(Consumer("first", 1));
        sim.Schedule(5, () =>
        {
            bins.Put("b1");
            bins.Put("a1");
            bins.Put("a2");
        });
        sim.Run();

        Assert.Equal(["5: first got a1", "5: second got a2"], log.Entries);
        Assert.Equal(["b1"], bins.Items);
    }

    [Fact]
    public void Put_IntoAFullFilterStore_WaitsUntilAGetMakesRoom()
    {
        var sim = new Simulator();
        var log = new EventLog(sim);
        var bins = new FilterStore<int>(sim, capacity: 1);

        IEnumerable<Step> Producer()
        {
            yield return bins.Put(1);
            log.Add("put 1");
            yield return bins.Put(2);
            log.Add("put 2");
        }

        sim.Start(Producer());
        sim.Schedule(4, () => bins.Get());
        sim.Run();

        Assert.Equal(["0: put 1", "4: put 2"], log.Entries);
        Assert.Equal([2], bins.Items);
        Assert.Equal(1, bins.Count);
    }

    [Fact]
    public void CancelledGet_IsNotServed()
    {
        var sim = new Simulator();
        var bins = new FilterStore<int>(sim);
        var cancelled = bins.Get(x => x > 10);
        var other = bins.Get(x => x > 10);

        cancelled.Cancel();
        bins.Put(42);
        sim.Run();

        Assert.True(cancelled.IsCancelled);
        Assert.False(cancelled.IsTriggered);
        Assert.Equal(42, other.Item);
    }
}
