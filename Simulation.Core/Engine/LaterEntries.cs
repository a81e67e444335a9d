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
    /// <summary>How many entries ahead of the run's head a target is prefetched.</summary>
    private const int LookAhead = 16;

    /// <summary>How many entries a bucket is meant to hold on average when entries are spread.</summary>
    private const int EntriesPerBucket = 64;

    private const int MaxBuckets = 4096;

    /// <summary>Up to this many entries, a slice of a bucket is sorted by insertion.</summary>
    private const int ShortSlice = 32;

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

    private double[] _runTimes = new double[64];
    private int[] _runHandles = new int[64];
    private int _runHead;
    private int _runEnd;
    private int[] _slices = new int[64];
    private int[] _sliceStarts = new int[65];
    private (double Time, long Order, int Handle)[] _bulk = [];

    /// <summary>How many entries wait here, in buckets or in the run.</summary>
    public int Count => _inBuckets + _runEnd - _runHead;

    /// <summary>Whether entries are being bucketed (otherwise every entry belongs to the heap).</summary>
    public bool IsSpread => _bucketCount > 0;

    /// <summary>Whether the run holds entries (the next of which is <see cref="RunHeadTime"/>).</summary>
    public bool HasRun => _runHead < _runEnd;

    /// <summary>The time of the run's next entry (only while <see cref="HasRun"/>).</summary>
    public double RunHeadTime => _runTimes[_runHead];

    /// <summary>The handle of the run's next entry (only while <see cref="HasRun"/>).</summary>
    public int RunHeadHandle => _runHandles[_runHead];

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
        if (!TryPlanBuckets(times, fewest))
        {
            return false;
        }

        for (int i = 0; i < times.Length; i++)
        {
            bool kept = TryKeep(times[i], handles[i]);
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
            table.PrefetchSlot(_runHandles[head + 2 * LookAhead]);
        }

        if (head + LookAhead < _runEnd)
        {
            table.PrefetchTarget(_runHandles[head + LookAhead]);
        }

        return _runHandles[head];
    }

    /// <summary>
    /// For a queue whose heap and run are both empty: sorts the next non-empty bucket into the run
    /// (spreading the overflow afresh when every bucket has been taken) and returns 0; or, with too
    /// few entries left to spread (fewer than <paramref name="fewest"/>), stops bucketing and hands
    /// them all over for the heap, returning their number.
    /// </summary>
    public int Advance(int fewest, out double[] times, out int[] handles)
    {
        while (true)
        {
            while (++_current < _bucketCount)
            {
                var bucket = _buckets[_current];
                if (bucket.Count > 0)
                {
                    StartRun(bucket);
                    times = [];
                    handles = [];
                    return 0;
                }
            }

            int overflow = _overflow.Count;
            _current = -1;
            _bucketCount = 0;
            double[] overflowTimes = _overflow.Times;
            int[] overflowHandles = _overflow.Handles;
            if (!TryPlanBuckets(overflowTimes.AsSpan(0, overflow), fewest))
            {
                // Bucketing stops: every entry left goes to the heap, and TryKeep keeps none.
                _inBuckets = 0;
                _overflow.Count = 0;
                _scale = 0;
                _current = NotSpread;
                times = overflowTimes;
                handles = overflowHandles;
                return overflow;
            }

            // Spread in place: the i-th entry read is written back, if to the overflow at all, at an
            // index no greater than i, so nothing unread is overwritten and the arrays never grow.
            _inBuckets -= overflow;
            _overflow.Count = 0;
            for (int i = 0; i < overflow; i++)
            {
                bool kept = TryKeep(overflowTimes[i], overflowHandles[i]);
                Debug.Assert(kept, "every entry of a spread is at or after the least time");
            }
        }
    }

    /// <summary>Sorts <paramref name="bucket"/> (the current one) into the run and empties it.</summary>
    private void StartRun(Bucket bucket)
    {
        int count = bucket.Count;
        _inBuckets -= count;
        bucket.Count = 0;
        if (_runTimes.Length < count)
        {
            _runTimes = new double[Math.Max(count, 2 * _runTimes.Length)];
            _runHandles = new int[_runTimes.Length];
            _slices = new int[_runTimes.Length];
            _sliceStarts = new int[_runTimes.Length + 1];
        }

        SortBySlices(bucket.Times, bucket.Handles, count);
        _runHead = 0;
        _runEnd = count;
        for (int i = 0; i < Math.Min(count, 2 * LookAhead); i++)
        {
            table.PrefetchSlot(_runHandles[i]);
        }

        for (int i = 0; i < Math.Min(count, LookAhead); i++)
        {
            table.PrefetchTarget(_runHandles[i]);
        }
    }

    /// <summary>Sorts the current bucket's entries into the run: by counting into
    /// <paramref name="count"/> equal slices of its time (the slice never decreases as time grows, so
    /// the slices are in order), then each slice on the full key.</summary>
    private void SortBySlices(double[] times, int[] handles, int count)
    {
        var ends = _sliceStarts.AsSpan(0, count + 1);
        ends.Clear();
        for (int i = 0; i < count; i++)
        {
            double place = ((times[i] - _start) * _scale - _current) * count;
            int slice = (int)Math.Clamp(place, 0, count - 1);
            _slices[i] = slice;
            ends[slice + 1]++;
        }

        for (int i = 1; i <= count; i++)
        {
            ends[i] += ends[i - 1];
        }

        // ends[s] is where slice s begins; filling it moves it to where slice s ends.
        for (int i = 0; i < count; i++)
        {
            int at = ends[_slices[i]]++;
            _runTimes[at] = times[i];
            _runHandles[at] = handles[i];
        }

        int begin = 0;
        for (int slice = 0; slice < count; slice++)
        {
            int end = ends[slice];
            SortSlice(begin, end);
            begin = end;
        }
    }

    /// <summary>Orders the run from <paramref name="begin"/> to <paramref name="end"/> on the full key:
    /// by insertion when the slice is short, as nearly all are; a slice of many equal times (entries
    /// in bulk at one time) by a full sort.</summary>
    private void SortSlice(int begin, int end)
    {
        if (end - begin > ShortSlice)
        {
            if (_bulk.Length < end - begin)
            {
                _bulk = new (double, long, int)[Math.Max(end - begin, 2 * _bulk.Length)];
            }

            var keys = _bulk.AsSpan(0, end - begin);
            for (int i = begin; i < end; i++)
            {
                keys[i - begin] = (_runTimes[i], table.OrderOf(_runHandles[i]), _runHandles[i]);
            }

            keys.Sort();
            for (int i = begin; i < end; i++)
            {
                (_runTimes[i], _, _runHandles[i]) = keys[i - begin];
            }

            return;
        }

        for (int i = begin + 1; i < end; i++)
        {
            double time = _runTimes[i];
            int handle = _runHandles[i];
            int j = i - 1;
            while (j >= begin && ComesAfter(_runTimes[j], _runHandles[j], time, handle))
            {
                _runTimes[j + 1] = _runTimes[j];
                _runHandles[j + 1] = _runHandles[j];
                j--;
            }

            _runTimes[j + 1] = time;
            _runHandles[j + 1] = handle;
        }
    }

    private bool ComesAfter(double time, int handle, double otherTime, int otherHandle) =>
        time > otherTime || (time == otherTime && table.OrderOf(handle) > table.OrderOf(otherHandle));

    /// <summary>Buckets for entries at <paramref name="times"/>: equal widths from the least finite time
    /// to the greatest, about <see cref="EntriesPerBucket"/> to a bucket (the greatest itself falls just
    /// past the last, into the overflow, and is spread again with it).</summary>
    /// <remarks>Equal widths over the whole range: one entry far later than the rest (a watchdog a
    /// million time units ahead of exponential delays) puts nearly all in the first bucket, which then
    /// behaves as the heap alone would, only slower by the run's checks, until the clock passes it.</remarks>
    private bool TryPlanBuckets(ReadOnlySpan<double> times, int fewest)
    {
        if (times.Length < fewest)
        {
            return false;
        }

        double least = double.PositiveInfinity;
        double greatest = double.NegativeInfinity;
        foreach (double time in times)
        {
            if (time != double.PositiveInfinity)
            {
                least = Math.Min(least, time);
                greatest = Math.Max(greatest, time);
            }
        }

        int count = Math.Clamp(times.Length / EntriesPerBucket, 2, MaxBuckets);
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

    /// <summary>A growable list of (time, handle) pairs, reused once emptied.</summary>
    private sealed class Bucket
    {
        public double[] Times = new double[16];
        public int[] Handles = new int[16];
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(double time, int handle)
        {
            int count = Count;
            if (count == Times.Length)
            {
                Array.Resize(ref Times, 2 * count);
                Array.Resize(ref Handles, 2 * count);
            }

            Times[count] = time;
            Handles[count] = handle;
            Count = count + 1;
        }
    }
}
