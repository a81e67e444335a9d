namespace Simulation.Core.Network;

/// <summary>A growable FIFO ring of open customer orders (link, remaining quantity, order number, time placed); no allocation once grown.</summary>
internal sealed class OrderQueue
{
    private Entry[] _items = new Entry[4];
    private int _head;

    public int Count { get; private set; }

    public ref Entry Peek() => ref _items[_head];

    public ref Entry At(int i) => ref _items[(_head + i) & (_items.Length - 1)];

    public void Enqueue(int link, double remaining, long orderId, double placedAt)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = new Entry { Link = link, Remaining = remaining, OrderId = orderId, PlacedAt = placedAt };
        Count++;
    }

    public void Dequeue()
    {
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    /// <summary>Removes every order whose link satisfies <paramref name="remove"/>, keeping the order of the rest.</summary>
    /// <returns>The total remaining quantity removed.</returns>
    public double RemoveWhere<TState>(TState state, Func<TState, int, bool> remove)
    {
        double removed = 0;
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            var entry = At(i);
            if (remove(state, entry.Link))
            {
                removed += entry.Remaining;
            }
            else
            {
                At(kept++) = entry;
            }
        }

        Count = kept;
        return removed;
    }

    private void Grow()
    {
        var larger = new Entry[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            larger[i] = At(i);
        }

        _items = larger;
        _head = 0;
    }

    internal struct Entry
    {
        public int Link;
        public double Remaining;
        public long OrderId;
        public double PlacedAt;
    }
}
