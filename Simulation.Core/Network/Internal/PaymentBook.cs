using System.Buffers;

namespace Simulation.Core.Network;

/// <summary>
/// Payments falling due, bucketed by the day on which they fall due (FIFO within a day), in flat
/// arrays of reference-free structs with a free list: nothing is allocated per payment once the
/// arrays have grown, and the garbage collector never scans them. Deliveries on one link that fall
/// due on the same day are merged into one payment. The entries array comes from the shared array
/// pool and goes back there at <see cref="Release"/>: with tens of thousands of payments outstanding it
/// grows to megabytes, which every replication would otherwise allocate again.
/// </summary>
internal sealed class PaymentBook
{
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[] _linkDay;
    private readonly int[] _linkEntry;
    private Entry[] _entries = ArrayPool<Entry>.Shared.Rent(1024);
    private int _used;
    private int _free = -1;

    public PaymentBook(int lastDay, int linkCount)
    {
        _head = new int[lastDay + 1];
        _tail = new int[lastDay + 1];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
        _linkDay = new int[linkCount];
        _linkEntry = new int[linkCount];
    }

    public int LastDay => _head.Length - 1;

    public void Add(int day, int link, int payer, int payee, double amount)
    {
        // Days start at 1, so 0 means "no open payment on this link".
        if (_linkDay[link] == day)
        {
            _entries[_linkEntry[link]].Amount += amount;
            return;
        }

        int index;
        if (_free >= 0)
        {
            index = _free;
            _free = _entries[index].Next;
        }
        else
        {
            if (_used == _entries.Length)
            {
                var larger = ArrayPool<Entry>.Shared.Rent(_entries.Length * 2);
                Array.Copy(_entries, larger, _used);
                ArrayPool<Entry>.Shared.Return(_entries);
                _entries = larger;
            }

            index = _used++;
        }

        _entries[index] = new Entry { Payer = payer, Payee = payee, Link = link, Amount = amount, Next = -1 };
        if (_tail[day] >= 0)
        {
            _entries[_tail[day]].Next = index;
        }
        else
        {
            _head[day] = index;
        }

        _tail[day] = index;
        _linkDay[link] = day;
        _linkEntry[link] = index;
    }

    /// <summary>Detaches the payments due on <paramref name="day"/>; walk them with <see cref="Take"/>.</summary>
    public int Detach(int day)
    {
        int first = _head[day];
        _head[day] = -1;
        _tail[day] = -1;
        return first;
    }

    /// <summary>Reads and frees entry <paramref name="index"/>; returns the next index of its day, or -1.</summary>
    public int Take(int index, out Entry entry)
    {
        entry = _entries[index];
        if (_linkEntry[entry.Link] == index)
        {
            _linkDay[entry.Link] = 0;
        }

        _entries[index] = new Entry { Next = _free };
        _free = index;
        return entry.Next;
    }

    /// <summary>Returns the pooled entries; the book must not be used afterwards.</summary>
    public void Release()
    {
        ArrayPool<Entry>.Shared.Return(_entries);
        _entries = [];
    }

    internal struct Entry
    {
        public int Payer;
        public int Payee;
        public int Link;
        public int Next;
        public double Amount;
    }
}
