using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>
/// The queue against a sorted reference: whatever its layout, it must hand entries out in the total
/// order (time, priority, sequence), with each entry's own target.
/// </summary>
public sealed class EventQueueTests
{
    private static readonly int[] Priorities = [EventPriority.Urgent, EventPriority.High, EventPriority.Normal, EventPriority.Low];

    [Theory]
    [InlineData(1, 10, false)] // shallow, distinct times
    [InlineData(2, 1_000, false)]
    [InlineData(3, 20_000, false)] // deep: past the prefetching threshold, grown several times
    [InlineData(4, 10, true)] // whole-day times: ties in the heap and with the lanes all the time
    [InlineData(5, 1_000, true)]
    [InlineData(6, 20_000, true)]
    public void RandomPushesAndPops_ComeOutInKeyOrder(int seed, int live, bool wholeDays)
    {
        var random = new Random(seed);
        var queue = new EventQueue();
        var reference = new SortedSet<(double Time, int Priority, long Sequence)>();
        var targets = new Dictionary<long, object>();
        long sequence = 0;
        double now = 0;

        void Push(double time, object? target = null)
        {
            int priority = Priorities[random.Next(Priorities.Length)];
            target ??= new object();
            queue.Push(time, priority, sequence, target, now);
            reference.Add((time, priority, sequence));
            targets.Add(sequence++, target);
        }

        // Now and then never (+infinity): such entries stay below every finite one until the end.
        double Later() => random.Next(100) == 0 ? double.PositiveInfinity
            : now + (wholeDays ? random.Next(3) : random.NextDouble() * 10);

        for (int i = 0; i < live; i++)
        {
            Push(Later());
        }

        for (int step = 0; step < 20 * live + 2_000 && double.IsFinite(reference.Min.Time); step++)
        {
            Assert.True(queue.TryPopBefore(double.PositiveInfinity, out var entry));
            var expected = reference.Min;
            reference.Remove(expected);
            Assert.Equal(expected, (entry.Time, entry.Priority, entry.Sequence));
            Assert.Same(targets[expected.Sequence], entry.Target);
            targets.Remove(expected.Sequence);
            now = entry.Time;

            // Like a firing process: usually reschedule the same target (reusing its held handle),
            // sometimes schedule more or nothing, so the heap both grows and shrinks.
            int roll = random.Next(10);
            if (roll < 7)
            {
                Push(Later(), entry.Target);
            }
            else if (roll < 9 || reference.Count < live / 2)
            {
                Push(Later());
                Push(Later());
            }

            queue.ReleaseHeld();
            Assert.Equal(reference.Count, queue.Count);
        }

        while (queue.TryPopBefore(double.PositiveInfinity, out var entry))
        {
            var expected = reference.Min;
            reference.Remove(expected);
            Assert.Equal(expected, (entry.Time, entry.Priority, entry.Sequence));
            queue.ReleaseHeld();
        }

        Assert.All(reference, left => Assert.Equal(double.PositiveInfinity, left.Time));
        Assert.Equal(reference.Count, queue.Count);
    }

    [Fact]
    public void NegativeZero_IsTheSameTimeAsZero_SoSequenceDecides()
    {
        var queue = new EventQueue();
        var first = new object();
        var second = new object();
        var third = new object();
        queue.Push(0.0, EventPriority.Low, 0, first, now: -1);
        queue.Push(-0.0, EventPriority.Low, 1, second, now: -1);
        queue.Push(-0.0, EventPriority.High, 2, third, now: -1);

        Assert.Equal(0.0, queue.PeekTime());
        Assert.Equal([third, first, second], PopAll(queue));
    }

    [Fact]
    public void InfiniteTimes_ComeAfterEveryFiniteTime_AndNeverFire()
    {
        var queue = new EventQueue();
        var targets = Enumerable.Range(0, 12).Select(_ => new object()).ToArray();
        for (int i = 0; i < 10; i++)
        {
            queue.Push(double.PositiveInfinity, EventPriority.Normal, i, targets[i], now: 0);
        }

        queue.Push(5, EventPriority.Normal, 10, targets[10], now: 0);
        queue.Push(double.MaxValue, EventPriority.Normal, 11, targets[11], now: 0);

        Assert.True(queue.TryPopBefore(double.PositiveInfinity, out var a));
        Assert.Same(targets[10], a.Target);
        queue.ReleaseHeld();
        Assert.True(queue.TryPopBefore(double.PositiveInfinity, out var b));
        Assert.Same(targets[11], b.Target);
        queue.ReleaseHeld();
        Assert.False(queue.TryPopBefore(double.PositiveInfinity, out _));
        Assert.Equal(double.PositiveInfinity, queue.PeekTime());
        Assert.Equal(10, queue.Count);
    }

    [Fact]
    public void ManyEntriesAtOneTime_ComeOutByPriorityThenSequence_AcrossGrowth()
    {
        var queue = new EventQueue();
        var random = new Random(7);
        var expected = new List<(int Priority, long Sequence)>();
        for (long sequence = 0; sequence < 5_000; sequence++)
        {
            int priority = random.Next(4) * 50;
            queue.Push(3, priority, sequence, sequence, now: 0);
            expected.Add((priority, sequence));
        }

        expected.Sort();
        var popped = new List<(int Priority, long Sequence)>();
        while (queue.TryPopBefore(double.PositiveInfinity, out var entry))
        {
            Assert.Equal(3, entry.Time);
            Assert.Equal(entry.Sequence, (long)entry.Target);
            popped.Add((entry.Priority, entry.Sequence));
            queue.ReleaseHeld();
        }

        Assert.Equal(expected, popped);
    }

    [Fact]
    public void SiblingGroup_AvxAndScalar_MarkExactlyTheChildrenWithTheLeastTime()
    {
        var random = new Random(11);
        var times = new double[SiblingGroup.Size];
        for (int round = 0; round < 20_000; round++)
        {
            int distinct = 1 + random.Next(SiblingGroup.Size);
            for (int i = 0; i < times.Length; i++)
            {
                int pick = random.Next(distinct);
                times[i] = pick == 0 && round % 3 == 0 ? double.PositiveInfinity : pick * 0.5;
            }

            double least = times.Min();
            uint expected = 0;
            for (int i = 0; i < times.Length; i++)
            {
                expected |= (times[i] == least ? 1u : 0u) << i;
            }

            Assert.Equal(expected, SiblingGroup.LeastTimeMaskScalar(ref times[0]));
            Assert.Equal(expected, SiblingGroup.LeastTimeMask(ref times[0]));
            if (System.Runtime.Intrinsics.X86.Avx.IsSupported)
            {
                Assert.Equal(expected, SiblingGroup.LeastTimeMaskAvx(ref times[0]));
            }
        }
    }

    private static List<object> PopAll(EventQueue queue)
    {
        var targets = new List<object>();
        while (queue.TryPopBefore(double.PositiveInfinity, out var entry))
        {
            targets.Add(entry.Target);
            queue.ReleaseHeld();
        }

        return targets;
    }

    [Fact]
    public void AProcess_IsAsLongAsTheLookAheadPrefetches()
    {
        // The deep heap's look-ahead prefetches a process's lines up to its last field, assuming its
        // size (CachePrefetch.ProcessBytes); a field added to Process or Event must update it.
        _ = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Process)); // its first call caches a factory
        long before = GC.GetAllocatedBytesForCurrentThread();
        var process = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Process));
        long size = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(process);
        Assert.Equal(CachePrefetch.ProcessBytes, size);
    }
}
