using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Simulation.Core.Engine;

/// <summary>
/// The entries of a deep event queue that are due after the heap's range: in buckets by time and,
/// for the current bucket, a run sorted in queue order, so that the next entries to fire are known
/// many events ahead and their targets can be fetched into cache long before they fire.
/// </summary>
/// <remarks>
/// <para>An entry at time t belongs to bucket floor((t - start) * scale). That position never
/// decreases as t grows, so a lower bucket's entries all come before a higher one's. The current
/// bucket is sorted into the run when the queue reaches it; an entry scheduled meanwhile at or below
/// the current bucket goes to the queue's heap, and the queue fires whichever of the heap's root and
/// the run's head comes first. So the order (time, then priority and sequence) is exact whatever the
/// buckets. Entries past the last bucket (+infinity among them) wait in an overflow bucket, spread
/// afresh when the others have been taken.</para>
/// <para>Why: with 100,000 processes each event waits for its process's lines from memory. A heap
/// knows only the next two or three entries, which is too late to fetch them; a sorted run knows the
/// next hundreds, and <see cref="TakeRunHead"/> fetches the target <see cref="LookAhead"/> entries
/// ahead and its table slot twice as far (the slot names the target, so it must arrive first).
/// Timeouts at 100,000 processes took 0.78 of the time of the heap alone (benchmarks/README.md,
/// kernel section, "2026-12-03, evening"). A heap of only the current bucket's entries, without the
/// run, had been no faster.</para>
/// <para>A bucket is sorted in linear expected time: each entry goes by counting to one of as many
/// equal slices of the bucket's time as the bucket has entries, and an insertion sort orders the few
/// in each slice (by the full key: ties in time, such as whole-day events in bulk, by priority and
/// sequence).</para>
/// </remarks>
internal sealed class LaterEntries(TargetTable table)
{
    private readonly TargetTable _table = table;

    private readonly Comparison<Later> _compare = (a, b) =>
        a.Time != b.Time ? a.Time.CompareTo(b.Time) : table.OrderOf(a.Handle).CompareTo(table.OrderOf(b.Handle));

    /// <summary>How many entries ahead of the run's head a target is prefetched.</summary>
    private const int LookAhead = 16;

    /// <summary>How many entries a bucket is meant to hold on average when entries are spread.</summary>
    private const int EntriesPerBucket = 64;

    private const int MaxBuckets = 4096;

    /// <summary>The current bucket while not spreading: every position is below it, so
    /// <see cref="TryKeep"/> keeps nothing.</summary>
    private const int NotSpread = int.MaxValue - 1;

    private readonly Bucket _overflow = new();
    private Bucket[] _buckets = [];
    private int _bucketCount;
    private int _current = NotSpread;
    private double _start;
    private double _scale;
    private int _inBuckets;

    private Later[] _run = new Later[64];
    private int _runHead;
    private int _runEnd;
    private int[] _sliceCounts = new int[65];

    /// <summary>How many entries wait here, in buckets or in the run.</summary>
    public int Count => _inBuckets + _runEnd - _runHead;

    /// <summary>Whether entries are being bucketed (otherwise every entry belongs to the heap).</summary>
    public bool IsSpread => _bucketCount > 0;

    /// <summary>Whether the run holds entries (the next of which is <see cref="RunHeadTime"/>).</summary>
    public bool HasRun => _runHead < _runEnd;

    /// <summary>The time of the run's next entry (only while <see cref="HasRun"/>).</summary>
    public double RunHeadTime => _run[_runHead].Time;

    /// <summary>The handle of the run's next entry (only while <see cref="HasRun"/>).</summary>
    public int RunHeadHandle => _run[_runHead].Handle;

    /// <summary>Keeps an entry if it is due after the heap's range; false when it belongs in the heap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryKeep(double time, int handle)
    {
        // Not spreading, the scale is 0 and the position 0, or NaN at +infinity: both belong in the heap.
        // Spreading, the scale is finite and positive (TryPlanBuckets), so no position is NaN.
        double position = (time - _start) * _scale;
        if (!(position >= _current + 1))
        {
            return false;
        }

        _inBuckets++;
        (position < _bucketCount ? _buckets[(int)position] : _overflow).Add(time, handle);
        return true;
    }

    /// <summary>
    /// Spreads the heap's entries (<paramref name="times"/> and <paramref name="handles"/>, which it
    /// gives up) over buckets. False, keeping nothing, when they are fewer than
    /// <paramref name="fewest"/> or span no time.
    /// </summary>
    public bool TrySpread(ReadOnlySpan<double> times, ReadOnlySpan<int> handles, int fewest)
    {
        for (int i = 0; i < times.Length; i++)
        {
            _overflow.Add(times[i], handles[i]);
        }

        _inBuckets += times.Length;
        if (TrySpreadOverflow(fewest))
        {
            return true;
        }

        _overflow.Count = 0;
        _inBuckets -= times.Length;
        return false;
    }

    /// <summary>Spreads the overflow's entries over new buckets; false, changing nothing, when they are
    /// fewer than <paramref name="fewest"/> or span no time.</summary>
    private bool TrySpreadOverflow(int fewest)
    {
        int overflow = _overflow.Count;
        Later[] entries = _overflow.Entries;
        if (!TryPlanBuckets(entries.AsSpan(0, overflow), fewest))
        {
            return false;
        }

        // Spread in place: the i-th entry read is written back, if to the overflow at all, at an
        // index no greater than i, so nothing unread is overwritten and the array never grows.
        _inBuckets -= overflow;
        _overflow.Count = 0;
        for (int i = 0; i < overflow; i++)
        {
            bool kept = TryKeep(entries[i].Time, entries[i].Handle);
            Debug.Assert(kept, "every entry of a spread is at or after the least time");
        }

        return true;
    }

    /// <summary>Takes the run's next entry and prefetches what the entries after it will touch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TakeRunHead()
    {
        int head = _runHead++;
        if (head + 2 * LookAhead < _runEnd)
        {
            _table.PrefetchSlot(_run[head + 2 * LookAhead].Handle);
        }

        if (head + LookAhead < _runEnd)
        {
            _table.PrefetchTarget(_run[head + LookAhead].Handle);
        }

        return _run[head].Handle;
    }

    /// <summary>
    /// For a queue whose heap and run are both empty: sorts the next non-empty bucket into the run
    /// (spreading the overflow afresh when every bucket has been taken) and returns 0; or, with too
    /// few entries left to spread (fewer than <paramref name="fewest"/>), stops bucketing and hands
    /// them all over for the heap, returning their number.
    /// </summary>
    public int Advance(int fewest, out Later[] entries)
    {
        while (true)
        {
            while (++_current < _bucketCount)
            {
                var bucket = _buckets[_current];
                if (bucket.Count > 0)
                {
                    StartRun(bucket);
                    entries = [];
                    return 0;
                }
            }

            _current = -1;
            _bucketCount = 0;
            if (!TrySpreadOverflow(fewest))
            {
                // Bucketing stops: every entry left goes to the heap, and TryKeep keeps none.
                entries = _overflow.Entries;
                int left = _overflow.Count;
                _inBuckets = 0;
                _overflow.Count = 0;
                _scale = 0;
                _current = NotSpread;
                return left;
            }
        }
    }

    /// <summary>Sorts <paramref name="bucket"/> (the current one) into the run and empties it.</summary>
    private void StartRun(Bucket bucket)
    {
        int count = bucket.Count;
        _inBuckets -= count;
        bucket.Count = 0;
        if (_run.Length < count)
        {
            _run = new Later[Math.Max(count, 2 * _run.Length)];
            _sliceCounts = new int[_run.Length + 1];
        }

        SliceSort.Sort(bucket.Entries.AsSpan(0, count), _run, count, _sliceCounts, new InQueueOrder(this));
        _runHead = 0;
        _runEnd = count;
        for (int i = 0; i < Math.Min(count, 2 * LookAhead); i++)
        {
            _table.PrefetchSlot(_run[i].Handle);
        }

        for (int i = 0; i < Math.Min(count, LookAhead); i++)
        {
            _table.PrefetchTarget(_run[i].Handle);
        }
    }

    /// <summary>The queue's order on the current bucket's entries: by time, then by priority and
    /// sequence (the table's order), sliced by the position within the bucket.</summary>
    private readonly struct InQueueOrder(LaterEntries owner) : ISliceOrder<Later>
    {
        public int SliceOf(in Later entry, int slices) =>
            (int)Math.Clamp(((entry.Time - owner._start) * owner._scale - owner._current) * slices, 0, slices - 1);

        public bool ComesAfter(in Later entry, in Later other) =>
            entry.Time > other.Time ||
            (entry.Time == other.Time && owner._table.OrderOf(entry.Handle) > owner._table.OrderOf(other.Handle));

        // Many entries at one time: the key is a total order (no two entries share a sequence), so an
        // unstable sort gives the one order there is.
        public void SortLongSlice(Span<Later> slice) => slice.Sort(owner._compare);
    }

    /// <summary>Buckets for <paramref name="entries"/>: equal widths from the least finite time
    /// to the greatest, about <see cref="EntriesPerBucket"/> to a bucket (the greatest itself falls just
    /// past the last, into the overflow, and is spread again with it).</summary>
    /// <remarks>Equal widths over the whole range: one entry far later than the rest (a watchdog a
    /// million time units ahead of exponential delays) puts nearly all in the first bucket, which then
    /// behaves as the heap alone would, only slower by the run's checks, until the clock passes it.</remarks>
    private bool TryPlanBuckets(ReadOnlySpan<Later> entries, int fewest)
    {
        if (entries.Length < fewest)
        {
            return false;
        }

        double least = double.PositiveInfinity;
        double greatest = double.NegativeInfinity;
        foreach (ref readonly var entry in entries)
        {
            if (entry.Time != double.PositiveInfinity)
            {
                least = Math.Min(least, entry.Time);
                greatest = Math.Max(greatest, entry.Time);
            }
        }

        int count = Math.Clamp(entries.Length / EntriesPerBucket, 2, MaxBuckets);
        double scale = count / (greatest - least);

        // No span (all at one time, or none finite), or one too small or too large for a finite,
        // positive scale: positions would be NaN and entries lost, so the heap keeps them.
        if (!(greatest > least) || !double.IsFinite(scale) || !(scale > 0) || !double.IsFinite(greatest - least))
        {
            return false;
        }

        if (_buckets.Length < count)
        {
            int had = _buckets.Length;
            Array.Resize(ref _buckets, count);
            for (int i = had; i < count; i++)
            {
                _buckets[i] = new Bucket();
            }
        }

        _bucketCount = count;
        _current = -1;
        _start = least;
        _scale = scale;
        return true;
    }

    /// <summary>A growable list of entries, reused once emptied.</summary>
    private sealed class Bucket
    {
        public Later[] Entries = new Later[16];
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(double time, int handle)
        {
            int count = Count;
            if (count == Entries.Length)
            {
                Array.Resize(ref Entries, 2 * count);
            }

            Entries[count] = new Later(time, handle);
            Count = count + 1;
        }
    }
}

/// <summary>A later entry: its time and its handle in the <see cref="TargetTable"/>.</summary>
internal readonly record struct Later(double Time, int Handle);
