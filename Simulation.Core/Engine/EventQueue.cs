using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// The pending-entry queue: an 8-ary min-heap ordered by (time, priority, sequence), plus two FIFO lanes
/// for zero-delay entries at <see cref="EventPriority.Urgent"/> and <see cref="EventPriority.Normal"/>
/// priority and, in deep queues, the later entries in time buckets with a sorted run
/// (<see cref="LaterEntries"/>).
/// </summary>
/// <remarks>
/// <para>Why the lanes: triggering an event, granting a resource and starting a process all schedule at
/// the current time. Those entries arrive in key order (time never decreases and the sequence grows), so
/// a ring buffer keeps them sorted for O(1) instead of O(log n) heap work, and popping takes the least of
/// the three heads.</para>
/// <para>Why the heap looks the way it does (each point measured on the timeout benchmarks): a slot's
/// time (8 bytes) lives apart from the rest of its key, so the eight siblings of a group share one
/// 64-byte line (the time array is 64-byte aligned, pinned so the alignment holds, and the root sits at
/// slot 7), and a sift compares one line per level over log8(n) levels: at 100,000 entries six levels
/// where a 4-ary heap of 16-byte keys walked nine. The least of eight times is found without branches
/// (<see cref="SiblingGroup"/>). The heap holds no object references: each entry names its target by an
/// integer handle (4 bytes, beside the times in an array of their own) into a table of targets, taken
/// when the entry is pushed and given back after it has fired, so a sift moves plain numbers and takes
/// no write barrier. The rest of the key (priority and sequence) is kept in the table too, where a pop
/// reads it beside the target; the heap reads it only when times tie, which the network model's
/// whole-day events do often. Moving it through the heap at every level was half of the deep
/// workload's time, waiting for the lines of 16-byte payloads. A process that reschedules itself
/// while firing gets its own
/// handle back, its slot untouched. Sifting down is bottom-up (Floyd): the hole goes to a leaf by the
/// least child, and the placed entry then rises the usual level or less. Every slot past the last
/// entry holds the padding key (+infinity, last in order), so a partial group is compared like a full
/// one. A popped root is left vacant until the next heap push, which fills it and sifts once, because a
/// firing process usually schedules its next delay at once. In deep heaps each sift ends by prefetching
/// what the next three entries will touch (<see cref="CachePrefetch"/>).</para>
/// <para>Why the later entries: from <see cref="SpreadFrom"/> heap entries on, the heap gives its
/// entries to <see cref="LaterEntries"/>, keeps only those due within the current bucket, and each pop
/// takes the first of the lanes' heads, the root and the run's head. A heap knows the next entries
/// only two or three events ahead, too late to fetch 100,000 processes from memory in time; the run
/// knows hundreds, and fetches each target sixteen entries ahead.</para>
/// <para>Nothing is allocated per entry once the arrays have grown.</para>
/// </remarks>
internal sealed class EventQueue
{
    /// <summary>The slot of the root: node n is at slot n + 7, so sibling groups start at multiples of 8.</summary>
    private const int RootSlot = 7;

    private const int FirstChildOfRoot = RootSlot + 1;

    private const int InitialCapacity = 256;

    /// <summary>From this many slots on, the heap and its targets no longer stay in the processor's
    /// caches, and prefetching the next targets pays.</summary>
    private const int PrefetchFromSlots = 4096;

    /// <summary>From this many heap entries on, the later ones move to <see cref="LaterEntries"/>.</summary>
    private const int SpreadFrom = 16384;

    /// <summary>Bucketing stops when fewer than this many later entries are left to spread, and the heap
    /// takes them all (a quarter of <see cref="SpreadFrom"/>, so that a queue hovering near that size
    /// does not spread and gather again and again).</summary>
    private const int SpreadAtLeast = SpreadFrom / 4;

    private double[] _timeStore = [];
    private int _timeBase;
    private int[] _handles = [];
    private int _endSlot = RootSlot;
    private readonly TargetTable _table = new(InitialCapacity);
    private bool _rootVacant;
    private readonly Lane _urgent = new();
    private readonly Lane _normal = new();
    private readonly LaterEntries _later;
    private int _spreadAt = SpreadFrom;

    /// <summary>Whether <see cref="_later"/> is bucketing (its <see cref="LaterEntries.IsSpread"/>, and
    /// so whenever it has a run), kept here because every push and the inlined pop ask.</summary>
    private bool _spread;

    public EventQueue()
    {
        _later = new LaterEntries(_table);
        Grow(InitialCapacity);
    }

    public int Count => HeapCount + _later.Count + _urgent.Count + _normal.Count;

    private int HeapCount => _endSlot - RootSlot - (_rootVacant ? 1 : 0);

    /// <summary>Adds an entry. Lanes take zero-delay entries; <paramref name="now"/> is the clock.</summary>
    public void Push(double time, int priority, long sequence, object target, double now)
    {
        var key = new HeapKey(time, ((long)priority << 48) | sequence);
        if (time == now)
        {
            if (priority == EventPriority.Urgent)
            {
                _urgent.Enqueue(new Entry(key, target));
                return;
            }

            if (priority == EventPriority.Normal)
            {
                _normal.Enqueue(new Entry(key, target));
                return;
            }
        }

        int handle = _table.AddOrReuseHeld(target, key.Order);
        if (_spread)
        {
            PushWhileSpread(key.Time, key.Order, handle);
            return;
        }

        if (!TryFillVacantRoot(key.Time, key.Order, handle))
        {
            HeapPush(key.Time, key.Order, handle);
            if (HeapCount >= _spreadAt)
            {
                SpreadHeap();
            }
        }
    }

    /// <summary>The push while later entries are bucketed, out of line, so that the push of a shallow
    /// queue, which never buckets, stays as small as it was before the buckets: it is inlined into the
    /// simulator and from there into its callers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushWhileSpread(double time, long order, int handle)
    {
        if (!_later.TryKeep(time, handle) && !TryFillVacantRoot(time, order, handle))
        {
            HeapPush(time, order, handle);
        }
    }

    /// <summary>Puts an entry into the vacant root, if the root is vacant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFillVacantRoot(double time, long order, int handle)
    {
        if (!_rootVacant)
        {
            return false;
        }

        _rootVacant = false;
        SiftDownFromRoot(time, order, handle, _endSlot);
        return true;
    }

    /// <summary>The time of the next entry, or +infinity when empty.</summary>
    public double PeekTime()
    {
        if (LeastLane() is { } lane && LaneHeadComesFirst(in lane.Peek().Key))
        {
            return lane.Peek().Key.Time;
        }

        SettleRoot();
        if (RunComesFirst())
        {
            return _later.RunHeadTime;
        }

        return _endSlot > RootSlot ? TimeAt(RootSlot) : double.PositiveInfinity;
    }

    /// <summary>With the root settled: whether the later entries' run holds the least entry of the heap
    /// and the run (see <see cref="LaterEntries"/>).</summary>
    private bool RunComesFirst()
    {
        if (!_spread || !_later.HasRun)
        {
            return false;
        }

        if (_endSlot == RootSlot)
        {
            return true;
        }

        double runTime = _later.RunHeadTime;
        double rootTime = TimeAt(RootSlot);
        return runTime < rootTime ||
               (runTime == rootTime && _table.OrderOf(_later.RunHeadHandle) < _table.OrderOf(_handles[RootSlot]));
    }

    /// <summary>Takes the run's head, holding its handle as <see cref="PopRoot"/> does.</summary>
    private Entry PopRunHead()
    {
        double time = _later.RunHeadTime;
        var target = _table.Hold(_later.TakeRunHead(), out long order);
        return new Entry(new HeapKey(time, order), target);
    }

    /// <summary>Removes the least entry if its time is before <paramref name="until"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPopBefore(double until, out Entry entry)
    {
        // The common case in timeout-heavy models, inlined into the simulator's loop: empty lanes, no
        // run of later entries, and a root that the last push filled, so the root is the least entry.
        if (((_urgent.Count | _normal.Count) == 0) & !_rootVacant & (_endSlot > RootSlot) & !_spread)
        {
            if (TimeAt(RootSlot) < until)
            {
                entry = PopRoot();
                return true;
            }

            entry = default;
            return false;
        }

        if (_spread)
        {
            // Returned, not written through an out parameter: a call outside the loop taking the
            // entry's address would keep the inlined pops from holding it in registers.
            entry = PopBeforeWithRun(until);
            return entry.Target is not null;
        }

        return TryPopBeforeFromAny(until, out entry);
    }

    /// <summary>The pop with a lane entry or a vacant root, later entries not bucketed: the least lane
    /// head is compared once with the heap's least entry (the root, or with the root vacant the least
    /// of its children), and only a heap entry that comes first settles the root. Free of the run, so
    /// that the simulator's loop still takes it inline (with the run in it, it was called, and M/M/1
    /// took 11 % longer: benchmarks/README.md, kernel section, 2026-12-04).</summary>
    private bool TryPopBeforeFromAny(double until, out Entry entry)
    {
        Debug.Assert(!_spread, "with later entries bucketed, PopBeforeWithRun pops");
        if (LeastLane() is { } lane)
        {
            ref readonly var head = ref lane.Peek();
            if (LaneHeadBeforeHeap(in head.Key))
            {
                // Taken without settling a vacant root: the next push fills it.
                if (head.Key.Time < until)
                {
                    entry = lane.Dequeue();
                    return true;
                }

                entry = default;
                return false;
            }
        }

        RemoveVacantRoot();
        if (_endSlot > RootSlot && TimeAt(RootSlot) < until)
        {
            entry = PopRoot();
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>The pop while later entries are bucketed, out of line (see <see cref="TryPopBefore"/>),
    /// finding the least entry as <see cref="PeekTime"/> does: a lane head that comes before the heap
    /// and the run's head is taken without settling the root; otherwise the root is settled and the
    /// first of the root and the run's head is taken.</summary>
    /// <returns>The entry, or the default entry (no target) when none is due before
    /// <paramref name="until"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Entry PopBeforeWithRun(double until)
    {
        if (LeastLane() is { } lane && LaneHeadComesFirst(in lane.Peek().Key))
        {
            return lane.Peek().Key.Time < until ? lane.Dequeue() : default;
        }

        SettleRoot();
        if (RunComesFirst())
        {
            return _later.RunHeadTime < until ? PopRunHead() : default;
        }

        return _endSlot > RootSlot && TimeAt(RootSlot) < until ? PopRoot() : default;
    }

    /// <summary>
    /// Removes the least entry if it is the lane entry of <paramref name="target"/> with
    /// <paramref name="sequence"/> and its time is before <paramref name="until"/>: exactly the entry
    /// that <see cref="TryPopBefore"/> would return next.
    /// </summary>
    public bool TryPopIfNext(object target, long sequence, double until, out Entry entry)
    {
        if (LeastLane() is { } lane)
        {
            ref readonly var head = ref lane.Peek();
            if (ReferenceEquals(head.Target, target) && head.Sequence == sequence && head.Key.Time < until &&
                LaneHeadComesFirst(in head.Key))
            {
                entry = lane.Dequeue();
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Takes the root's entry, holding its handle, and leaves the root vacant: the next heap push
    /// fills it; <see cref="RemoveVacantRoot"/> (or <see cref="SettleRoot"/>) removes it otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry PopRoot()
    {
        var target = _table.Hold(_handles[RootSlot], out long order);
        var entry = new Entry(new HeapKey(TimeAt(RootSlot), order), target);
        _rootVacant = true;
        return entry;
    }

    /// <summary>Gives back the handle of the last popped heap entry unless its target rescheduled
    /// itself while firing (see <see cref="TargetTable.Hold"/>); called after each fired entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReleaseHeld() => _table.ReleaseHeld();

    /// <summary>The lane whose head comes first, or null when both are empty. (Every lane entry is at
    /// the clock's time, so the urgent head comes first whenever there is one; the keys are compared
    /// all the same, which costs a comparison only when both lanes hold entries.)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lane? LeastLane()
    {
        Lane? lane = _urgent.Count > 0 ? _urgent : null;
        if (_normal.Count > 0 && (lane is null || _normal.Peek().Key.IsBefore(lane.Peek().Key)))
        {
            lane = _normal;
        }

        return lane;
    }

    /// <summary>Whether a lane head with key <paramref name="head"/> comes before every heap entry and the
    /// run's head.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LaneHeadComesFirst(in HeapKey head) => !RunHeadComesBefore(in head) && LaneHeadBeforeHeap(in head);

    /// <summary>Whether the later entries' run has a head and it comes before a lane head with key
    /// <paramref name="head"/>.</summary>
    private bool RunHeadComesBefore(in HeapKey head)
    {
        if (!_spread || !_later.HasRun)
        {
            return false;
        }

        double runTime = _later.RunHeadTime;
        return runTime < head.Time || (runTime == head.Time && _table.OrderOf(_later.RunHeadHandle) < head.Order);
    }

    /// <summary>
    /// Whether a lane head with key <paramref name="head"/> comes before every heap entry. With the root
    /// vacant the heap's least entry is the least of the root's children, so the comparison is exact
    /// without settling the root: a process that wakes and then puts, gets or requests leaves the root
    /// vacant and a success in a lane, and settling the root first (sifting the last entry down the
    /// whole heap) only for the process's next delay to sift again was a quarter of the store workload.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LaneHeadBeforeHeap(in HeapKey head)
    {
        int least;
        if (!_rootVacant)
        {
            if (_endSlot == RootSlot)
            {
                return true; // the heap is empty
            }

            least = RootSlot;
        }
        else
        {
            if (_endSlot <= FirstChildOfRoot)
            {
                return true; // nothing in the heap but the vacant root
            }

            least = FirstChildOfRoot + LeastChild(ref Times, ref _handles[0], FirstChildOfRoot);
        }

        double time = TimeAt(least);
        return head.Time < time || (head.Time == time && head.Order < _table.OrderOf(_handles[least]));
    }

    /// <summary>Makes the root the least entry of all: removes a vacant root and, when that leaves the
    /// heap empty, moves the next later entries in.</summary>
    private void SettleRoot()
    {
        RemoveVacantRoot();
        if (_spread && _endSlot == RootSlot && !_later.HasRun)
        {
            TakeLaterEntries();
        }
    }

    /// <summary>Removes a vacant root by sifting the last entry into it.</summary>
    private void RemoveVacantRoot()
    {
        if (!_rootVacant)
        {
            return;
        }

        _rootVacant = false;
        int last = --_endSlot;
        if (last > RootSlot)
        {
            ref var time = ref Unsafe.Add(ref Times, last);
            ref var handle = ref _handles[last];
            double lastTime = time;
            int lastHandle = handle;
            time = double.PositiveInfinity;
            handle = TargetTable.Padding;
            SiftDownFromRoot(lastTime, _table.OrderOf(lastHandle), lastHandle, last);
        }
    }

    /// <summary>With the heap and the run empty: starts the run of the next later entries or, when too
    /// few are left to spread, moves them all into the heap.</summary>
    private void TakeLaterEntries()
    {
        int count = _later.Advance(SpreadAtLeast, out var entries);
        for (int i = 0; i < count; i++)
        {
            HeapPush(entries[i].Time, _table.OrderOf(entries[i].Handle), entries[i].Handle);
        }

        if (!_later.IsSpread)
        {
            _spread = false;
            _spreadAt = Math.Max(SpreadFrom, 2 * HeapCount);
        }
    }

    /// <summary>Moves the heap's entries (none vacant) to <see cref="LaterEntries"/> and starts the run of
    /// the nearest bucket; when they span no time (all at one time), waits until the heap has doubled
    /// before trying again.</summary>
    private void SpreadHeap()
    {
        int count = _endSlot - RootSlot;
        var times = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Times, RootSlot), count);
        var handles = _handles.AsSpan(RootSlot, count);
        if (!_later.TrySpread(times, handles, SpreadAtLeast))
        {
            _spreadAt = 2 * count;
            return;
        }

        times.Fill(double.PositiveInfinity);
        handles.Clear(); // TargetTable.Padding is 0
        _endSlot = RootSlot;
        _spread = true;
        TakeLaterEntries();
    }

    private void HeapPush(double time, long order, int handle)
    {
        if (_endSlot == _handles.Length)
        {
            Grow(2 * (_handles.Length - RootSlot - 1));
        }

        ref var times = ref Times;
        ref var handles = ref MemoryMarshal.GetArrayDataReference(_handles);
        SiftUp(ref times, ref handles, _endSlot++, time, order, handle);
    }

    /// <summary>
    /// Fills the root's slot with an entry in a heap whose
    /// slots end at <paramref name="endSlot"/>: the hole goes down to a leaf by the least child, and the
    /// entry rises from there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SiftDownFromRoot(double time, long order, int handle, int endSlot)
    {
        if (endSlot >= PrefetchFromSlots)
        {
            SiftDownFromRoot<DeepHeap>(time, order, handle, endSlot);
        }
        else
        {
            SiftDownFromRoot<ShallowHeap>(time, order, handle, endSlot);
        }
    }

    /// <summary>The sift of <see cref="SiftDownFromRoot(double, long, int, int)"/>, compiled once for
    /// shallow heaps and once, with the prefetches, for deep ones.</summary>
    /// <remarks><para>In a deep heap the lower levels miss the cache, and each level's line is only known
    /// once the level above has been compared, so the misses queue up one behind the other. The eight
    /// groups one level further down are known as soon as the hole is: they are the 64 consecutive slots
    /// below its children, eight lines of times. Prefetching them while this level is compared overlaps
    /// each level's miss with the one above it.</para>
    /// <para>Two copies (instantiations over value types are never shared), so that each has a
    /// profile of its own: with one method, a process that ran a shallow model first had the method
    /// compiled with the prefetching path profiled as never taken, and a deep model run afterwards
    /// took 10-15 % longer than in a fresh process (timeouts at 100,000 processes after the shallow
    /// timeout rows of <c>cpu-vs-simsharp</c>; benchmarks/README.md, kernel section, 2026-12-02
    /// 19:30).</para></remarks>
    private void SiftDownFromRoot<THeap>(double time, long order, int handle, int endSlot)
        where THeap : struct
    {
        ref var times = ref Times;
        ref var handles = ref MemoryMarshal.GetArrayDataReference(_handles);
        bool deep = typeof(THeap) == typeof(DeepHeap);
        int hole = RootSlot;
        while (true)
        {
            int first = FirstChild(hole);
            if (first >= endSlot)
            {
                break;
            }

            if (deep)
            {
                PrefetchGrandchildren(ref times, FirstChild(first), endSlot);
            }

            // Slots past the end hold the padding key, so a partial group needs no special case.
            int least = first + LeastChild(ref times, ref handles, first);
            Unsafe.Add(ref times, hole) = Unsafe.Add(ref times, least);
            Unsafe.Add(ref handles, hole) = Unsafe.Add(ref handles, least);
            hole = least;
        }

        SiftUp(ref times, ref handles, hole, time, order, handle);
        if (deep)
        {
            PrefetchUpcoming(ref times, ref handles);
        }
    }

    /// <summary>Tags a heap deep enough to prefetch for (<see cref="PrefetchFromSlots"/>).</summary>
    private readonly struct DeepHeap;

    /// <summary>Tags a heap that stays in cache.</summary>
    private readonly struct ShallowHeap;

    /// <summary>Prefetches the times of the 64 slots from <paramref name="slot"/> on: eight lines (the
    /// groups are line-aligned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchGrandchildren(ref double times, int slot, int endSlot)
    {
        if (slot < endSlot && Sse.IsSupported)
        {
            byte* line = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref times, slot));
            for (int offset = 0; offset < 8 * 64; offset += 64)
            {
                Sse.Prefetch0(line + offset);
            }
        }
    }

    /// <summary>
    /// Starts loading what the next events will touch, without waiting for any of it. The entries
    /// that fire next, unless something earlier is scheduled meanwhile, are the root, the least of its
    /// children (the second) and the least of the second's children and the root's others (the
    /// third). The second and the third have their targets and those targets' iterators prefetched
    /// (both named by the table slot, so neither waits for the other): the third's two events ahead,
    /// which at 100,000 processes is what a miss to memory takes; the second's was asked for one
    /// event ago as the third and is asked for again in case that guess was wrong. The root's is not:
    /// it was asked for twice already, and the repeated prefetches were a measurable part of the
    /// event (timeouts at 100,000 processes, CPU time against Sim#: 0.049-0.051 -> 0.042-0.046).
    /// The table slots of the entries that can follow (the root's other children, and the second's
    /// children, the least of which moves up into its place) are prefetched too, so that next time
    /// those reads do not stall either. All children rather than the least: it spares comparing
    /// them, and a slot asked for one event earlier than needed has more time to arrive.
    /// </summary>
    /// <remarks>Inlined always, not by the profile: the tiered compiler profiles the queue in whichever
    /// model runs first, and after a shallow one (where this is never called) it kept the call out of
    /// line, which cost a deep queue a call per event for the rest of the process.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchUpcoming(ref double times, ref int handles)
    {
        int secondOffset = LeastChild(ref times, ref handles, FirstChildOfRoot);
        int second = FirstChildOfRoot + secondOffset;
        _table.PrefetchTarget(Unsafe.Add(ref handles, second));
        for (int offset = 0; offset < SiblingGroup.Size; offset++)
        {
            if (offset != secondOffset)
            {
                _table.PrefetchSlot(Unsafe.Add(ref handles, FirstChildOfRoot + offset));
            }
        }

        int belowSecond = FirstChild(second); // within the heap: deep heaps have full upper levels
        for (int offset = 0; offset < SiblingGroup.Size; offset++)
        {
            _table.PrefetchSlot(Unsafe.Add(ref handles, belowSecond + offset));
        }

        // The third: the least of the second's children and of the root's other children. No read
        // waits: the root's children stay in cache, and the second's times were prefetched with the
        // root's grandchildren when this sift began.
        int third = belowSecond + LeastChild(ref times, ref handles, belowSecond);
        double thirdTime = Unsafe.Add(ref times, third);
        for (int offset = 0; offset < SiblingGroup.Size; offset++)
        {
            double time = Unsafe.Add(ref times, FirstChildOfRoot + offset);
            if (offset != secondOffset && time < thirdTime)
            {
                third = FirstChildOfRoot + offset;
                thirdTime = time;
            }
        }

        _table.PrefetchTarget(Unsafe.Add(ref handles, third));
    }

    /// <summary>Places the entry at <paramref name="hole"/> or, moving parents down, above it.</summary>
    private void SiftUp(ref double times, ref int handles, int hole, double time, long order, int handle)
    {
        while (hole > RootSlot)
        {
            int parent = Parent(hole);
            double parentTime = Unsafe.Add(ref times, parent);
            int parentHandle = Unsafe.Add(ref handles, parent);
            if (!(time < parentTime || (time == parentTime && order < _table.OrderOf(parentHandle))))
            {
                break;
            }

            Unsafe.Add(ref times, hole) = parentTime;
            Unsafe.Add(ref handles, hole) = parentHandle;
            hole = parent;
        }

        Unsafe.Add(ref times, hole) = time;
        Unsafe.Add(ref handles, hole) = handle;
    }

    /// <summary>The offset (0..7) of the least entry of the group from <paramref name="first"/>; the
    /// table is asked for the order only when times tie.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LeastChild(ref double times, ref int handles, int first)
    {
        uint withLeastTime = SiblingGroup.LeastTimeMask(ref Unsafe.Add(ref times, first));
        return (withLeastTime & (withLeastTime - 1)) == 0
            ? BitOperations.TrailingZeroCount(withLeastTime)
            : LeastOrderAmong(withLeastTime, ref Unsafe.Add(ref handles, first));
    }

    /// <summary>Among the children in <paramref name="tied"/> (equal times), the one of least order;
    /// on equal orders (only padding) the first.</summary>
    private int LeastOrderAmong(uint tied, ref int group)
    {
        int least = BitOperations.TrailingZeroCount(tied);
        long leastOrder = _table.OrderOf(Unsafe.Add(ref group, least));
        for (tied &= tied - 1; tied != 0; tied &= tied - 1)
        {
            int child = BitOperations.TrailingZeroCount(tied);
            long order = _table.OrderOf(Unsafe.Add(ref group, child));
            if (order < leastOrder)
            {
                least = child;
                leastOrder = order;
            }
        }

        return least;
    }

    /// <summary>Node n at slot s = n + 7 has children 8n+1..8n+8, at slots 8s-48..8s-41.</summary>
    private static int FirstChild(int slot) => (slot << 3) - 48;

    private static int Parent(int slot) => (slot >> 3) + 6;

    private ref double Times =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_timeStore), _timeBase);

    private double TimeAt(int slot) => Unsafe.Add(ref Times, slot);

    /// <summary>Grows the heap to <paramref name="capacity"/> nodes (a multiple of the group size, so that
    /// the slots end with a whole group), keeping the time array 64-byte aligned and padding the new
    /// slots.</summary>
    private void Grow(int capacity)
    {
        int slots = capacity + RootSlot + 1;

        // Pinned, so the garbage collector never moves it off the alignment found here.
        var store = GC.AllocateUninitializedArray<double>(slots + SiblingGroup.Size, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(store, 0);
        int timeBase = (int)((64 - (address & 63)) & 63) / sizeof(double);
        var times = store.AsSpan(timeBase, slots);
        var handles = new int[slots];

        int kept = _endSlot > RootSlot ? _endSlot : 0;
        if (kept > 0)
        {
            MemoryMarshal.CreateSpan(ref Times, kept).CopyTo(times);
            _handles.AsSpan(0, kept).CopyTo(handles);
        }

        times[kept..].Fill(double.PositiveInfinity);
        // The new handles are already TargetTable.Padding, which is 0.
        _timeStore = store;
        _timeBase = timeBase;
        _handles = handles;
    }

    /// <summary>
    /// A queue key: the time (never -0.0: it is stored as 0.0, the equal time, so that every comparison
    /// sees one value), then priority (bits 48-62) above a 48-bit sequence.
    /// </summary>
    internal readonly struct HeapKey
    {
        public readonly double Time;
        public readonly long Order;

        public HeapKey(double time, long order)
        {
            Time = time == 0 ? 0.0 : time;
            Order = order;
        }

        public bool IsBefore(in HeapKey other) =>
            Time < other.Time || (Time == other.Time && Order < other.Order);
    }

    /// <summary>One popped or lane entry: its key and what to fire.</summary>
    internal readonly struct Entry(HeapKey key, object target)
    {
        public readonly HeapKey Key = key;
        public readonly object Target = target;

        public double Time => Key.Time;

        public long Sequence => Key.Order & ((1L << 48) - 1);

        public int Priority => (int)(Key.Order >> 48);
    }

    /// <summary>A growable ring buffer of entries that arrive already in key order.</summary>
    private sealed class Lane
    {
        private Entry[] _items = new Entry[64];
        private int _head;
        private int _count;

        public int Count => _count;

        public ref readonly Entry Peek() => ref _items[_head];

        /// <summary>Inlined: every success, grant, start and process end passes here.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Enqueue(Entry entry)
        {
            var items = _items;
            if (_count == items.Length)
            {
                items = Grow();
            }

            items[(_head + _count) & (items.Length - 1)] = entry;
            _count++;
        }

        public Entry Dequeue()
        {
            var entry = _items[_head];
            _items[_head] = default;
            _head = (_head + 1) & (_items.Length - 1);
            _count--;
            return entry;
        }

        private Entry[] Grow()
        {
            var larger = new Entry[_items.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                larger[i] = _items[(_head + i) & (_items.Length - 1)];
            }

            _items = larger;
            _head = 0;
            return larger;
        }
    }
}
