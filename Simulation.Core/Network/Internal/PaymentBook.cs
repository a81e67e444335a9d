namespace Simulation.Core.Network;

/// <summary>
/// Payments falling due, by the day on which they fall due (in the order booked within a day), each
/// day's payments side by side in one array of reference-free structs: the day-end walk reads them in
/// order, which the processor prefetches, where payments linked through one shared array were scattered
/// over megabytes and each read a cache miss (the largest part of the day end, and what grew most with
/// two replications sharing the cache: benchmarks/README.md, "The whole command"). Deliveries on one link
/// that fall due on the same day are merged into one payment. A settled day's array serves a later day,
/// and at <see cref="Release"/> all go to <see cref="SpareArrays{T}"/> for a later book,
/// so nothing is allocated per payment and the garbage collector never scans them.
/// </summary>
internal sealed class PaymentBook
{
    private const int FirstDayCapacity = 16;

    private readonly Entry[]?[] _due;   // by day: the payments due, the first _count[day] entries
    private readonly int[] _count;
    private readonly int[] _linkDay;    // by link: the day of its open payment (0: none)...
    private readonly int[] _linkEntry;  // ...and where in that day's array it is
    private readonly Stack<Entry[]> _spare = SpareArrays<Entry>.Take();

    public PaymentBook(int lastDay, int linkCount)
    {
        _due = new Entry[]?[lastDay + 1];
        _count = new int[lastDay + 1];
        _linkDay = new int[linkCount];
        _linkEntry = new int[linkCount];
    }

    public int LastDay => _due.Length - 1;

    public void Add(int day, int link, int payer, int payee, double amount)
    {
        // Days start at 1, so 0 means "no open payment on this link".
        if (_linkDay[link] == day)
        {
            _due[day]![_linkEntry[link]].Amount += amount;
            return;
        }

        var entries = _due[day] ??= _spare.Count > 0 ? _spare.Pop() : new Entry[FirstDayCapacity];
        int index = _count[day];
        if (index == entries.Length)
        {
            // The smaller array is dropped: kept, it would only make a later day grow again.
            var larger = new Entry[entries.Length * 2];
            Array.Copy(entries, larger, index);
            _due[day] = entries = larger;
        }

        entries[index] = new Entry { Payer = payer, Payee = payee, Link = link, Amount = amount };
        _count[day] = index + 1;
        _linkDay[link] = day;
        _linkEntry[link] = index;
    }

    /// <summary>
    /// How many payments fall due on <paramref name="day"/> (so far: one booked while the day is walked
    /// joins the walk). Read them with <see cref="Take"/> from 0 up, then <see cref="Settle"/> the day.
    /// </summary>
    public int DueCount(int day) => _count[day];

    /// <summary>Reads payment <paramref name="index"/> of <paramref name="day"/> and closes its link's open payment.</summary>
    public Entry Take(int day, int index)
    {
        var entry = _due[day]![index];
        if (_linkDay[entry.Link] == day && _linkEntry[entry.Link] == index)
        {
            _linkDay[entry.Link] = 0;
        }

        return entry;
    }

    /// <summary>Ends the walk of <paramref name="day"/>: its array serves a later day.</summary>
    public void Settle(int day)
    {
        if (_due[day] is { } entries)
        {
            _spare.Push(entries);
            _due[day] = null;
            _count[day] = 0;
        }
    }

    /// <summary>Leaves every array to the thread's next book; this one must not be used afterwards.</summary>
    public void Release()
    {
        for (int day = 0; day < _due.Length; day++)
        {
            if (_due[day] is { } entries)
            {
                _spare.Push(entries);
                _due[day] = null;
            }
        }

        SpareArrays<Entry>.Keep(_spare);
    }

    internal struct Entry
    {
        public int Payer;
        public int Payee;
        public int Link;
        public double Amount;
    }
}
