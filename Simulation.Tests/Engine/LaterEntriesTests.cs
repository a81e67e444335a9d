using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>
/// Deep queues, where the later entries leave the heap for time buckets and the current bucket is
/// fired from a sorted run (<see cref="LaterEntries"/>): the queue must still hand every entry out in
/// the total order (time, priority, sequence), with its own target, through spreading, the run, zero-
/// delay lanes, horizons, ties in bulk, and bucketing starting and stopping as the queue grows and
/// drains.
/// </summary>
public sealed class LaterEntriesTests
{
    private static readonly int[] Priorities = [EventPriority.Urgent, EventPriority.High, EventPriority.Normal, EventPriority.Low];

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)] // whole-day times: ties within buckets, between the run and the heap, and with the lanes
    public void AQueueThatGrowsDrainsAndGrowsAgain_ComesOutInKeyOrder(int seed, bool wholeDays)
    {
        var checker = new CheckedQueue(seed, wholeDays);

        // Past the spreading threshold (16,384), down below the point where bucketing stops (4,096),
        // and up again, with pops and pushes interleaved as firing processes do.
        foreach (int size in new[] { 40_000, 1_000, 30_000, 0 })
        {
            checker.RunUntilSize(size);
        }

        checker.AssertOnlyNeverLeft();
        Assert.True(checker.Popped > 100_000, $"only {checker.Popped} pops");
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    public void HoldingADeepQueue_WithLanesAndHorizons_ComesOutInKeyOrder(int seed, bool wholeDays)
    {
        var checker = new CheckedQueue(seed, wholeDays) { ZeroDelayShare = 0.2, HorizonShare = 0.1 };
        checker.RunUntilSize(50_000);
        checker.Hold(steps: 150_000);
        checker.RunUntilSize(0);
        checker.AssertOnlyNeverLeft();
    }

    [Fact]
    public void EntriesThatSpanNoTime_StayInTheHeap_InPriorityThenSequenceOrder()
    {
        // 40,000 entries at one time cannot be spread over buckets; then a few later ones can.
        var queue = new EventQueue();
        var expected = new List<(double Time, int Priority, long Sequence)>();
        long sequence = 0;
        var random = new Random(5);
        for (; sequence < 40_000; sequence++)
        {
            int priority = Priorities[random.Next(Priorities.Length)];
            queue.Push(7, priority, sequence, sequence, now: 0);
            expected.Add((7, priority, sequence));
        }

        for (; sequence < 60_000; sequence++)
        {
            double time = 7 + random.Next(1, 5) * 0.25;
            queue.Push(time, EventPriority.Normal, sequence, sequence, now: 0);
            expected.Add((time, EventPriority.Normal, sequence));
        }

        expected.Sort();
        var popped = PopAll(queue);

        Assert.Equal(expected, popped);
    }

    [Fact]
    public void ADeepQueueOfFewDistinctTimes_FiresEachTimeInPriorityThenSequenceOrder()
    {
        // 30,000 entries over three times a day apart: each bucket holds one time, sorted by the
        // rest of the key; +infinity waits in the overflow and never fires.
        var queue = new EventQueue();
        var expected = new List<(double Time, int Priority, long Sequence)>();
        var random = new Random(9);
        for (long sequence = 0; sequence < 30_000; sequence++)
        {
            double time = sequence % 97 == 0 ? double.PositiveInfinity : random.Next(3);
            int priority = Priorities[random.Next(Priorities.Length)];
            queue.Push(time, priority, sequence, sequence, now: -1);
            expected.Add((time, priority, sequence));
        }

        expected.Sort();
        var popped = PopAll(queue);

        Assert.Equal(expected.Where(e => double.IsFinite(e.Time)), popped);
        Assert.Equal(expected.Count(e => !double.IsFinite(e.Time)), queue.Count);
        Assert.Equal(double.PositiveInfinity, queue.PeekTime());
    }

    /// <summary>Every entry that fires, in the order it fires; each entry's target is its sequence.</summary>
    private static List<(double Time, int Priority, long Sequence)> PopAll(EventQueue queue)
    {
        var popped = new List<(double Time, int Priority, long Sequence)>();
        while (queue.TryPopBefore(double.PositiveInfinity, out var entry))
        {
            Assert.Equal(entry.Sequence, (long)entry.Target);
            popped.Add((entry.Time, entry.Priority, entry.Sequence));
            queue.ReleaseHeld();
        }

        return popped;
    }

    /// <summary>An <see cref="EventQueue"/> driven like a simulator's, every pop checked against a
    /// sorted reference.</summary>
    private sealed class CheckedQueue(int seed, bool wholeDays)
    {
        private readonly Random _random = new(seed);
        private readonly SortedSet<(double Time, int Priority, long Sequence)> _reference = [];
        private readonly Dictionary<long, object> _targets = [];
        private long _sequence;
        private double _now;

        public EventQueue Queue { get; } = new();

        public long Popped { get; private set; }

        /// <summary>The share of pushes at the clock's time (the zero-delay lanes, at urgent or normal
        /// priority, or the heap at another).</summary>
        public double ZeroDelayShare { get; init; }

        /// <summary>The share of pops asked only for entries before a horizon, which may refuse.</summary>
        public double HorizonShare { get; init; }

        /// <summary>Pops and pushes, as firing processes do, until the queue holds
        /// <paramref name="size"/> entries: growing with two pushes a pop, shrinking with none.</summary>
        public void RunUntilSize(int size)
        {
            while (_reference.Count < size)
            {
                Push(Later());
                if (_reference.Count % 3 == 0)
                {
                    Step(reschedules: 1);
                }
            }

            while (_reference.Count > size && double.IsFinite(_reference.Min.Time))
            {
                Step(reschedules: _random.Next(4) == 0 ? 1 : 0);
            }
        }

        /// <summary>Only +infinity entries are left, and the queue holds as many and fires none.</summary>
        public void AssertOnlyNeverLeft()
        {
            Assert.All(_reference, left => Assert.Equal(double.PositiveInfinity, left.Time));
            Assert.Equal(_reference.Count, Queue.Count);
            Assert.Equal(double.PositiveInfinity, Queue.PeekTime());
            Assert.False(Queue.TryPopBefore(double.PositiveInfinity, out _));
        }

        /// <summary>Pops with about one push a pop, so the size stays near where it is.</summary>
        public void Hold(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                int roll = _random.Next(10);
                Step(reschedules: roll < 8 ? 1 : roll < 9 ? 2 : 0);
            }
        }

        private void Step(int reschedules)
        {
            var expected = _reference.Min;
            Assert.Equal(expected.Time, Queue.PeekTime());
            if (_random.NextDouble() < HorizonShare)
            {
                // A horizon at the next entry's time, or between the clock and it: nothing is before
                // it, so nothing is taken.
                double horizon = _random.Next(2) == 0 ? expected.Time : (_now + expected.Time) / 2;
                Assert.False(Queue.TryPopBefore(horizon, out _));
                Assert.Equal(_reference.Count, Queue.Count);
            }

            // As a waiting process does: take the next entry only if it is the lane entry of this
            // target and sequence. Only the very next entry may be taken that way.
            Assert.False(Queue.TryPopIfNext(new object(), expected.Sequence, double.PositiveInfinity, out _));
            EventQueue.Entry entry;
            if (!(_random.Next(3) == 0 &&
                  Queue.TryPopIfNext(_targets[expected.Sequence], expected.Sequence, double.PositiveInfinity, out entry)))
            {
                Assert.True(Queue.TryPopBefore(double.PositiveInfinity, out entry));
            }

            _reference.Remove(expected);
            Assert.Equal(expected, (entry.Time, entry.Priority, entry.Sequence));
            Assert.Same(_targets[expected.Sequence], entry.Target);
            _targets.Remove(expected.Sequence);
            Popped++;
            _now = entry.Time;
            for (int i = 0; i < reschedules; i++)
            {
                // The first reschedule is the fired target's own, reusing its held handle.
                Push(Later(), i == 0 ? entry.Target : null);
            }

            Queue.ReleaseHeld();
            Assert.Equal(_reference.Count, Queue.Count);
        }

        private void Push(double time, object? target = null)
        {
            int priority = Priorities[_random.Next(Priorities.Length)];
            target ??= new object();
            Queue.Push(time, priority, _sequence, target, _now);
            _reference.Add((time, priority, _sequence));
            _targets.Add(_sequence++, target);
        }

        // Now and then never (+infinity), which stays behind every finite entry.
        private double Later()
        {
            if (_random.Next(200) == 0)
            {
                return double.PositiveInfinity;
            }

            if (_random.NextDouble() < ZeroDelayShare)
            {
                return _now;
            }

            return _now + (wholeDays ? _random.Next(1, 4) : -Math.Log(1 - _random.NextDouble()));
        }
    }
}
