namespace Simulation.Core.Engine;

/// <summary>
/// The pending-entry queue: a 4-ary min-heap of structs ordered by (time, priority, sequence), plus
/// two FIFO lanes for zero-delay entries at <see cref="EventPriority.Urgent"/> and
/// <see cref="EventPriority.Normal"/> priority.
/// </summary>
/// <remarks>
/// Why the lanes: triggering an event, granting a resource and starting a process all schedule at the
/// current time. Those entries arrive in key order (time never decreases and the sequence grows), so a
/// ring buffer keeps them sorted for O(1) instead of O(log n) heap work, and popping takes the least of
/// the three heads. Why 4-ary: half the depth of a binary heap and the children of a node side by side,
/// which matters when 100,000 processes are waiting. Entries are structs in arrays: nothing is
/// allocated per entry once the arrays have grown. (A reference-free entry with targets in a side
/// slot table was measured: no faster, and one more cache miss per event in deep queues.)
/// </remarks>
internal sealed class EventQueue
{
    private Entry[] _heap = new Entry[256];
    private int _heapCount;
    private readonly Lane _urgent = new();
    private readonly Lane _normal = new();

    public int Count => _heapCount + _urgent.Count + _normal.Count;

    /// <summary>Adds an entry. Lanes take zero-delay entries; <paramref name="now"/> is the clock.</summary>
    public void Push(double time, int priority, long sequence, object target, double now)
    {
        var entry = new Entry(time, ((long)priority << 48) | sequence, target);
        if (time == now)
        {
            if (priority == EventPriority.Urgent)
            {
                _urgent.Enqueue(entry);
                return;
            }

            if (priority == EventPriority.Normal)
            {
                _normal.Enqueue(entry);
                return;
            }
        }

        HeapPush(entry);
    }

    /// <summary>The time of the next entry, or +infinity when empty.</summary>
    public double PeekTime() => Select() switch
    {
        Source.Heap => _heap[0].Time,
        Source.Urgent => _urgent.Peek().Time,
        Source.Normal => _normal.Peek().Time,
        _ => double.PositiveInfinity,
    };

    /// <summary>Removes the least entry if its time is before <paramref name="until"/>.</summary>
    public bool TryPopBefore(double until, out Entry entry)
    {
        switch (Select())
        {
            case Source.Heap when _heap[0].Time < until:
                entry = _heap[0];
                HeapRemoveTop();
                return true;
            case Source.Urgent when _urgent.Peek().Time < until:
                entry = _urgent.Dequeue();
                return true;
            case Source.Normal when _normal.Peek().Time < until:
                entry = _normal.Dequeue();
                return true;
            default:
                entry = default;
                return false;
        }
    }

    private Source Select()
    {
        // Fast path: in timeout-heavy models the lanes are usually empty.
        if ((_urgent.Count | _normal.Count) == 0)
        {
            return _heapCount > 0 ? Source.Heap : Source.None;
        }

        var best = _heapCount > 0 ? Source.Heap : Source.None;
        if (_urgent.Count > 0 && (best == Source.None || _urgent.Peek().IsBefore(_heap[0])))
        {
            best = Source.Urgent;
        }

        if (_normal.Count > 0 && (best == Source.None ||
            _normal.Peek().IsBefore(best == Source.Heap ? _heap[0] : _urgent.Peek())))
        {
            best = Source.Normal;
        }

        return best;
    }

    private void HeapPush(Entry entry)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        // Sift up with a hole: move parents down until the entry's slot is found.
        var heap = _heap;
        int index = _heapCount++;
        while (index > 0)
        {
            int parent = (index - 1) >> 2;
            if (!entry.IsBefore(heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = entry;
    }

    private void HeapRemoveTop()
    {
        var heap = _heap;
        int count = --_heapCount;
        var last = heap[count];
        heap[count] = default; // drop the reference so the target can be collected
        if (count == 0)
        {
            return;
        }

        // Sift down with a hole: pull the least child up until `last` fits.
        int index = 0;
        while (true)
        {
            int first = (index << 2) + 1;
            if (first >= count)
            {
                break;
            }

            int least = first + 3 < count ? LeastOfFour(heap, first) : LeastOfFew(heap, first, count);
            if (!heap[least].IsBefore(last))
            {
                break;
            }

            heap[index] = heap[least];
            index = least;
        }

        heap[index] = last;
    }

    /// <summary>The least of four siblings, as a two-round tournament.</summary>
    private static int LeastOfFour(Entry[] heap, int first)
    {
        int a = heap[first + 1].IsBefore(heap[first]) ? first + 1 : first;
        int b = heap[first + 3].IsBefore(heap[first + 2]) ? first + 3 : first + 2;
        return heap[b].IsBefore(heap[a]) ? b : a;
    }

    private static int LeastOfFew(Entry[] heap, int first, int count)
    {
        int least = first;
        for (int child = first + 1; child < count; child++)
        {
            if (heap[child].IsBefore(heap[least]))
            {
                least = child;
            }
        }

        return least;
    }

    private enum Source
    {
        None,
        Heap,
        Urgent,
        Normal,
    }

    /// <summary>One scheduled entry. <see cref="Key"/> packs the priority above a 48-bit sequence.</summary>
    internal readonly struct Entry(double time, long key, object target)
    {
        public readonly double Time = time;
        public readonly long Key = key;
        public readonly object Target = target;

        public long Sequence => Key & ((1L << 48) - 1);

        public int Priority => (int)(Key >> 48);

        public bool IsBefore(in Entry other) =>
            Time < other.Time || (Time == other.Time && Key < other.Key);
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
