using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// Shipments in transit, in order of arrival: a calendar of buckets of plain structs, each covering
/// 1/<see cref="BucketsPerDay"/> of a day. A shipment is appended to the bucket of its arrival time
/// (no heap work, no object); when the model reaches a bucket, it is sorted by arrival time (a
/// stable counting sort on the position within the bucket, then an insertion sort that only fixes
/// order within a slot) and read in order. Shipments for the bucket already opened, or an earlier
/// one, go to a small heap ordered by (time, insertion). An opened bucket's array is reused for a later
/// bucket, and at <see cref="Release"/> every bucket array goes to <see cref="SpareArrays{T}"/>, where a
/// later calendar (a later replication) takes them again.
/// </summary>
/// <remarks>
/// Why: with stochastic lead times every shipment arrives at its own instant, so a network with
/// tens of thousands of shipments in transit would put as many entries, and objects, in the
/// kernel's heap, and each arrival would miss the cache several times. Here the pending shipments
/// sit in contiguous arrays and the kernel sees one entry: the next arrival time. Ties in time are
/// delivered in the order the shipments were made, as kernel events would be.
/// </remarks>
internal sealed class ArrivalCalendar
{
    /// <summary>Buckets per day: fine enough that few shipments land in the open bucket, coarse enough to stay few.</summary>
    public const int BucketsPerDay = 8;

    private readonly double _horizon;
    private readonly Arrival[]?[] _buckets;
    private readonly int[] _counts;
    private readonly Stack<Arrival[]> _free;
    private int _openBucket = -1;
    private Arrival[] _sorted = new Arrival[256];
    private int _sortedCount;
    private int _cursor;
    private int[] _slotCounts = new int[256];
    private Late[] _late = new Late[16];
    private int _lateCount;
    private long _sequence;

    // Shipments waiting in buckets not yet opened: when 0, nothing is pending beyond the open bucket
    // and the late heap, so peeking must not scan the empty buckets up to the horizon (which made
    // zero-lead-time runs, whose calendar is empty between events, quadratic in the horizon).
    private int _bucketed;

    public ArrivalCalendar(double horizon)
    {
        _horizon = horizon;
        int buckets = ((int)Math.Floor(horizon) + 1) * BucketsPerDay;
        _buckets = new Arrival[]?[buckets];
        _counts = new int[buckets];
        _free = SpareArrays<Arrival>.Take();
    }

    /// <summary>Adds a shipment arriving at <paramref name="time"/> (not before the current time); at or after the horizon (the run is [0, horizon)) it is dropped.</summary>
    /// <returns>False if it arrives at or after the horizon and was dropped.</returns>
    public bool Add(double time, int link, int stock, int supplier, double quantity, long orderId, double placedAt)
    {
        if (time >= _horizon)
        {
            return false;
        }

        int index = (int)(time * BucketsPerDay);
        if (index > _openBucket)
        {
            var bucket = _buckets[index];
            int count = _counts[index];
            if (bucket is null)
            {
                // A new bucket starts at the size of the last one opened, so that buckets rarely grow.
                bucket = _free.Count > 0 ? _free.Pop() : new Arrival[Math.Max(16, _sorted.Length)];
                _buckets[index] = bucket;
            }
            else if (count == bucket.Length)
            {
                // The smaller array is dropped: kept, it would only make a later bucket grow again.
                var larger = new Arrival[count * 2];
                Array.Copy(bucket, larger, count);
                bucket = larger;
                _buckets[index] = bucket;
            }

            bucket[count] = new Arrival { Time = time, Link = link, Stock = stock, Supplier = supplier, Quantity = quantity, OrderId = orderId, PlacedAt = placedAt };
            _counts[index] = count + 1;
            _bucketed++;
        }
        else
        {
            PushLate(new Late { Time = time, Sequence = _sequence++, Item = new Arrival { Time = time, Link = link, Stock = stock, Supplier = supplier, Quantity = quantity, OrderId = orderId, PlacedAt = placedAt } });
        }

        return true;
    }

    /// <summary>The earliest arrival time still pending, or false when none is.</summary>
    public bool TryPeek(out double time)
    {
        while (true)
        {
            bool haveSorted = _cursor < _sortedCount;
            if (haveSorted || _lateCount > 0)
            {
                // Sorted shipments were all made before their bucket opened, so they win ties.
                time = haveSorted && (_lateCount == 0 || _sorted[_cursor].Time <= _late[0].Time)
                    ? _sorted[_cursor].Time
                    : _late[0].Time;
                return true;
            }

            if (_bucketed == 0)
            {
                time = double.PositiveInfinity;
                return false;
            }

            // Some bucket after the open one holds shipments, so this scan stops before the end; the
            // buckets it passes are never scanned again (the open bucket only moves forward).
            int next = _openBucket + 1;
            while (_counts[next] == 0)
            {
                next++;
            }

            Open(next);
        }
    }

    /// <summary>Removes the earliest arrival; call only after <see cref="TryPeek"/> returned true.</summary>
    public Arrival Take()
    {
        bool haveSorted = _cursor < _sortedCount;
        if (haveSorted && (_lateCount == 0 || _sorted[_cursor].Time <= _late[0].Time))
        {
            return _sorted[_cursor++];
        }

        var top = _late[0].Item;
        PopLate();
        return top;
    }

    /// <summary>Leaves every bucket array to the thread's next calendar; this one must not be used afterwards.</summary>
    public void Release()
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            if (_buckets[i] is { } bucket)
            {
                _free.Push(bucket);
                _buckets[i] = null;
            }
        }

        SpareArrays<Arrival>.Keep(_free);
    }

    private void Open(int bucketIndex)
    {
        int n = _counts[bucketIndex];
        var bucket = _buckets[bucketIndex]!;
        if (_sorted.Length < n)
        {
            _sorted = new Arrival[Math.Max(n, _sorted.Length * 2)];
        }

        // A counting sort on floor(position within the bucket * slots), slots a power of two >= n.
        int slots = 1;
        while (slots < n)
        {
            slots <<= 1;
        }

        if (_slotCounts.Length < slots + 1)
        {
            _slotCounts = new int[slots + 1];
        }

        // Stable: shipments at one time stay in the order they were made.
        SliceSort.Sort(bucket.AsSpan(0, n), _sorted, slots, _slotCounts, new ByArrivalTime(bucketIndex));

        _buckets[bucketIndex] = null;
        _counts[bucketIndex] = 0;
        _bucketed -= n;
        _free.Push(bucket);
        _openBucket = bucketIndex;
        _sortedCount = n;
        _cursor = 0;
    }

    /// <summary>Shipments by arrival time, stably; sliced by the position within bucket
    /// <paramref name="Bucket"/>.</summary>
    private readonly record struct ByArrivalTime(int Bucket) : ISliceOrder<Arrival>
    {
        public int SliceOf(in Arrival item, int slices) =>
            Math.Min(slices - 1, Math.Max(0, (int)(((item.Time * BucketsPerDay) - Bucket) * slices)));

        public bool ComesAfter(in Arrival item, in Arrival other) => item.Time > other.Time;

        // A slice of many shipments at one time: insertion keeps them in the order they were made.
        public void SortLongSlice(Span<Arrival> slice) => SliceSort.ByInsertion(slice, this);
    }

    private void PushLate(Late item)
    {
        if (_lateCount == _late.Length)
        {
            Array.Resize(ref _late, _late.Length * 2);
        }

        int index = _lateCount++;
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (!item.IsBefore(_late[parent]))
            {
                break;
            }

            _late[index] = _late[parent];
            index = parent;
        }

        _late[index] = item;
    }

    private void PopLate()
    {
        var last = _late[--_lateCount];
        int index = 0;
        while (true)
        {
            int child = (index << 1) + 1;
            if (child >= _lateCount)
            {
                break;
            }

            if (child + 1 < _lateCount && _late[child + 1].IsBefore(_late[child]))
            {
                child++;
            }

            if (!_late[child].IsBefore(last))
            {
                break;
            }

            _late[index] = _late[child];
            index = child;
        }

        if (_lateCount > 0)
        {
            _late[index] = last;
        }
    }

    /// <summary>
    /// One shipment in transit. It carries the customer stock and the supplier as well as the link, so
    /// that delivering it does not have to read the link (in a dense network the link array is far
    /// larger than the cache, and arrivals visit it in no particular order).
    /// </summary>
    internal struct Arrival
    {
        public double Time;
        public double Quantity;
        public int Link;
        public int Stock;
        public int Supplier;

        /// <summary>The order it fills (for order events and lead times) and when that order was placed.</summary>
        public long OrderId;
        public double PlacedAt;
    }

    private struct Late
    {
        public double Time;
        public long Sequence;
        public Arrival Item;

        public readonly bool IsBefore(in Late other) =>
            Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
    }
}
