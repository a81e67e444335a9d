using Simulation.Core.Network;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Mechanisms;

/// <summary>
/// The calendar of shipments in transit alone: arrivals come out in time order (ties in the order they
/// were added), also from the bucket already opened, and a calendar made after another was released
/// (reusing its bucket arrays, holding the earlier calendar's shipments) returns its own shipments only.
/// </summary>
public sealed class ArrivalCalendarTests
{
    [Fact]
    public void Arrivals_ComeOutInTimeOrder_TiesInTheOrderAdded()
    {
        var calendar = new ArrivalCalendar(horizon: 50);
        var expected = AddRandom(calendar, seed: 1, count: 5_000, horizon: 50);

        Assert.Equal(expected, TakeAll(calendar));
        calendar.Release();
    }

    [Fact]
    public void AReleasedCalendarsArrays_DoNotLeakIntoTheNext()
    {
        // The first calendar fills many buckets with more shipments than the second adds to any of
        // them, and is released with buckets still unopened: the second gets those arrays back (unless a
        // calendar of a test running alongside takes them first).
        var first = new ArrivalCalendar(horizon: 40);
        AddRandom(first, seed: 2, count: 20_000, horizon: 40);
        for (int i = 0; i < 100 && first.TryPeek(out _); i++)
        {
            first.Take();
        }

        first.Release();

        var second = new ArrivalCalendar(horizon: 40);
        var expected = AddRandom(second, seed: 3, count: 300, horizon: 40);
        var taken = TakeAll(second);

        Assert.Equal(300, taken.Count);
        Assert.Equal(expected, taken);
        second.Release();
    }

    [Fact]
    public void AShipmentForTheOpenBucket_StillComesOutInOrder()
    {
        var calendar = new ArrivalCalendar(horizon: 10);
        calendar.Add(1.0, link: 0, stock: 0, supplier: 0, quantity: 1, orderId: 1, placedAt: 0);
        calendar.Add(1.1, link: 0, stock: 0, supplier: 0, quantity: 2, orderId: 2, placedAt: 0);
        Assert.True(calendar.TryPeek(out double first));
        Assert.Equal(1.0, first);
        Assert.Equal(1, calendar.Take().OrderId);

        // 1.05 falls in the bucket now open, and 1.1 in it too: the late one goes between them.
        calendar.Add(1.05, link: 0, stock: 0, supplier: 0, quantity: 3, orderId: 3, placedAt: 1);
        calendar.Add(1.1, link: 0, stock: 0, supplier: 0, quantity: 4, orderId: 4, placedAt: 1);
        Assert.Equal([3L, 2L, 4L], TakeAll(calendar).Select(a => a.Order).ToArray());
        Assert.False(calendar.TryPeek(out double none));
        Assert.Equal(double.PositiveInfinity, none);
        calendar.Release();
    }

    private static List<(double Time, long Order)> AddRandom(ArrivalCalendar calendar, ulong seed, int count, double horizon)
    {
        var stream = new RandomStream(seed);
        var added = new List<(double Time, long Order)>();
        for (int i = 0; i < count; i++)
        {
            // Whole days half the time: ties, as the model's day-based events make them.
            double time = stream.NextUnitOpen() < 0.5 ? Math.Floor(stream.NextUnitOpen() * horizon) : stream.NextUnitOpen() * horizon;
            Assert.True(calendar.Add(time, link: i, stock: 0, supplier: 0, quantity: i, orderId: i, placedAt: 0));
            added.Add((time, i));
        }

        Assert.False(calendar.Add(horizon, link: 0, stock: 0, supplier: 0, quantity: 0, orderId: -1, placedAt: 0));
        return [.. added.OrderBy(a => a.Time)]; // OrderBy is stable: ties stay in the order added
    }

    private static List<(double Time, long Order)> TakeAll(ArrivalCalendar calendar)
    {
        var taken = new List<(double Time, long Order)>();
        while (calendar.TryPeek(out double time))
        {
            var arrival = calendar.Take();
            Assert.Equal(time, arrival.Time);
            taken.Add((arrival.Time, arrival.OrderId));
        }

        return taken;
    }
}
