using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// The pending-entry queue: a 4-ary min-heap ordered by (time, priority, sequence), plus two FIFO lanes
/// for zero-delay entries at <see cref="EventPriority.Urgent"/> and <see cref="EventPriority.Normal"/>
/// priority.
/// </summary>
/// <remarks>
/// <para>Why the lanes: triggering an event, granting a resource and starting a process all schedule at
/// the current time. Those entries arrive in key order (time never decreases and the sequence grows), so
/// a ring buffer keeps them sorted for O(1) instead of O(log n) heap work, and popping takes the least of
/// the three heads.</para>
/// <para>Why the heap looks the way it does (each point measured on the timeout benchmarks):
/// keys (16 bytes: the time as an order-preserving integer, then priority and sequence) live apart from
/// the handles, so a sift compares within one 64-byte cache line per level: the four siblings of a
/// group share a line because the key array is 64-byte aligned (pinned, so the alignment holds) and the
/// root sits at slot 3. The heap holds no object references: each entry names its target by an integer
/// handle into a table of targets, taken when the entry is pushed and given back after it has fired, so a
/// sift moves plain integers beside the keys and takes no write barrier (a reference moved within an
/// array costs a checked write barrier per level, 3-10 % of the timeout benchmarks). A process that
/// reschedules itself while firing gets its own handle back, its slot untouched. Sifting down is
/// bottom-up (Floyd): the hole goes to a leaf by the least child, choosing it without branches (the keys
/// are random, so branches there mispredict half the time), and the placed entry then rises the usual
/// one or two levels. A popped
/// root is left vacant until the next heap push, which fills it and sifts once, because a firing
/// process usually schedules its next delay at once. In deep heaps each sift ends by prefetching what
/// the next two entries will touch (<see cref="CachePrefetch"/>).</para>
/// <para>Nothing is allocated per entry once the arrays have grown.</para>
/// </remarks>
internal sealed class EventQueue
{
    /// <summary>The slot of the root: node n is at slot n + 3, so sibling groups start at multiples of 4.</summary>
    private const int RootSlot = 3;

    private const int FirstChildOfRoot = RootSlot + 1;

    private const int InitialCapacity = 256;

    /// <summary>From this many slots on, the heap and its targets no longer stay in the processor's
    /// caches, and prefetching the next targets pays.</summary>
    private const int PrefetchFromSlots = 4096;

    private long[] _keyStore = [];
    private int _keyBase;
    private int[] _handles = [];
    private int _endSlot = RootSlot;
    private readonly TargetTable _table = new(InitialCapacity);
    private bool _rootVacant;
    private readonly Lane _urgent = new();
    private readonly Lane _normal = new();

    public EventQueue() => Grow(InitialCapacity);

    public int Count => HeapCount + _urgent.Count + _normal.Count;

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

        int handle = _table.AddOrReuseHeld(target);
        if (_rootVacant)
        {
            _rootVacant = false;
            SiftDownFromRoot(key, handle, _endSlot);
        }
        else
        {
            HeapPush(key, handle);
        }
    }

    /// <summary>The time of the next entry, or +infinity when empty.</summary>
    public double PeekTime()
    {
        SettleRoot();
        return Select() switch
        {
            Source.Heap => KeyAt(RootSlot).TimeValue,
            Source.Urgent => _urgent.Peek().Key.TimeValue,
            Source.Normal => _normal.Peek().Key.TimeValue,
            _ => double.PositiveInfinity,
        };
    }

    /// <summary>Removes the least entry if its time is before <paramref name="until"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPopBefore(double until, out Entry entry)
    {
        // The common case in timeout-heavy models, inlined into the simulator's loop: empty lanes and a
        // root that the last push filled, so the root is the least entry.
        if (((_urgent.Count | _normal.Count) == 0) & !_rootVacant)
        {
            if (_endSlot > RootSlot && KeyAt(RootSlot).TimeValue < until)
            {
                entry = PopRoot();
                return true;
            }

            entry = default;
            return false;
        }

        return TryPopBeforeFromAny(until, out entry);
    }

    private bool TryPopBeforeFromAny(double until, out Entry entry)
    {
        if (_rootVacant && LaneBeforeVacantHeap() is { } lane)
        {
            // The lane's head is the least entry: take it and leave the root for the next push to fill.
            if (lane.Peek().Key.TimeValue < until)
            {
                entry = lane.Dequeue();
                return true;
            }

            entry = default;
            return false;
        }

        SettleRoot();
        switch (Select())
        {
            case Source.Heap when KeyAt(RootSlot).TimeValue < until:
                entry = PopRoot();
                return true;
            case Source.Urgent when _urgent.Peek().Key.TimeValue < until:
                entry = _urgent.Dequeue();
                return true;
            case Source.Normal when _normal.Peek().Key.TimeValue < until:
                entry = _normal.Dequeue();
                return true;
            default:
                entry = default;
                return false;
        }
    }

    /// <summary>Takes the root's entry, holding its handle, and leaves the root vacant: the next heap push
    /// fills it; <see cref="SettleRoot"/> removes it otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry PopRoot()
    {
        var entry = new Entry(KeyAt(RootSlot), _table.Hold(_handles[RootSlot]));
        _rootVacant = true;
        return entry;
    }

    /// <summary>Gives back the handle of the last popped heap entry unless its target rescheduled
    /// itself while firing (see <see cref="TargetTable.Hold"/>); called after each fired entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReleaseHeld() => _table.ReleaseHeld();

    /// <summary>
    /// With the root vacant, the lane whose head comes before every heap entry, or null. A process that
    /// wakes and then puts, gets or requests leaves the root vacant and a success in a lane; settling
    /// the root first (sifting the last entry down the whole heap) only for the process's next delay to
    /// sift again was a quarter of the store workload. The heap's least entry is the least of the
    /// root's children, so comparing with those is exact.
    /// </summary>
    private Lane? LaneBeforeVacantHeap()
    {
        Lane? lane = _urgent.Count > 0 ? _urgent : null;
        if (_normal.Count > 0 && (lane is null || _normal.Peek().Key.IsBefore(lane.Peek().Key)))
        {
            lane = _normal;
        }

        if (lane is null)
        {
            return null;
        }

        int endSlot = _endSlot;
        if (endSlot <= FirstChildOfRoot)
        {
            return lane; // nothing but the vacant root
        }

        ref var keys = ref Keys;
        int least = endSlot > FirstChildOfRoot + 3
            ? FirstChildOfRoot + LeastOfFour(ref Unsafe.Add(ref keys, FirstChildOfRoot))
            : LeastOfFew(ref keys, FirstChildOfRoot, endSlot);
        return lane.Peek().Key.IsBefore(Unsafe.Add(ref keys, least)) ? lane : null;
    }

    /// <summary>Removes a vacant root by sifting the last entry into it.</summary>
    private void SettleRoot()
    {
        if (!_rootVacant)
        {
            return;
        }

        _rootVacant = false;
        int last = --_endSlot;
        if (last > RootSlot)
        {
            SiftDownFromRoot(KeyAt(last), _handles[last], last);
        }
    }

    private Source Select()
    {
        bool heapHasEntries = _endSlot > RootSlot;

        // Fast path: in timeout-heavy models the lanes are usually empty.
        if ((_urgent.Count | _normal.Count) == 0)
        {
            return heapHasEntries ? Source.Heap : Source.None;
        }

        var best = heapHasEntries ? Source.Heap : Source.None;
        if (_urgent.Count > 0 && (best == Source.None || _urgent.Peek().Key.IsBefore(KeyAt(RootSlot))))
        {
            best = Source.Urgent;
        }

        if (_normal.Count > 0 && (best == Source.None ||
            _normal.Peek().Key.IsBefore(best == Source.Heap ? KeyAt(RootSlot) : _urgent.Peek().Key)))
        {
            best = Source.Normal;
        }

        return best;
    }

    private void HeapPush(HeapKey key, int handle)
    {
        if (_endSlot == _handles.Length)
        {
            Grow(2 * (_handles.Length - RootSlot));
        }

        ref var keys = ref Keys;
        ref var handles = ref MemoryMarshal.GetArrayDataReference(_handles);
        SiftUp(ref keys, ref handles, _endSlot++, key, handle);
    }

    /// <summary>
    /// Fills the root's slot with (<paramref name="key"/>, <paramref name="handle"/>) in a heap whose
    /// slots end at <paramref name="endSlot"/>: the hole goes down to a leaf by the least child, and the
    /// entry rises from there.
    /// </summary>
    /// <remarks>In a deep heap the lower levels miss the cache, and each level's line is only known once
    /// the level above has been compared, so the misses queue up one behind the other. The four groups
    /// one level further down are known as soon as the hole is: they are the 16 consecutive slots below
    /// its children, four lines of keys and a line or two of handles. Prefetching them while this
    /// level is compared overlaps each level's miss with the one above it.</remarks>
    private void SiftDownFromRoot(HeapKey key, int handle, int endSlot)
    {
        ref var keys = ref Keys;
        ref var handles = ref MemoryMarshal.GetArrayDataReference(_handles);
        bool deep = endSlot >= PrefetchFromSlots;
        int hole = RootSlot;
        while (true)
        {
            int first = FirstChild(hole);
            if (deep)
            {
                PrefetchGrandchildren(ref keys, ref handles, FirstChild(first), endSlot);
            }

            int least;
            if (first + 3 < endSlot)
            {
                least = first + LeastOfFour(ref Unsafe.Add(ref keys, first));
            }
            else if (first < endSlot)
            {
                least = LeastOfFew(ref keys, first, endSlot);
            }
            else
            {
                break;
            }

            Unsafe.Add(ref keys, hole) = Unsafe.Add(ref keys, least);
            Unsafe.Add(ref handles, hole) = Unsafe.Add(ref handles, least);
            hole = least;
        }

        SiftUp(ref keys, ref handles, hole, key, handle);
        if (deep)
        {
            PrefetchUpcoming(ref keys, ref handles);
        }
    }

    /// <summary>Prefetches the 16 slots from <paramref name="slot"/> on: four key lines (the groups are
    /// line-aligned) and their handles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchGrandchildren(ref HeapKey keys, ref int handles, int slot, int endSlot)
    {
        if (slot < endSlot && Sse.IsSupported)
        {
            byte* key = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref keys, slot));
            Sse.Prefetch0(key);
            Sse.Prefetch0(key + 64);
            Sse.Prefetch0(key + 128);
            Sse.Prefetch0(key + 192);
            byte* handle = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref handles, slot));
            Sse.Prefetch0(handle);
            Sse.Prefetch0(handle + (15 * sizeof(int)));
        }
    }

    /// <summary>
    /// Starts loading what the next events will touch, without waiting for any of it: the entry after
    /// the root (the least of the root's children, unless something earlier is scheduled meanwhile)
    /// has its target and that target's iterator prefetched a whole event ahead (both named by its
    /// table slot, so neither waits for the other); the root's were prefetched that way one event ago
    /// and are asked for again in case the guess was wrong; and the table slots of the entries that
    /// can follow (the root's other children, and the children of the entry after the root, the least
    /// of which moves up into its place) are prefetched, so that next time those reads do not stall
    /// either. All four children rather than the least: it spares comparing them, and a slot asked for
    /// one event earlier than needed has more time to arrive.
    /// </summary>
    private void PrefetchUpcoming(ref HeapKey keys, ref int handles)
    {
        _table.PrefetchTarget(Unsafe.Add(ref handles, RootSlot));

        int secondOffset = LeastOfFour(ref Unsafe.Add(ref keys, FirstChildOfRoot));
        int second = FirstChildOfRoot + secondOffset;
        _table.PrefetchTarget(Unsafe.Add(ref handles, second));
        for (int offset = 0; offset < 4; offset++)
        {
            if (offset != secondOffset)
            {
                _table.PrefetchSlot(Unsafe.Add(ref handles, FirstChildOfRoot + offset));
            }
        }

        int belowSecond = FirstChild(second); // within the heap: deep heaps have full upper levels
        for (int offset = 0; offset < 4; offset++)
        {
            _table.PrefetchSlot(Unsafe.Add(ref handles, belowSecond + offset));
        }
    }

    /// <summary>Places the entry at <paramref name="hole"/> or, moving parents down, above it.</summary>
    private static void SiftUp(ref HeapKey keys, ref int handles, int hole, HeapKey key, int handle)
    {
        while (hole > RootSlot)
        {
            int parent = Parent(hole);
            ref var parentKey = ref Unsafe.Add(ref keys, parent);
            if (!key.IsBefore(parentKey))
            {
                break;
            }

            Unsafe.Add(ref keys, hole) = parentKey;
            Unsafe.Add(ref handles, hole) = Unsafe.Add(ref handles, parent);
            hole = parent;
        }

        Unsafe.Add(ref keys, hole) = key;
        Unsafe.Add(ref handles, hole) = handle;
    }

    /// <summary>The offset (0..3) of the least of four siblings, as a two-round tournament without branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LeastOfFour(ref HeapKey group)
    {
        int a = HeapKey.Before(Unsafe.Add(ref group, 1), group);
        int b = 2 + HeapKey.Before(Unsafe.Add(ref group, 3), Unsafe.Add(ref group, 2));
        int bFirst = -HeapKey.Before(Unsafe.Add(ref group, b), Unsafe.Add(ref group, a));
        return a ^ ((a ^ b) & bFirst);
    }

    private static int LeastOfFew(ref HeapKey keys, int first, int endSlot)
    {
        int least = first;
        for (int child = first + 1; child < endSlot; child++)
        {
            if (Unsafe.Add(ref keys, child).IsBefore(Unsafe.Add(ref keys, least)))
            {
                least = child;
            }
        }

        return least;
    }

    /// <summary>Node n at slot s = n + 3 has children 4n+1..4n+4, at slots 4s-8..4s-5.</summary>
    private static int FirstChild(int slot) => (slot << 2) - 8;

    private static int Parent(int slot) => (slot >> 2) + 2;

    private ref HeapKey Keys =>
        ref Unsafe.As<long, HeapKey>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_keyStore), _keyBase));

    private HeapKey KeyAt(int slot) => Unsafe.Add(ref Keys, slot);

    /// <summary>Grows the heap to <paramref name="capacity"/> nodes, keeping the key array 64-byte aligned.</summary>
    private void Grow(int capacity)
    {
        const int LongsPerLine = 64 / sizeof(long);
        int slots = capacity + RootSlot;

        // Pinned, so the garbage collector never moves it off the alignment found here.
        var store = GC.AllocateUninitializedArray<long>((2 * slots) + LongsPerLine, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(store, 0);
        int keyBase = (int)((64 - (address & 63)) & 63) / sizeof(long);

        var handles = new int[slots];
        if (_endSlot > RootSlot)
        {
            var keys = MemoryMarshal.CreateSpan(ref Keys, _endSlot);
            keys.CopyTo(MemoryMarshal.Cast<long, HeapKey>(store.AsSpan(keyBase)));
            _handles.AsSpan(0, _endSlot).CopyTo(handles);
        }

        _keyStore = store;
        _keyBase = keyBase;
        _handles = handles;
    }

    private enum Source
    {
        None,
        Heap,
        Urgent,
        Normal,
    }

    /// <summary>
    /// A queue key: the time as a long whose signed order is the order of the doubles, then priority
    /// (bits 48-62) above a 48-bit sequence. Comparing two keys is two integer comparisons.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct HeapKey
    {
        public readonly long Time;
        public readonly long Order;

        public HeapKey(double time, long order)
        {
            // -0.0 and 0.0 are equal times; without this they would get different integers.
            Time = OrderedBits(time == 0 ? 0.0 : time);
            Order = order;
        }

        public double TimeValue => BitConverter.Int64BitsToDouble(OrderedBits(Time));

        public bool IsBefore(in HeapKey other) =>
            Time < other.Time || (Time == other.Time && Order < other.Order);

        /// <summary>1 if <paramref name="a"/> comes before <paramref name="b"/>, else 0, in integer
        /// arithmetic: the JIT turns combined comparisons back into branches, which mispredict here.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Before(in HeapKey a, in HeapKey b)
        {
            long difference = a.Time - b.Time; // may overflow; the next line corrects for that
            long timeLess = difference ^ ((a.Time ^ b.Time) & (difference ^ a.Time)); // sign: a.Time < b.Time
            long unequal = a.Time ^ b.Time;
            long timeEqual = ~(unequal | -unequal); // sign: a.Time == b.Time
            long orderLess = a.Order - b.Order; // sign: a.Order < b.Order (both are non-negative)
            return (int)((ulong)(timeLess | (timeEqual & orderLess)) >> 63);
        }

        /// <summary>Maps double bits to a long with the same order (its own inverse): negative values
        /// have their magnitude bits flipped so that more negative means smaller.</summary>
        private static long OrderedBits(double value) => OrderedBits(BitConverter.DoubleToInt64Bits(value));

        private static long OrderedBits(long bits) => bits ^ ((bits >> 63) & long.MaxValue);
    }

    /// <summary>One popped or lane entry: its key and what to fire.</summary>
    internal readonly struct Entry(HeapKey key, object target)
    {
        public readonly HeapKey Key = key;
        public readonly object Target = target;

        public double Time => Key.TimeValue;

        public long Sequence => Key.Order & ((1L << 48) - 1);

        public int Priority => (int)(Key.Order >> 48);
    }

    /// <summary>
    /// The targets of the heap's entries, by handle. <see cref="Add"/> takes a free handle (the one given
    /// back last, so a new entry lands in a slot still in cache). A popped entry's handle is held, not
    /// freed, while its target fires (<see cref="Hold"/>): a process that schedules its next delay then
    /// gets the same handle back with its slot already naming it (<see cref="AddOrReuseHeld"/>), so the
    /// commonest event of all, a process waking and sleeping again, writes no slot, takes no write
    /// barrier and touches no free list. Any other held handle is freed after the firing
    /// (<see cref="ReleaseHeld"/>), dropping the reference so the target can be collected.
    /// </summary>
    /// <remarks>Reuse is exact: a held handle is in no heap entry (its entry was just popped), and it is
    /// reused only for the very target it names, so every entry still names its own target.</remarks>
    private sealed class TargetTable(int capacity)
    {
        private const int None = -1;

        // Slots are structs: storing into an object?[] pays a covariance check per store.
        private Slot[] _targets = new Slot[capacity];
        private int[] _free = new int[capacity];
        private int _freeCount;
        private int _used;
        private int _held = None;

        /// <summary>Prefetches the target of <paramref name="handle"/> and, for a process, its iterator
        /// (see <see cref="CachePrefetch"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PrefetchTarget(int handle)
        {
            ref readonly var slot = ref _targets[handle];
            CachePrefetch.Object(slot.Target);
            CachePrefetch.Object(slot.Body);
        }

        /// <summary>Starts loading the slot of <paramref name="handle"/> (see <see cref="CachePrefetch"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void PrefetchSlot(int handle)
        {
            if (Sse.IsSupported && (uint)handle < (uint)_targets.Length)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref _targets[handle]));
            }
        }

        /// <summary>The handle for a new entry of <paramref name="target"/>: the held one if it names
        /// that target (the firing target rescheduling itself), else a free one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int AddOrReuseHeld(object target)
        {
            int held = _held;
            if (held != None && ReferenceEquals(_targets[held].Target, target))
            {
                _held = None;
                return held;
            }

            return Add(target);
        }

        private int Add(object target)
        {
            int handle;
            if (_freeCount > 0)
            {
                handle = _free[--_freeCount];
            }
            else
            {
                if (_used == _targets.Length)
                {
                    Array.Resize(ref _targets, 2 * _used);
                    Array.Resize(ref _free, 2 * _used);
                }

                handle = _used++;
            }

            _targets[handle] = new Slot(target, (target as Process)?.Body);
            return handle;
        }

        /// <summary>The target of a popped entry; its handle stays taken until <see cref="ReleaseHeld"/>
        /// or until the target reschedules itself. A handle still held from a firing that did not
        /// finish (a body that runs the simulator itself) is released first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public object Hold(int handle)
        {
            ReleaseHeld();
            _held = handle;
            return _targets[handle].Target!;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ReleaseHeld()
        {
            int held = _held;
            if (held != None)
            {
                _held = None;
                _targets[held] = default;
                _free[_freeCount++] = held;
            }
        }

        /// <summary>A target and, for a process, its iterator: what firing it touches first, kept here
        /// so that both can be prefetched at once, without first loading the process to find the
        /// iterator. Written only when a handle is taken, not when a process gets its own back.</summary>
        private readonly struct Slot(object? target, object? body)
        {
            public readonly object? Target = target;
            public readonly object? Body = body;
        }
    }

    /// <summary>A growable ring buffer of entries that arrive already in key order.</summary>
    private sealed class Lane
    {
        private Entry[] _items = new Entry[64];
        private int _head;
        private int _count;

        public int Count => _count;

        public ref readonly Entry Peek() => ref _items[_head];

        public void Enqueue(Entry entry)
        {
            if (_count == _items.Length)
            {
                Grow();
            }

            _items[(_head + _count) & (_items.Length - 1)] = entry;
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

        private void Grow()
        {
            var larger = new Entry[_items.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                larger[i] = _items[(_head + i) & (_items.Length - 1)];
            }

            _items = larger;
            _head = 0;
        }
    }
}
